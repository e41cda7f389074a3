package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mysync.runtime.Pipeline;
import io.mysync.dev.demo.DemoWorkload;
import io.mysync.dev.compare.ComparisonResult;
import io.mysync.dev.compare.ElasticsearchComparison;
import io.mysync.dev.compare.HBaseComparison;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MySyncConfig;
import io.mysync.common.kafka.TopicNames;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.sandbox.Sandbox;
import io.mysync.sandbox.server.SqlServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.hadoop.hbase.TableName;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * MariaDB and MySQL 8 -> Kafka -> Elasticsearch and HBase on real servers: inserts, updates, deletes and primary-key changes
 * arrive exactly; replaying every topic from offset 0 changes nothing; a row Elasticsearch rejects goes to the
 * dead-letter topic with its error while the rest of its batch and the HBase writer go on.
 */
@ExtendWith(SandboxExtension.class)
class ElasticsearchHBaseIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mariadb", "mysql"})
    void changesArriveExactlyReplaysChangeNothingAndRejectedRowsAreDeadLettered(String flavor) throws Exception {
        Sandbox sandbox = TestEnv.sandbox();
        SqlServer server = TestEnv.server(flavor);
        Files.writeString(dir.resolve("codes-mapping.json"), "{\"properties\": {\"code\": {\"type\": \"integer\"}}}");
        StoresFixture stores = new StoresFixture(server, dir, """
                  - table: {database}.codes
                    elasticsearch: { index: "{source}_codes", mapping_file: codes-mapping.json }
                    hbase: { table: "{source}_codes" }
                """);
        String database = stores.database;
        String source = stores.source;
        Path file = stores.configFile;
        MySyncConfig config = stores.config;
        TestEnv.execute(server, database, "CREATE TABLE codes (id INT PRIMARY KEY, code VARCHAR(20))");

        try (Pipeline pipeline = new Pipeline(config, true, Set.of(), true).start()) {
            // a table named in full has its topic, index and HBase table before its first row (codes has none yet)
            String codesTopic = new TopicNames(config.kafka().topicTemplate(), source).topicOf(database, "codes");
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                assertThat(Stores.esGet("/" + source + "_codes/_mapping")).contains("\"code\":{\"type\":\"integer\"");
                try (org.apache.hadoop.hbase.client.Admin hbase = Stores.hbase().getAdmin();
                     Admin kafka = Admin.create(Map.of("bootstrap.servers", config.kafka().bootstrap()))) {
                    assertThat(hbase.tableExists(TableName.valueOf(source + "_codes"))).isTrue();
                    assertThat(kafka.listTopics().names().get()).contains(codesTopic);
                }
            });
            try (Connection db = TestEnv.root(server, database)) {
                DemoWorkload workload = new DemoWorkload(db, database);
                workload.run(1500, n -> { });
                assertThat(workload.keyChanges()).isPositive();
            }
            try (Connection db = TestEnv.root(server, database); Statement st = db.createStatement()) {
                db.setAutoCommit(false);
                st.execute("INSERT INTO customers (id, name, balance, created_at) VALUES "
                        + "(900001, 'Txn One', 1.00, '2024-01-01 00:00:00'), "
                        + "(900002, 'Txn Two', 2.00, '2024-01-01 00:00:00')");
                st.execute("UPDATE customers SET balance = balance * 10, notes = NULL WHERE id >= 900001");
                st.execute("UPDATE customers SET id = 900003 WHERE id = 900002");
                st.execute("DELETE FROM customers WHERE id = 900001");
                st.execute("INSERT INTO codes VALUES (1, '12'), (2, 'not a number'), (3, '13')");
                // the largest BIGINT UNSIGNED and a DECIMAL(14,2) at its full precision, searched for exactly below
                st.execute("INSERT INTO orders (id, customer_id, sku, qty, total, state, placed_on) VALUES "
                        + "(18446744073709551615, 1, 'sku-1', 1, 999999999999.99, 'paid', '2026-12-07')");
                db.commit();
            }
            stores.awaitCaughtUp(config, Duration.ofMinutes(3), "elasticsearch", "hbase");
            assertThat(pipeline.fatal()).isNull();
        }
        stores.assertStoresEqualSource();

        // BIGINT UNSIGNED and DECIMAL are exact and searchable in the index MySync derived: unsigned_long and
        // scaled_float where the cluster has their modules, exact keywords where it has not (the sandbox's node is
        // built from Maven Central jars, which hold neither mapper-extras nor x-pack)
        String orders = "/" + source + "_orders";
        String mapping = Stores.esGet(orders + "/_mapping");
        assertThat(mapping).containsAnyOf("\"id\":{\"type\":\"unsigned_long\"}", "\"id\":{\"type\":\"keyword\"}")
                .containsAnyOf("\"total\":{\"type\":\"scaled_float\",\"scaling_factor\":100.0}",
                        "\"total\":{\"type\":\"keyword\"}");
        System.out.println("ElasticsearchHBaseIT: orders mapped as " + mapping);
        assertThat(Stores.esGet(orders + "/_count?q=id:18446744073709551615")).contains("\"count\":1");
        assertThat(Stores.esGet(orders + "/_count?q=total:999999999999.99")).contains("\"count\":1");
        assertThat(Stores.esGet(orders + "/_count?q=total:999999999999.98")).contains("\"count\":0");

        // the rejected row is in the dead-letter topic with its error; its neighbours reached Elasticsearch
        List<JsonNode> letters = deadLetters(config);
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).path("sink").asText()).isEqualTo("elasticsearch");
        assertThat(letters.get(0).path("table").asText()).isEqualTo("codes");
        assertThat(letters.get(0).path("error_class").asText()).contains("parsing_exception");
        assertThat(letters.get(0).path("event").asText()).isNotEmpty();
        try (Connection db = TestEnv.root(server, database)) {
            ComparisonResult codes = HBaseComparison.compare(db, Stores.hbase(), source + "_codes", "d",
                    List.of("id"), database, "codes");
            assertThat(codes.clean()).as("HBase took every codes row: " + codes).isTrue();
            assertThat(codes.rowsChecked()).isEqualTo(3);
        }
        assertThat(Stores.esGet("/" + source + "_codes/_count")).contains("\"count\":2");

        // dlq list shows it; a replay before the fix dead-letters it again, nothing is lost
        MySyncProcess.Finished list = MySyncProcess.run(file, dir.resolve("dlq.log"), "dlq", "list");
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output()).contains("elasticsearch", database + ".codes", "INSERT", "pending",
                "parsing_exception", "1 dead letter(s)", "1 pending replay");
        MySyncProcess.Finished unfixed = MySyncProcess.run(file, dir.resolve("dlq.log"), "dlq", "replay");
        assertThat(unfixed.exitCode()).as(unfixed.output()).isEqualTo(1);
        assertThat(unfixed.output()).contains("rejected again", "new letter at offset 1", "0 applied, 1 rejected again");
        List<JsonNode> twice = deadLetters(config);
        assertThat(twice).hasSize(2);
        assertThat(twice.get(1).path("attempts").asInt()).isEqualTo(twice.get(0).path("attempts").asInt() + 1);
        assertThat(twice.get(1).path("event").asText()).isEqualTo(twice.get(0).path("event").asText());
        list = MySyncProcess.run(file, dir.resolve("dlq.log"), "dlq", "list");
        assertThat(list.output()).containsPattern("\\b0 .*replayed").containsPattern("\\b1 .*pending")
                .contains("2 dead letter(s)", "1 pending replay");

        // the fix: the field keeps malformed values in _source; the replay applies the letter and nothing else
        Stores.esPut("/" + source + "_codes/_mapping",
                "{\"properties\": {\"code\": {\"type\": \"integer\", \"ignore_malformed\": true}}}");
        MySyncProcess.Finished fixed = MySyncProcess.run(file, dir.resolve("dlq.log"), "dlq", "replay");
        assertThat(fixed.exitCode()).as(fixed.output()).isZero();
        assertThat(fixed.output()).contains("elasticsearch: 1 pending letter(s)", "offset 1 INSERT", "applied",
                "1 applied, 0 rejected again");
        try (Connection db = TestEnv.root(server, database)) {
            ComparisonResult codes = ElasticsearchComparison.compare(db, sandbox.elasticsearch().url(),
                    source + "_codes", List.of("id"), database, "codes");
            assertThat(codes.clean()).as("Elasticsearch codes after the replay: " + codes).isTrue();
            assertThat(codes.rowsChecked()).isEqualTo(3);
        }
        MySyncProcess.Finished again = MySyncProcess.run(file, dir.resolve("dlq.log"), "dlq", "replay");
        assertThat(again.output()).contains("elasticsearch: 0 pending letter(s)", "Replayed 0 letter(s)");
        assertThat(again.exitCode()).isZero();

        // replay: new consumer groups read every topic from offset 0 into the populated stores
        Files.writeString(file, Files.readString(file).replace("writer: {", "writer: { group: \"replay.{source}.{sink}\","));
        MySyncConfig replay = ConfigLoader.load(file);
        try (Pipeline writers = new Pipeline(replay, false, Set.of("elasticsearch", "hbase"), true).start()) {
            stores.awaitCaughtUp(replay, Duration.ofMinutes(3), "elasticsearch", "hbase");
            assertThat(writers.writer().workers()).allSatisfy(w -> assertThat(w.appliedEvents()).isGreaterThan(1500));
        }
        stores.assertStoresEqualSource();
    }

    static List<JsonNode> deadLetters(MySyncConfig config) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", config.kafka().bootstrap());
        p.put("group.id", TestEnv.unique("dlq-check"));
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", ByteArrayDeserializer.class.getName());
        List<JsonNode> letters = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(config.writer().deadLetterTopic(config.source().id())));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && letters.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    letters.add(json.readTree(r.value()));
                }
            }
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                letters.add(json.readTree(r.value()));
            }
        }
        return letters;
    }
}
