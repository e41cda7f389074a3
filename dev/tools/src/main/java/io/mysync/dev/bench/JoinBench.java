package io.mysync.dev.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mysync.common.position.CheckpointStore;
import io.mysync.common.position.Position;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.KafkaConfig;
import io.mysync.config.model.MySyncConfig;
import io.mysync.reader.ReaderCheckpoints;
import io.mysync.runtime.Pipeline;
import io.mysync.runtime.verify.CatchUp;
import io.mysync.sandbox.Sandbox;
import io.mysync.sandbox.server.SqlServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;

/**
 * What joined documents cost ({@code ./mysync bench --joins}), measured in one run on the sandbox: the Elasticsearch
 * writer's rate for parent rows as plain documents and as documents with one nest and one lookup (the join stage
 * included), how long an update of a row referenced by 10,000 documents takes to reach all of them, and the state
 * the join stage keeps per parent.
 */
public final class JoinBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Documents that reference the one customer whose updates are timed. */
    private static final int FAN_OUT = 10_000;
    private static final int UPDATES = 20;
    private static final int CHILDREN = 2;

    private JoinBench() {
    }

    public static void run(Sandbox sandbox, int parents) throws Exception {
        SqlServer source = sandbox.mariadb();
        String run = "joinbench" + System.currentTimeMillis() / 1000;
        String database = "mysync_joinbench";
        Path dir = sandbox.layout().runDir().resolve("bench").resolve(run);
        Files.createDirectories(dir);
        int fanOut = Math.min(FAN_OUT, parents);
        try (Connection db = DriverManager.getConnection(source.jdbcUrl(""), "root", SqlServer.PASSWORD);
             Statement st = db.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + database);
            st.execute("CREATE DATABASE " + database);
            st.execute("CREATE TABLE " + database + ".customers (id BIGINT PRIMARY KEY, name VARCHAR(40), "
                    + "tier VARCHAR(10))");
            for (String table : List.of("orders", "orders_plain")) {
                st.execute("CREATE TABLE " + database + "." + table + " (id BIGINT PRIMARY KEY, customer_id BIGINT, "
                        + "status VARCHAR(10), total DECIMAL(12,2))");
            }
            st.execute("CREATE TABLE " + database + ".order_items (order_id BIGINT NOT NULL, line INT NOT NULL, "
                    + "sku VARCHAR(20), qty INT, PRIMARY KEY (order_id, line))");
            Position start = CatchUp.sourceEnd(db);
            System.out.printf("joins  loading 100 customers and %,d order items (%d per order)...%n",
                    parents * CHILDREN, CHILDREN);
            insert(st, database + ".customers", 100, i -> (i + 1) + ", 'c" + (i + 1) + "', 'gold'");
            insert(st, database + ".order_items", parents * CHILDREN,
                    i -> (i / CHILDREN + 1) + ", " + (i % CHILDREN) + ", 'sku" + (i % 97) + "', " + (i % 9 + 1));
            Position children = CatchUp.sourceEnd(db);

            Path reader = config(dir, "reader", sandbox, source, run, database, start, true, true);
            Path joinedFile = config(dir, "joined", sandbox, source, run, database, start, true, false);
            Path plainFile = config(dir, "plain", sandbox, source, run, database, start, false, true);
            MySyncConfig readerConfig = ConfigLoader.load(reader);
            MySyncConfig joined = ConfigLoader.load(joinedFile);
            MySyncConfig plain = ConfigLoader.load(plainFile);
            CheckpointStore checkpoints = ReaderCheckpoints.open(readerConfig);
            publish(readerConfig, checkpoints, children);
            System.out.println("joins  the join stage takes in the children; both writers catch up (warm-up)...");
            catchUp(joined, checkpoints, children);
            catchUp(plain, checkpoints, children);

            System.out.printf("joins  %,d orders into a joined index and the same rows into a plain one...%n", parents);
            insert(st, database + ".orders", parents, i -> (i + 1) + ", " + (i < fanOut ? 1 : 2 + i % 99)
                    + ", 'new', " + (i % 1000) + ".25");
            st.execute("INSERT INTO " + database + ".orders_plain SELECT * FROM " + database + ".orders");
            Position end = CatchUp.sourceEnd(db);
            publish(readerConfig, checkpoints, end);

            System.out.println("joins  plain Elasticsearch writer...");
            double plainCpu0 = ProcessCpu.seconds();
            double plainRate = parents / catchUp(plain, checkpoints, end);
            double plainCpu = (ProcessCpu.seconds() - plainCpu0) * 1e6 / parents;
            System.out.println("joins  join stage and Elasticsearch writer...");
            double joinedCpu0 = ProcessCpu.seconds();
            long t0 = System.nanoTime();
            try (Pipeline pipeline = new Pipeline(joined, false, Set.of("elasticsearch"), true).start();
                 Admin admin = Admin.create(joined.kafka().clients().admin(Map.of()))) {
                CatchUp.await(joined, checkpoints, end, "elasticsearch", Duration.ofMinutes(30));
                double joinedRate = parents / ((System.nanoTime() - t0) / 1e9);
                double joinedCpu = (ProcessCpu.seconds() - joinedCpu0) * 1e6 / parents;

                System.out.printf("joins  plain %,.0f docs/s, joined %,.0f docs/s; %d updates of a customer referenced "
                        + "by %,d orders, the reader running...%n", plainRate, joinedRate, UPDATES, fanOut);
                List<Long> latencies = new ArrayList<>();
                try (Pipeline running = new Pipeline(readerConfig, true, Set.of(), false).start();
                     Statement updates = DriverManager.getConnection(source.jdbcUrl(database), "root",
                        SqlServer.PASSWORD).createStatement()) {
                    for (int u = 0; u < UPDATES; u++) {
                        String name = "v" + u;
                        long committed = System.nanoTime();
                        updates.execute("UPDATE customers SET name = '" + name + "' WHERE id = 1");
                        awaitCount(sandbox.elasticsearch().url(), run + "_orders", name, fanOut,
                                committed + Duration.ofMinutes(2).toNanos());
                        latencies.add((System.nanoTime() - committed) / 1_000_000);
                    }
                }
                long[] state = state(joined, admin);
                Collections.sort(latencies);
                long p50 = latencies.get(latencies.size() / 2);
                long p99 = latencies.get((int) Math.ceil(0.99 * latencies.size()) - 1);
                double ratio = joinedRate / plainRate;

                System.out.println();
                System.out.printf("MySync joined-documents benchmark: MariaDB %s, %,d orders with %d items each and a "
                        + "customer, Elasticsearch, %d cores%n", source.name(), parents, CHILDREN,
                        Runtime.getRuntime().availableProcessors());
                System.out.println("| measure | figure | target |");
                System.out.println("|---|---|---|");
                System.out.printf("| plain writer, the orders as rows | %,.0f docs/s, %.0f us CPU per row | - |%n",
                        plainRate, plainCpu);
                System.out.printf("| join stage + writer, one nest (items) and one lookup (customer) | %,.0f docs/s "
                        + "(%.0f%% of plain), %.0f us CPU per row | >= 50%% of plain: %s |%n", joinedRate,
                        100 * ratio, joinedCpu, ratio >= 0.5 ? "met" : "not met");
                System.out.printf("| update of a customer referenced by %,d orders, visible in all (%d updates) | "
                        + "p50 %,d ms, p99 %,d ms | p99 <= 5 s: %s |%n", fanOut, UPDATES, p50, p99,
                        fanOut < FAN_OUT ? "not measured (fewer orders than 10,000)" : p99 <= 5000 ? "met"
                                : "not met");
                long rowsKept = parents + (long) parents * CHILDREN + 100;
                System.out.printf("| join state: local stores %,d bytes, changelog topics %,d bytes, for %,d orders, "
                        + "%,d items, 100 customers | %,.0f bytes of changelog per order (%,.0f per row kept) | - |%n", state[0], state[1], parents, parents * CHILDREN,
                        (double) state[1] / parents, (double) state[1] / rowsKept);
            }
        }
    }

    /** {@code rows} rows inserted 1,000 to a statement; {@code values} gives the i-th row's values. */
    private static void insert(Statement st, String table, int rows, java.util.function.IntFunction<String> values)
            throws Exception {
        for (int from = 0; from < rows; from += 1000) {
            StringBuilder sql = new StringBuilder("INSERT INTO " + table + " VALUES ");
            for (int i = from; i < Math.min(rows, from + 1000); i++) {
                sql.append(i == from ? "" : ", ").append('(').append(values.apply(i)).append(')');
            }
            st.execute(sql.toString());
        }
    }

    private static void publish(MySyncConfig config, CheckpointStore checkpoints, Position end) throws Exception {
        try (Pipeline reader = new Pipeline(config, true, Set.of(), false).start()) {
            CatchUp.awaitCheckpoint(checkpoints, config.source().id(), end, reader::fatal,
                    System.nanoTime() + Duration.ofMinutes(30).toNanos());
        }
    }

    /** @return seconds from the writer's start until it applied everything up to {@code end} */
    private static double catchUp(MySyncConfig config, CheckpointStore checkpoints, Position end) throws Exception {
        long start = System.nanoTime();
        try (Pipeline writer = new Pipeline(config, false, Set.of("elasticsearch"), true).start()) {
            CatchUp.await(config, checkpoints, end, "elasticsearch", Duration.ofMinutes(30));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void awaitCount(String url, String index, String name, int count, long deadline)
            throws Exception {
        String query = "{\"query\":{\"term\":{\"customer.name.keyword\":\"" + name + "\"}}}";
        while (true) {
            HTTP.send(HttpRequest.newBuilder(URI.create(url + "/" + index + "/_refresh"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            long found = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url + "/" + index + "/_count"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(query))
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).path("count").asLong();
            if (found >= count) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(found + " of " + count + " documents show " + name + " after 2 min");
            }
            Thread.sleep(20);
        }
    }

    /** Bytes of the join stage's local state directory, and of its changelog topics on the broker. */
    private static long[] state(MySyncConfig config, Admin admin) throws Exception {
        long local;
        try (Stream<Path> files = Files.walk(config.writer().joinStateDir())) {
            local = files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
        String prefix = KafkaConfig.joinApplicationId(config.source().id()) + "-";
        long changelogs = 0;
        var dirs = admin.describeLogDirs(admin.describeCluster().nodes().get().stream().map(n -> n.id()).toList())
                .allDescriptions().get();
        for (var broker : dirs.values()) {
            for (var logDir : broker.values()) {
                for (var replica : logDir.replicaInfos().entrySet()) {
                    if (replica.getKey().topic().startsWith(prefix) && replica.getKey().topic().endsWith("-changelog")) {
                        changelogs += replica.getValue().size();
                    }
                }
            }
        }
        return new long[] {local, changelogs};
    }

    private static Path config(Path dir, String name, Sandbox sandbox, SqlServer source, String run, String database,
                               Position start, boolean joined, boolean plain) throws Exception {
        String mappings = (joined ? """
                  - table: %1$s.orders
                    elasticsearch:
                      index: "%2$s_orders"
                      nest:
                        - { table: %1$s.order_items, parent_key: [ order_id ], path: items, columns: [ line, sku, qty ] }
                      lookup:
                        - { table: %1$s.customers, key: [ customer_id ], into: customer, columns: [ name, tier ] }
                """ : "") + (plain ? """
                  - table: %1$s.orders_plain
                    elasticsearch: { index: "%2$s_orders_plain" }
                """ : "");
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                source:
                  id: %s
                  url: %s
                  password: %s
                  server_id: 54097
                  start: position
                  start_file: %s
                  start_position: %d
                kafka:
                  bootstrap: %s
                  partitions: 6
                  replication_factor: 1
                checkpoint:
                  dir: checkpoints
                  interval: 100ms
                writer:
                  group: "mysync.{source}.{sink}.%s"
                  batch_size: 5000
                  poll_timeout: 50ms
                  join_state_dir: join-state-%s
                sinks:
                  elasticsearch:
                    hosts: [ "%s" ]
                    index_replicas: 0
                mappings:
                """.formatted(run, source.sourceUrl(), SqlServer.PASSWORD, start.binlogFile(), start.binlogPosition(),
                sandbox.kafka().endpoint(), name, name, sandbox.elasticsearch().url())
                + mappings.formatted(database, run));
        return file;
    }
}
