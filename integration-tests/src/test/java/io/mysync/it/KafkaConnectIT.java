package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mysync.dev.demo.DemoSchema;
import io.mysync.dev.demo.DemoWorkload;
import io.mysync.runtime.Pipeline;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.sandbox.server.KafkaConnectWorker;
import io.mysync.sandbox.server.SqlServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer MySync did not write reads its topics: with {@code kafka.format: json}, Apache Kafka Connect running
 * Debezium's JDBC sink connector (both from Maven Central, JsonConverter with schemas) copies the shop from MariaDB
 * into a database on MySQL 8, which equals the source row by row after inserts, updates, deletes and primary-key
 * changes, and again after a second connector replays every topic from the start. MySync's own Redis writer reads
 * the same JSON topics and equals the source too.
 */
@ExtendWith(SandboxExtension.class)
class KafkaConnectIT {

    @TempDir
    Path dir;

    @Test
    void debeziumsJdbcSinkCopiesTheJsonTopicsExactly() throws Exception {
        SqlServer target = TestEnv.sandbox().mysql();
        KafkaConnectWorker connect = TestEnv.sandbox().kafkaConnect();
        connect.start();
        String copy = TestEnv.unique("connect");
        try (Connection c = TestEnv.root(target, "")) {
            DemoSchema.create(c, copy);
        }
        ShopFixture shop = new ShopFixture(TestEnv.sandbox().mariadb(), dir)
                .withConfig(yaml -> yaml.replace("kafka:\n", "kafka:\n  format: json\n"));
        try (Pipeline pipeline = new Pipeline(shop.config, true, Set.of("redis"), true).start()) {
            connect.addConnector(connector("copy-" + copy, shop, target, copy));
            try (Connection db = TestEnv.root(shop.server, shop.database); Statement st = db.createStatement()) {
                DemoWorkload workload = new DemoWorkload(db, shop.database);
                workload.run(600, n -> { });
                assertThat(workload.keyChanges()).isPositive();
                db.setAutoCommit(false);
                st.execute("INSERT INTO customers (id, name, balance, created_at) VALUES "
                        + "(900001, 'Txn One', 1.00, '2024-01-01 00:00:00'), "
                        + "(900002, 'Txn Two', 2.00, '2024-01-01 00:00:00')");
                st.execute("UPDATE customers SET id = 900003 WHERE id = 900002");
                st.execute("UPDATE customers SET name = 'Txn Three', notes = NULL WHERE id = 900003");
                st.execute("DELETE FROM customers WHERE id = 900001");
                db.commit();
            }
            shop.awaitCaughtUp(Duration.ofMinutes(2));
            assertThat(pipeline.fatal()).isNull();
            shop.assertRedisEqualsSource();
            awaitConnectorDone(connect, "copy-" + copy, shop);
            TableRows.assertEqual(shop.server, shop.database, target, copy);

            // a replay: a second connector, a consumer group of its own, applies every topic from the start again
            connect.addConnector(connector("replay-" + copy, shop, target, copy));
            awaitConnectorDone(connect, "replay-" + copy, shop);
            TableRows.assertEqual(shop.server, shop.database, target, copy);
        }
    }

    private static String connector(String name, ShopFixture shop, SqlServer target, String copy) {
        return """
                {"name": "%s", "config": {
                  "connector.class": "io.debezium.connector.jdbc.JdbcSinkConnector",
                  "tasks.max": "1",
                  "topics.regex": "mysync\\\\.%s\\\\.%s\\\\..*",
                  "connection.url": "jdbc:mysql://127.0.0.1:%d/%s?sslMode=REQUIRED&connectionTimeZone=UTC\
                &forceConnectionTimeZoneToSession=true",
                  "connection.username": "root",
                  "connection.password": "%s",
                  "insert.mode": "upsert",
                  "delete.enabled": "true",
                  "primary.key.mode": "record_key",
                  "schema.evolution": "none",
                  "collection.name.format": "${source.table}"
                }}""".formatted(name, shop.sourceId, shop.database, target.port(), copy, SqlServer.PASSWORD);
    }

    /** Until the connector's consumer group has committed the end of every topic of the shop. */
    private static void awaitConnectorDone(KafkaConnectWorker connect, String name, ShopFixture shop) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", shop.config.kafka().bootstrap()))) {
            await("connector " + name + " applies every event").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                        assertThat(connect.status(name)).doesNotContain("FAILED");
                        Map<TopicPartition, OffsetAndMetadata> committed = admin
                                .listConsumerGroupOffsets("connect-" + name).partitionsToOffsetAndMetadata().get();
                        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                        for (String topic : admin.listTopics().names().get()) {
                            if (topic.startsWith("mysync." + shop.sourceId + "." + shop.database + ".")) {
                                admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions()
                                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()),
                                                OffsetSpec.latest()));
                            }
                        }
                        assertThat(latest).isNotEmpty();
                        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                                admin.listOffsets(latest).all().get();
                        ends.forEach((partition, end) -> {
                            long at = committed.containsKey(partition) ? committed.get(partition).offset() : 0;
                            assertThat(at).as(partition.toString()).isGreaterThanOrEqualTo(end.offset());
                        });
                    });
        }
    }
}
