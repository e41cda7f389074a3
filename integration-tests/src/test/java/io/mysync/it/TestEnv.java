package io.mysync.it;

import io.mysync.runtime.verify.CatchUp;
import io.mysync.common.position.Position;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MySyncConfig;
import io.mysync.sandbox.Sandbox;
import io.mysync.sandbox.server.SqlServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What integration tests share: the sandbox, a database of their own per test, and a config file whose source id
 * (hence topics, consumer groups and checkpoint) and Redis key prefix are unique to the test.
 */
final class TestEnv {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestEnv() {
    }

    static Sandbox sandbox() throws Exception {
        return Sandbox.shared();
    }

    /**
     * What parameterized tests run on: the sandbox's MySQL 8.0 for {@code "mysql"} and its MariaDB 10.11 for
     * {@code "mariadb"} (the full suite), MariaDB 11.4 LTS for {@code "mariadb-11.4"} (the version smoke group).
     */
    static SqlServer server(String flavor) throws Exception {
        return sandbox().source(flavor);
    }

    /** A name no earlier test run used: tests never see each other's leftovers. */
    static String unique(String prefix) {
        return prefix + "_" + Long.toString(System.currentTimeMillis() % 100_000_000L, 36)
                + COUNTER.incrementAndGet();
    }

    static Connection root(SqlServer server, String database) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(database), "root", SqlServer.PASSWORD);
    }

    static void createDatabase(SqlServer server, String database, String... ddl) throws SQLException {
        try (Connection c = root(server, ""); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4");
            st.execute("USE `" + database + "`");
            for (String statement : ddl) {
                st.execute(statement);
            }
        }
    }

    static void execute(SqlServer server, String database, String... statements) throws SQLException {
        try (Connection c = root(server, database); Statement st = c.createStatement()) {
            for (String statement : statements) {
                st.execute(statement);
            }
        }
    }

    /** Writes a config mapping each table to Redis hashes under {@code <sourceId>:<table>:{id}}. */
    /** The server's end of binlog now: tests start their reader here, before creating their tables. */
    static Position endOfBinlog(SqlServer server) throws SQLException {
        try (Connection c = root(server, "")) {
            return CatchUp.sourceEnd(c);
        }
    }

    static Path config(Path dir, SqlServer server, String sourceId, String database, List<String> tables,
                       Position start) throws Exception {
        Map<String, String> keys = new java.util.LinkedHashMap<>();
        tables.forEach(t -> keys.put(t, "id"));
        return config(dir, server, sourceId, database, keys, start);
    }

    /** The demo schema's tables and their key columns. */
    static final Map<String, String> SHOP = Map.of("customers", "id", "products", "sku", "orders", "id");

    /** @param keyColumns table to the column its Redis key is made of */
    static Path config(Path dir, SqlServer server, String sourceId, String database, Map<String, String> keyColumns,
                       Position start) throws Exception {
        Sandbox sandbox = sandbox();
        StringBuilder mappings = new StringBuilder();
        for (Map.Entry<String, String> table : keyColumns.entrySet()) {
            mappings.append("  - table: ").append(database).append('.').append(table.getKey()).append('\n')
                    .append("    redis: { key: \"").append(sourceId).append(':').append(table.getKey())
                    .append(":{").append(table.getValue()).append("}\", type: hash }\n");
        }
        String yaml = "source:\n"
                + "  id: " + sourceId + "\n"
                + "  url: " + server.sourceUrl() + "\n"
                + "  password: " + SqlServer.PASSWORD + "\n"
                + "  server_id: " + (60000 + COUNTER.incrementAndGet()) + "\n"
                + "  start: position\n"
                + "  start_file: " + start.binlogFile() + "\n"
                + "  start_position: " + start.binlogPosition() + "\n"
                + "kafka:\n"
                + "  bootstrap: " + sandbox.kafka().endpoint() + "\n"
                + "  partitions: 4\n"
                + "  replication_factor: 1\n"
                + "metrics:\n"
                + "  bind: 127.0.0.1\n"
                + "  port: 0\n"
                + "checkpoint:\n"
                + "  dir: checkpoints\n"
                + "  interval: 100ms\n"
                + "writer:\n"
                + "  batch_size: 500\n"
                + "  poll_timeout: 100ms\n"
                + "  retry_backoff: 100ms\n"
                + "  retry_backoff_max: 1s\n"
                + "  session_timeout: 6s\n"
                + "  threads: 2\n"
                + "sinks:\n"
                + "  redis:\n"
                + "    url: " + sandbox.redis().url() + "\n"
                + "mappings:\n" + mappings;
        Files.createDirectories(dir);
        Path file = dir.resolve("mysync.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** A consumer of every topic of the config's source, from the earliest offset, in a group of its own. */
    static org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> eventConsumer(MySyncConfig config) {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", config.kafka().bootstrap());
        p.put("group.id", unique("check"));
        p.put("auto.offset.reset", "earliest");
        p.put("metadata.max.age.ms", 500);
        p.put("isolation.level", "read_committed");
        p.put("key.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
        var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(p);
        consumer.subscribe(new io.mysync.common.kafka.TopicNames(config.kafka().topicTemplate(), config.source().id())
                .subscription());
        return consumer;
    }

    static MySyncConfig load(Path file) {
        return ConfigLoader.load(file);
    }
}
