package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.dev.demo.DemoSchema;
import io.mysync.runtime.verify.CatchUp;
import io.mysync.dev.compare.ComparisonResult;
import io.mysync.dev.compare.ElasticsearchComparison;
import io.mysync.dev.compare.HBaseComparison;
import io.mysync.common.position.CheckpointStore;
import io.mysync.common.position.Position;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MySyncConfig;
import io.mysync.reader.ReaderCheckpoints;
import io.mysync.sandbox.Sandbox;
import io.mysync.sandbox.server.SqlServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The demo shop schema in a fresh database, mapped to Elasticsearch ({@code <source>_<table>} indices) and HBase
 * ({@code <source>_<table>} tables), with the reader starting at the current end of the binlog. Bulk requests hold
 * 100 actions, so a writer batch of 500 goes out as several concurrent requests.
 */
final class StoresFixture {

    static final Map<String, List<String>> KEYS = Map.of("customers", List.of("id"), "products", List.of("sku"),
            "orders", List.of("id"));

    final Sandbox sandbox;
    final SqlServer server;
    final String database;
    final String source;
    final Path configFile;
    final MySyncConfig config;

    /** @param extraMappings YAML list items appended to the mappings, indented by two spaces */
    StoresFixture(SqlServer server, Path dir, String extraMappings) throws Exception {
        this.sandbox = TestEnv.sandbox();
        this.server = server;
        this.database = TestEnv.unique("stores");
        this.source = TestEnv.unique("st");
        Position start = TestEnv.endOfBinlog(server);
        try (Connection c = TestEnv.root(server, "")) {
            DemoSchema.create(c, database);
        }
        StringBuilder mappings = new StringBuilder();
        for (String table : DemoSchema.TABLES) {
            mappings.append("  - table: ").append(database).append('.').append(table).append('\n')
                    .append("    elasticsearch: { index: \"").append(source).append("_{table}\" }\n")
                    .append("    hbase: { table: \"").append(source).append("_{table}\" }\n");
        }
        mappings.append(extraMappings.replace("{database}", database).replace("{source}", source));
        this.configFile = dir.resolve("mysync.yaml");
        Files.writeString(configFile, """
                source: { id: %s, url: "%s", password: %s, server_id: %d, start: position, start_file: %s, start_position: %d }
                kafka: { bootstrap: "%s", partitions: 4, replication_factor: 1 }
                checkpoint: { dir: checkpoints, interval: 100ms }
                writer: { batch_size: 500, poll_timeout: 100ms, retry_backoff: 100ms, retry_backoff_max: 1s, session_timeout: 6s }
                sinks:
                  elasticsearch: { hosts: [ "%s" ], index_replicas: 0, timeout: 5s, bulk_actions: 100 }
                  hbase: { zookeeper: "%s", timeout: 5s }
                mappings:
                %s""".formatted(source, server.sourceUrl(), SqlServer.PASSWORD, 61000 + (source.hashCode() & 0xFFF),
                start.binlogFile(), start.binlogPosition(), sandbox.kafka().endpoint(), sandbox.elasticsearch().url(),
                sandbox.hbase().zookeeperQuorum(), mappings));
        this.config = ConfigLoader.load(configFile);
    }

    CheckpointStore checkpoints() {
        return ReaderCheckpoints.open(config);
    }

    /** Waits until each named sink of {@code cfg} applied everything the source committed until now. */
    void awaitCaughtUp(MySyncConfig cfg, Duration timeout, String... sinks) throws Exception {
        Position end;
        try (Connection c = TestEnv.root(server, "")) {
            end = CatchUp.sourceEnd(c);
        }
        for (String sink : sinks) {
            CatchUp.await(cfg, checkpoints(), end, sink, timeout);
        }
    }

    /** Every demo table in Elasticsearch and in HBase equals the source, row by row. */
    void assertStoresEqualSource() throws Exception {
        try (Connection db = TestEnv.root(server, database)) {
            for (String table : DemoSchema.TABLES) {
                ComparisonResult es = ElasticsearchComparison.compare(db, sandbox.elasticsearch().url(),
                        source + "_" + table, KEYS.get(table), database, table);
                assertThat(es.clean()).as("Elasticsearch " + table + ": " + es).isTrue();
                assertThat(es.rowsChecked()).isPositive();
                ComparisonResult hb = HBaseComparison.compare(db, Stores.hbase(), source + "_" + table, "d",
                        KEYS.get(table), database, table);
                assertThat(hb.clean()).as("HBase " + table + ": " + hb).isTrue();
                assertThat(hb.rowsChecked()).isPositive();
            }
        }
    }
}
