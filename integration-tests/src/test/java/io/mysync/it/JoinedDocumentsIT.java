package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mysync.common.position.Position;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.sandbox.server.SqlServer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Joined documents stay equal to the SQL join whatever the order in which their tables' changes arrive: a random
 * workload over orders, their items, the items' options (a nest in a nest, composite keys) and the customers they
 * look up (inserts, updates, children before parents, key moves, deletes, a TRUNCATE) runs while the writer, which
 * runs the join stage, is killed twice; then every Elasticsearch document and every Redis JSON value equals the LEFT
 * JOIN and the children aggregated per parent, read from the source in one consistent snapshot, and no document is
 * left for an order that does not exist. {@code mysync verify} then finds a document changed in Elasticsearch, and
 * {@code --repair} restores it.
 */
@ExtendWith(SandboxExtension.class)
class JoinedDocumentsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void documentsEqualTheJoinAfterARandomWorkloadAndTwoWriterKills(String flavor) throws Exception {
        SqlServer server = TestEnv.server(flavor);
        String db = TestEnv.unique("joined");
        String index = db.toLowerCase(java.util.Locale.ROOT);
        Position start = TestEnv.endOfBinlog(server);
        TestEnv.createDatabase(server, db,
                "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(40), tier VARCHAR(10))",
                "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NULL, status VARCHAR(10), "
                        + "total DECIMAL(10,2))",
                "CREATE TABLE order_items (order_id INT NOT NULL, line INT NOT NULL, sku VARCHAR(20), qty INT, "
                        + "PRIMARY KEY (order_id, line))",
                "CREATE TABLE item_options (order_id INT NOT NULL, line INT NOT NULL, opt VARCHAR(10) NOT NULL, "
                        + "val VARCHAR(20), PRIMARY KEY (order_id, line, opt))");
        Path config = config(server, db, index, start);

        Random random = new Random(flavor.hashCode());
        MySyncProcess reader = MySyncProcess.start(config, dir.resolve("reader.log"), "reader");
        MySyncProcess writer = MySyncProcess.start(config, dir.resolve("writer-1.log"), "writer");
        try (Connection source = TestEnv.root(server, db)) {
            workload(source, random, 300);
            writer.kill9();
            workload(source, random, 300);
            try (Statement st = source.createStatement()) {
                st.execute("TRUNCATE TABLE item_options");
            }
            writer = MySyncProcess.start(config, dir.resolve("writer-2.log"), "writer");
            workload(source, random, 300);
            Thread.sleep(random.nextInt(3000));
            writer.kill9();
            workload(source, random, 200);
            writer = MySyncProcess.start(config, dir.resolve("writer-3.log"), "writer");
            workload(source, random, 200);

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                Map<String, String> join = expected(source);
                assertThat(documents(index)).as("Elasticsearch").isEqualTo(join);
                assertThat(redisDocuments(db)).as("Redis, type json").isEqualTo(join);
            });
            Map<String, String> expected = expected(source);
            assertThat(expected).as("a workload that leaves orders behind").hasSizeGreaterThan(20);
            assertThat(expected.values()).as("some items hold options").anyMatch(doc -> doc.contains("\"options\":{\""));
            assertThat(expected.values()).as("some orders find their customer").anyMatch(doc -> doc.contains(
                    "\"name\":\""));
            assertThat(expected.values()).as("some orders have no item").anyMatch(doc -> doc.contains("\"items\":[]"));

            // verify compares each document with the join of the source rows, finds one changed in the store, and
            // --repair has the reader re-emit the order, so the join stage writes the document again
            CliRun clean = CliRun.of("verify", "--config", config.toString(), "--tables", db + ".orders");
            assertThat(clean.code()).as(clean.out() + clean.err()).isZero();
            assertThat(clean.out()).doesNotContain("skipped");
            String id = expected.keySet().iterator().next();
            Stores.esPost("/" + index + "/_update/" + id + "?refresh=true",
                    "{\"doc\":{\"customer\":{\"name\":\"tampered\"}}}");
            CliRun found = CliRun.of("verify", "--config", config.toString(), "--tables", db + ".orders");
            assertThat(found.code()).as(found.out() + found.err()).isEqualTo(1);
            assertThat(found.out()).contains("elasticsearch " + db + ".orders id=" + id + " (" + index + "/_doc/"
                    + id + "): customer is {\"name\":\"tampered\"");
            CliRun repair = CliRun.of("verify", "--config", config.toString(), "--tables", db + ".orders",
                    "--repair");
            assertThat(repair.code()).as(repair.out() + repair.err()).isZero();
            assertThat(repair.out()).contains("Repaired");
            assertThat(documents(index)).isEqualTo(expected(source));
            assertThat(redisDocuments(db)).isEqualTo(expected(source));
        } finally {
            writer.kill9();
            reader.kill9();
        }
    }

    private Path config(SqlServer server, String db, String index, Position start) throws Exception {
        Path file = TestEnv.config(dir, server, TestEnv.unique("src"), db, Map.of(), start);
        String yaml = Files.readString(file).replace("sinks:\n", "sinks:\n  elasticsearch:\n    hosts: [ \""
                + TestEnv.sandbox().elasticsearch().url() + "\" ]\n    index_replicas: 0\n")
                + """
                  - table: %1$s.orders
                    elasticsearch:
                      index: %2$s
                %3$s    redis:
                      key: "%1$s:order:{id}"
                      type: json
                %3$s""".formatted(db, index, shape(db));
        Files.writeString(file, yaml);
        return file;
    }

    /** The same document in both stores: items nested with their options, the customer looked up. */
    private static String shape(String db) {
        return """
                      nest:
                        - table: %1$s.order_items
                          parent_key: [ order_id ]
                          path: items
                          columns: [ line, sku, qty ]
                          nest:
                            - { table: %1$s.item_options, parent_key: [ order_id, line ], path: options, as: map,
                                columns: [ opt, val ] }
                      lookup:
                        - { table: %1$s.customers, key: [ customer_id ], into: customer, columns: [ name, tier ] }
                """.formatted(db);
    }

    /** {@code count} random statements in transactions of one to four, over small key ranges so they collide. */
    private static void workload(Connection source, Random random, int count) throws Exception {
        source.setAutoCommit(false);
        try (Statement st = source.createStatement()) {
            for (int i = 0; i < count; i++) {
                st.execute(statement(random));
                if (random.nextInt(3) == 0) {
                    source.commit();
                }
            }
            source.commit();
        } finally {
            source.setAutoCommit(true);
        }
    }

    private static String statement(Random random) {
        int order = random.nextInt(60);
        int line = random.nextInt(4);
        int customer = random.nextInt(12);
        String opt = "o" + random.nextInt(3);
        return switch (random.nextInt(16)) {
            case 0, 1 -> "INSERT IGNORE INTO customers VALUES (" + customer + ", 'c" + random.nextInt(1000) + "', '"
                    + (random.nextBoolean() ? "gold" : "basic") + "')";
            case 2 -> "UPDATE customers SET name = 'n" + random.nextInt(1000) + "' WHERE id = " + customer;
            case 3 -> "DELETE FROM customers WHERE id = " + customer;
            case 4, 5 -> "INSERT IGNORE INTO orders VALUES (" + order + ", "
                    + (random.nextInt(6) == 0 ? "NULL" : customer) + ", 'new', " + random.nextInt(10000) + ".25)";
            case 6 -> "UPDATE orders SET status = 's" + random.nextInt(100) + "', total = total + 1.5 WHERE id = "
                    + order;
            case 7 -> "UPDATE orders SET customer_id = " + customer + " WHERE id = " + order;
            case 8 -> "DELETE FROM orders WHERE id = " + order;
            case 9, 10 -> "INSERT IGNORE INTO order_items VALUES (" + order + ", " + line + ", 'sku"
                    + random.nextInt(50) + "', " + random.nextInt(9) + ")";
            case 11 -> "UPDATE order_items SET qty = qty + 1 WHERE order_id = " + order + " AND line = " + line;
            case 12 -> "UPDATE IGNORE order_items SET order_id = " + random.nextInt(60) + " WHERE order_id = "
                    + order + " AND line = " + line;
            case 13 -> "DELETE FROM order_items WHERE order_id = " + order + (random.nextBoolean() ? ""
                    : " AND line = " + line);
            case 14 -> "INSERT INTO item_options VALUES (" + order + ", " + line + ", '" + opt + "', 'v"
                    + random.nextInt(100) + "') ON DUPLICATE KEY UPDATE val = 'u" + random.nextInt(100) + "'";
            default -> "DELETE FROM item_options WHERE order_id = " + order + " AND line = " + line;
        };
    }

    /** Every order as the LEFT JOIN and the nested aggregates give it, from one consistent read of the source. */
    private static Map<String, String> expected(Connection source) throws Exception {
        Map<String, ObjectNode> orders = new TreeMap<>();
        source.setAutoCommit(false);
        try (Statement st = source.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            try (ResultSet rs = st.executeQuery("SELECT o.id, o.customer_id, o.status, o.total, c.name, c.tier "
                    + "FROM orders o LEFT JOIN customers c ON c.id = o.customer_id")) {
                while (rs.next()) {
                    ObjectNode doc = NODES.objectNode();
                    doc.put("id", rs.getInt(1));
                    doc.set("customer_id", rs.getObject(2) == null ? NODES.nullNode() : NODES.numberNode(rs.getInt(2)));
                    doc.put("status", rs.getString(3));
                    doc.put("total", rs.getBigDecimal(4));
                    doc.putObject("customer").put("name", rs.getString(5)).put("tier", rs.getString(6));
                    doc.putArray("items");
                    orders.put(rs.getString(1), doc);
                }
            }
            Map<String, ObjectNode> items = new TreeMap<>();
            try (ResultSet rs = st.executeQuery("SELECT order_id, line, sku, qty FROM order_items "
                    + "ORDER BY order_id, line")) {
                while (rs.next()) {
                    ObjectNode order = orders.get(rs.getString(1));
                    if (order != null) {
                        ObjectNode item = ((ArrayNode) order.get("items")).addObject();
                        item.put("line", rs.getInt(2)).put("sku", rs.getString(3)).put("qty", rs.getInt(4));
                        item.putObject("options");
                        items.put(rs.getString(1) + ":" + rs.getString(2), item);
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT order_id, line, opt, val FROM item_options")) {
                while (rs.next()) {
                    ObjectNode item = items.get(rs.getString(1) + ":" + rs.getString(2));
                    if (item != null) {
                        ((ObjectNode) item.get("options")).putObject(rs.getString(1) + ":" + rs.getString(2) + ":"
                                + rs.getString(3)).put("opt", rs.getString(3)).put("val", rs.getString(4));
                    }
                }
            }
            source.commit();
        } finally {
            source.setAutoCommit(true);
        }
        Map<String, String> out = new TreeMap<>();
        orders.forEach((id, doc) -> out.put(id, canonical(doc).toString()));
        return out;
    }

    /** Every document of the index, by id, in the same canonical form. */
    private static Map<String, String> documents(String index) throws Exception {
        Stores.esGet("/" + index + "/_refresh");
        JsonNode hits = JSON.readTree(Stores.esGet("/" + index + "/_search?size=10000")).path("hits").path("hits");
        Map<String, String> out = new TreeMap<>();
        hits.forEach(hit -> out.put(hit.path("_id").asText(), canonical(hit.path("_source")).toString()));
        return out;
    }

    /** Every Redis JSON value of the orders, by id, in the same canonical form. */
    private static Map<String, String> redisDocuments(String db) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (redis.clients.jedis.Jedis redis = new redis.clients.jedis.Jedis("127.0.0.1",
                TestEnv.sandbox().redis().port())) {
            for (String key : redis.keys(db + ":order:*")) {
                String value = redis.get(key);
                if (value != null) {
                    out.put(key.substring(key.lastIndexOf(':') + 1), canonical(JSON.readTree(value)).toString());
                }
            }
        }
        return out;
    }

    /**
     * Objects with sorted fields, numbers (and DECIMAL text, which Redis keeps as a string to stay exact) as their
     * plain decimal text: equal values print equal.
     */
    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = NODES.objectNode();
            List<String> names = new java.util.ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.stream().sorted().forEach(name -> sorted.set(name, canonical(node.get(name))));
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = NODES.arrayNode();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                array.add(canonical(it.next()));
            }
            return array;
        }
        if (node.isNumber() || node.isTextual() && node.asText().matches("-?\\d+\\.\\d+")) {
            return NODES.textNode(new BigDecimal(node.asText()).stripTrailingZeros().toPlainString());
        }
        return node;
    }
}
