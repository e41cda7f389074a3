package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mysync.runtime.Pipeline;
import io.mysync.runtime.status.SourceStatus;
import io.mysync.runtime.status.StatusProbe;
import io.mysync.runtime.status.StatusView;
import io.mysync.dev.compare.ComparisonResult;
import io.mysync.dev.compare.ElasticsearchComparison;
import io.mysync.dev.compare.HBaseComparison;
import io.mysync.dev.compare.RedisComparison;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Op;
import io.mysync.common.kafka.TopicNames;
import io.mysync.common.position.Checkpoint;
import io.mysync.common.position.CheckpointStore;
import io.mysync.common.position.Position;
import io.mysync.common.schema.SchemaHistory;
import io.mysync.common.schema.TableDefinition;
import io.mysync.events.value.ValueText;
import io.mysync.config.model.MySyncConfig;
import io.mysync.dump.DumpJob;
import io.mysync.dump.DumpListener;
import io.mysync.dump.DumpOptions;
import io.mysync.dump.DumpOutputs;
import io.mysync.reader.ReaderCheckpoints;
import io.mysync.reader.publish.KafkaProducerSettings;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.sandbox.server.SqlServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;

/**
 * Schema changes while streaming, on MariaDB and MySQL 8, into Redis, Elasticsearch and HBase at once: every common
 * DDL followed by more writes, an ALTER met while the reader is far behind older events of the table, and the
 * real pt-online-schema-change and gh-ost's statement sequences under a concurrent workload. Each ends with every store
 * equal to the source row by row (exactly the row's columns, no row more).
 */
@ExtendWith(SandboxExtension.class)
class SchemaChangeIT {

    private static final Duration SETTLE = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private SqlServer server;
    private String database;
    private String source;
    private MySyncConfig config;

    private void setUp(String flavor) throws Exception {
        server = TestEnv.server(flavor);
        database = TestEnv.unique("ddl");
        source = TestEnv.unique("ddl");
    }

    /** Maps each table to all three stores; {@code extra} holds more keys per table (policies). */
    private MySyncConfig config(Position start, Map<String, String> tables) throws Exception {
        return config("start: position, start_file: " + start.binlogFile() + ", start_position: "
                + start.binlogPosition(), tables);
    }

    /** @param start the source's start keys, as YAML */
    private MySyncConfig config(String start, Map<String, String> tables) throws Exception {
        var sandbox = TestEnv.sandbox();
        StringBuilder mappings = new StringBuilder();
        tables.forEach((table, extra) -> mappings.append("  - table: ").append(database).append('.').append(table)
                .append('\n').append(extra.isEmpty() ? "" : "    " + extra + "\n")
                .append("    redis: { key: \"").append(source).append(":{table}:{id}\", type: hash }\n")
                .append("    elasticsearch: { index: \"").append(source).append("_{table}\" }\n")
                .append("    hbase: { table: \"").append(source).append("_{table}\" }\n"));
        Path file = dir.resolve("mysync.yaml");
        Files.writeString(file, """
                source: { id: %s, url: "%s", password: %s, server_id: %d, %s }
                kafka: { bootstrap: "%s", partitions: 4, replication_factor: 1 }
                checkpoint: { dir: checkpoints, interval: 100ms }
                metrics: { bind: 127.0.0.1, port: 0 }
                dump: { chunk_rows: 100 }
                writer: { batch_size: 500, poll_timeout: 100ms, retry_backoff: 100ms, retry_backoff_max: 1s, session_timeout: 6s }
                sinks:
                  redis: { url: "%s" }
                  elasticsearch: { hosts: [ "%s" ], index_replicas: 0, timeout: 5s }
                  hbase: { zookeeper: "%s", timeout: 5s }
                mappings:
                %s""".formatted(source, server.sourceUrl(), SqlServer.PASSWORD, 62000 + (source.hashCode() & 0xFFF),
                start, sandbox.kafka().endpoint(), sandbox.redis().url(),
                sandbox.elasticsearch().url(), sandbox.hbase().zookeeperQuorum(), mappings));
        config = TestEnv.load(file);
        return config;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mariadb-11.4", "mysql"})
    void everyCommonDdlWhileStreamingEndsWithStoresEqualToTheSource(String flavor) throws Exception {
        setUp(flavor);
        Position start = TestEnv.endOfBinlog(server);
        TestEnv.createDatabase(server, database,
                "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, qty INT, price DECIMAL(10,2), "
                        + "note VARCHAR(50))",
                "CREATE TABLE logs (id INT PRIMARY KEY, msg VARCHAR(50))",
                "CREATE TABLE kept (id INT PRIMARY KEY, msg VARCHAR(50))",
                "CREATE TABLE moved (id INT PRIMARY KEY, msg VARCHAR(50))",
                "CREATE TABLE dropped (id INT PRIMARY KEY, msg VARCHAR(50))",
                "CREATE TABLE typed (id INT PRIMARY KEY, n INT)");
        config(start, Map.of("items", "", "logs", "", "moved", "", "dropped", "", "fresh", "",
                "kept", "on_truncate: ignore", "typed", ""));
        try (Pipeline pipeline = new Pipeline(config, true, Set.of(), true).start();
             Connection db = TestEnv.root(server, database); Statement st = db.createStatement()) {
            for (int id = 1; id <= 200; id++) {
                st.execute("INSERT INTO items VALUES (" + id + ", 'item " + id + "', " + id + ", " + id + ".50, "
                        + (id % 3 == 0 ? "NULL" : "'note " + id + "'") + ")");
            }
            for (String table : List.of("logs", "kept", "moved", "dropped")) {
                st.execute("INSERT INTO " + table + " SELECT id, CONCAT('" + table + " ', id) FROM items "
                        + "WHERE id <= 50");
            }
            List<String> ddl = List.of(
                    "ALTER TABLE items ADD COLUMN first_col INT NOT NULL DEFAULT 7 FIRST",
                    "ALTER TABLE items ADD COLUMN mid VARCHAR(10) NOT NULL DEFAULT 'm' AFTER name",
                    "ALTER TABLE items ADD COLUMN last_col DATETIME(3) NULL",
                    "ALTER TABLE items DROP COLUMN note",
                    "ALTER TABLE items RENAME COLUMN qty TO quantity",
                    "ALTER TABLE items MODIFY name VARCHAR(100) NOT NULL",
                    "ALTER TABLE items MODIFY quantity BIGINT",
                    "ALTER TABLE items MODIFY price DECIMAL(14,4)",
                    "ALTER TABLE items MODIFY first_col BIGINT NOT NULL DEFAULT 7",
                    "ALTER TABLE items DROP PRIMARY KEY, ADD PRIMARY KEY (id, mid)",
                    "ALTER TABLE items DROP PRIMARY KEY, ADD PRIMARY KEY (id)");
            int round = 0;
            for (String statement : ddl) {
                st.execute(statement);
                round++;
                // a few rows change after each statement; the others only change through the schema change
                st.execute("UPDATE items SET name = CONCAT('v" + round + " ', id) WHERE id % 20 = " + round);
                st.execute("INSERT INTO items (id, name) VALUES (" + (1000 + round) + ", 'new " + round + "')");
            }
            st.execute("UPDATE items SET last_col = '2026-11-22 10:00:00.123' WHERE id <= 5");
            st.execute("TRUNCATE TABLE logs");
            st.execute("INSERT INTO logs VALUES (7, 'after truncate'), (500, 'new after truncate')");
            st.execute("TRUNCATE TABLE kept");
            st.execute("INSERT INTO kept VALUES (500, 'kept after truncate')");
            // a type change Elasticsearch's mapping cannot take: the row goes to the dead letters, with the reason
            st.execute("INSERT INTO typed VALUES (1, 1), (2, 2), (3, 3)");
            st.execute("ALTER TABLE typed MODIFY n VARCHAR(10)");
            st.execute("UPDATE typed SET n = 'abc' WHERE id = 2");
            st.execute("RENAME TABLE moved TO moved_away");
            st.execute("DROP TABLE dropped");
            st.execute("CREATE TABLE fresh (id INT PRIMARY KEY, msg VARCHAR(50))");
            st.execute("INSERT INTO fresh VALUES (1, 'made while streaming'), (2, 'too')");

            awaitItemsEqual(pipeline, () -> {
                assertEqual("logs", List.of("id"));
                assertEqual("fresh", List.of("id"));
                assertThat(storedRows("moved")).as("rows of the renamed-away table").isZero();
                assertThat(storedRows("dropped")).as("rows of the dropped table").isZero();
                // each table has topics and sink lanes of its own: every check waits for its table's events
                // on_truncate: ignore keeps the 50 rows the source lost, beside the one written after
                assertThat(storedRows("kept")).as("rows of kept in Redis, Elasticsearch and HBase")
                        .isEqualTo(3 * 51);
                // a column added later is mapped with the derived type (dynamic mapping would make it text)
                assertThat(Stores.esGet("/" + source + "_items/_mapping"))
                        .contains("\"last_col\":{\"type\":\"date\"");
                var letters = ElasticsearchHBaseIT.deadLetters(config);
                assertThat(letters).isNotEmpty().allSatisfy(letter -> {  // the UPDATE, and the resync's copy of it
                    assertThat(letter.path("table").asText()).isEqualTo("typed");
                    assertThat(letter.path("message").asText()).contains("did the column's type change");
                });
                try (Connection check = TestEnv.root(server, database);
                     Jedis redis = new Jedis("127.0.0.1", TestEnv.sandbox().redis().port())) {
                    assertThat(RedisComparison.compare(check, redis,
                            config.mappingOf(database, "typed").orElseThrow(), database, "typed").clean()).isTrue();
                    assertThat(HBaseComparison.compare(check, Stores.hbase(), source + "_typed", "d",
                            List.of("id"), database, "typed").clean()).isTrue();
                }
            });
        }
        List<ChangeEvent> items = events("items");
        assertThat(items.stream().map(ChangeEvent::getSchemaVersion).distinct().count())
                .as("schema versions of items' events").isGreaterThanOrEqualTo(10);
        assertThat(events("logs").stream().filter(e -> e.getOp() == Op.TRUNCATE).count())
                .as("one TRUNCATE copy per partition").isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void anAlterMetWhileTheReaderLagsBehindOlderEventsOfTheTable(String flavor) throws Exception {
        setUp(flavor);
        Position start = TestEnv.endOfBinlog(server);
        TestEnv.createDatabase(server, database,
                "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, qty INT, note VARCHAR(50))");
        // everything happens before the reader starts: it reads 3,000 older changes of the table, in their old
        // shape, before it meets the ALTERs, and more changes after them
        try (Connection db = TestEnv.root(server, database); Statement st = db.createStatement()) {
            db.setAutoCommit(false);
            for (int id = 1; id <= 1000; id++) {
                st.execute("INSERT INTO items VALUES (" + id + ", 'item " + id + "', " + id + ", 'n" + id + "')");
            }
            db.commit();
            for (int round = 0; round < 20; round++) {
                st.execute("UPDATE items SET qty = qty + 1 WHERE id % 10 = " + (round % 10));
                db.commit();
            }
            st.execute("ALTER TABLE items ADD COLUMN color VARCHAR(10) NOT NULL DEFAULT 'red' AFTER name, "
                    + "DROP COLUMN note");
            for (int round = 0; round < 10; round++) {
                st.execute("UPDATE items SET qty = qty * 2, color = 'blue' WHERE id % 10 = " + round
                        + " AND id <= 300");
                db.commit();
            }
            st.execute("ALTER TABLE items RENAME COLUMN qty TO quantity");
            st.execute("UPDATE items SET quantity = 0 WHERE id <= 10");
            db.commit();
        }
        config(start, Map.of("items", ""));
        try (Pipeline pipeline = new Pipeline(config, true, Set.of(), true).start()) {
            awaitItemsEqual(pipeline, () -> { });
        }
        List<ChangeEvent> items = events("items");
        assertThat(items.stream().filter(e -> e.getOp() != Op.SNAPSHOT).count()).isEqualTo(1000 + 2000 + 300 + 10);
        // the events read behind the ALTER carry the columns of their time
        assertThat(items.get(0).getAfter().getColumnsList()).extracting(c -> c.getName())
                .containsExactly("id", "name", "qty", "note");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mariadb-11.4", "mysql"})
    void onlineSchemaChangeToolsKeepTheTableStreamingWithoutADuplicateBackfill(String flavor) throws Exception {
        setUp(flavor);
        Position start = TestEnv.endOfBinlog(server);
        TestEnv.createDatabase(server, database,
                "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, qty INT NOT NULL)");
        config(start, Map.of("items", ""));
        try (Connection db = TestEnv.root(server, database); Statement st = db.createStatement()) {
            for (int id = 1; id <= 600; id += 100) {
                st.execute("INSERT INTO items SELECT seq, CONCAT('item ', seq), seq FROM (SELECT " + id
                        + " + a.n * 10 + b.n AS seq FROM (" + digits() + ") a, (" + digits() + ") b) s");
            }
        }
        try (Pipeline pipeline = new Pipeline(config, true, Set.of(), true).start()) {
            // gh-ost adding an index: same columns, so the cut-over changes nothing in the stores
            long changes = ghost("ALTER TABLE _items_gho ADD INDEX by_name (name)");
            awaitItemsEqual(pipeline, () -> { });
            assertThat(snapshots()).as("rows backfilled after an index-only gh-ost cut-over").isZero();
            assertThat(changes).isPositive();

            // pt-online-schema-change adding a column: one resync of the table, not one per copied row
            long rows = ptOnlineSchemaChange("ADD COLUMN color VARCHAR(10) NOT NULL DEFAULT 'red'");
            awaitItemsEqual(pipeline, () -> {
                // one resync: each row at most once (a row the application changed inside its chunk's window is
                // left to the stream), never the copy's rows as well. The application still writes for a moment
                // after pt-osc's swap, so a row backfilled then deleted is counted here but not in rows: the bound
                // is on keys (never one twice, at most the 700 ids the application uses), not on the final count
                List<String> keys = snapshotKeys();
                assertThat(keys).as("rows backfilled once after the cut-over").doesNotHaveDuplicates();
                assertThat((long) keys.size()).isBetween(rows / 2 + 1, 700L);
            });

            // gh-ost's two-step cut-over adding a column: no rows removed between the steps, one resync
            long first = snapshots(); // all of the resync above: items could not equal the source before
            ghostTwoStep("ALTER TABLE _items_gho ADD COLUMN size INT NOT NULL DEFAULT 3");
            long now = countRows(); // the application stopped before the cut-over: the resync reads these rows
            awaitItemsEqual(pipeline, () -> {
                assertThat(snapshots() - first).isBetween(now / 2 + 1, now);
            });
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", config.kafka().bootstrap()))) {
            Set<String> topics = admin.listTopics().names().get();
            TopicNames names = new TopicNames(config.kafka().topicTemplate(), source);
            for (String helper : List.of("_items_gho", "_items_ghc", "_items_del", "_items_new", "_items_old")) {
                assertThat(topics).as("no events of " + helper).doesNotContain(names.topicOf(database, helper));
            }
        }
    }

    /**
     * {@code binlog_row_metadata=MINIMAL}: table maps carry no column names, key or ENUM members. A start where the
     * schema is not known is refused with the recovery; the dump records the schema at its hand-over; the reader then
     * reads changes written behind later DDL (a rename that keeps every type, ENUM members added, columns added first
     * and dropped, a gh-ost-like swap) with the columns of their time, across a restart that resumes with the history
     * saved in the checkpoint; a history out of step with the source stops the reader.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void minimalRowMetadataIsReadThroughASchemaHistory(String flavor) throws Exception {
        setUp(flavor);
        Position behind = TestEnv.endOfBinlog(server);
        TestEnv.createDatabase(server, database, "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, "
                + "qty INT, state ENUM('new','paid','sent') NOT NULL DEFAULT 'new', note VARCHAR(50))");
        TestEnv.execute(server, database, "INSERT INTO items (id, name, qty, note) SELECT seq, CONCAT('item ', seq), "
                + "seq, CONCAT('n', seq) FROM (SELECT 1 + a.n * 10 + b.n * 100 AS seq FROM (" + digits() + ") a, ("
                + digits() + ") b, (SELECT 0 n UNION ALL SELECT 1 UNION ALL SELECT 2) c WHERE c.n = 0) s");
        try (Connection root = TestEnv.root(server, database); Statement global = root.createStatement()) {
            global.execute("SET GLOBAL binlog_row_metadata = 'MINIMAL'");
            try {
                // a start behind the binlog's end: the tables' definitions there cannot be known
                config(behind, Map.of("items", ""));
                try (Pipeline pipeline = new Pipeline(config, true, Set.of(), false).start()) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.fatal() != null);
                    assertThat(pipeline.fatal().getMessage()).contains("binlog_row_metadata", "MINIMAL",
                            "./mysync dump");
                }

                // the dump's hand-over carries the schema; everything below is written before the reader runs
                config("start: latest", Map.of("items", ""));
                CheckpointStore checkpoints = ReaderCheckpoints.open(config);
                new DumpJob(config, config.dump(), new DumpOutputs(KafkaProducerSettings.of(config.kafka(), source),
                        checkpoints), new DumpOptions(Set.of(), false), new DumpListener() { }).run();
                assertThat(checkpoints.load(source).orElseThrow().state().schemaHistory()).isNotEmpty();
                TestEnv.execute(server, database,
                        "UPDATE items SET state = 'paid', qty = qty + 1 WHERE id % 3 = 0",
                        "ALTER TABLE items RENAME COLUMN qty TO quantity", // every type stays: only names tell
                        "UPDATE items SET quantity = quantity * 10, state = 'sent' WHERE id % 5 = 0",
                        "ALTER TABLE items ADD COLUMN tag VARCHAR(8) NOT NULL DEFAULT 't' FIRST, DROP COLUMN note",
                        "ALTER TABLE items MODIFY state ENUM('new','paid','sent','returned') NOT NULL DEFAULT 'new'",
                        "UPDATE items SET state = 'returned', tag = 'x' WHERE id % 7 = 0",
                        "INSERT INTO items (id, name, quantity) VALUES (1001, 'late', 5), (1002, 'later', 6)");
                try (Pipeline pipeline = new Pipeline(config, true, Set.of(), true).start()) {
                    awaitItemsEqual(pipeline, () -> { });
                }
                SchemaHistory saved = SchemaHistory.parse(checkpoints.load(source).orElseThrow().state()
                        .schemaHistory());
                assertThat(saved.table(database, "items").orElseThrow().columnNames())
                        .containsExactly("tag", "id", "name", "quantity", "state");
                List<SourceStatus> probed = List.of(new StatusProbe(Clock.systemUTC()).probe(config));
                String statusText = StatusView.text(probed, Instant.now());
                System.out.println(statusText);
                assertThat(statusText).contains("schema history version " + saved.version() + ", " + saved.size()
                        + " tables");
                JsonNode status = new ObjectMapper().readTree(StatusView.json(probed)).get(0);
                assertThat(status.at("/reader/checkpoint/schema_history/version").asLong()).as(status.toString())
                        .isEqualTo(saved.version()).isGreaterThan(1);
                assertThat(status.at("/reader/checkpoint/schema_history/tables").asInt()).isEqualTo(saved.size());

                // more DDL while the reader is stopped: it resumes with the history saved in its checkpoint
                TestEnv.execute(server, database,
                        "ALTER TABLE items CHANGE name title VARCHAR(40) NOT NULL AFTER state",
                        "UPDATE items SET title = CONCAT('t', id) WHERE id % 4 = 0",
                        "CREATE TABLE _items_gho LIKE items",
                        "ALTER TABLE _items_gho ADD COLUMN size INT NOT NULL DEFAULT 3",
                        "INSERT INTO _items_gho (tag, id, quantity, state, title) SELECT tag, id, quantity, state, "
                                + "title FROM items",
                        "RENAME TABLE items TO _items_del, _items_gho TO items",
                        "DROP TABLE _items_del",
                        "UPDATE items SET size = id, state = 'paid' WHERE id <= 20",
                        "ALTER TABLE items DROP PRIMARY KEY, ADD PRIMARY KEY (id, tag)",
                        "UPDATE items SET quantity = -1 WHERE id % 9 = 0",
                        "ALTER TABLE items DROP PRIMARY KEY, ADD PRIMARY KEY (id)",
                        "UPDATE items SET quantity = -2 WHERE id % 11 = 0");
                try (Pipeline pipeline = new Pipeline(config, true, Set.of(), true).start()) {
                    awaitItemsEqual(pipeline, () -> { });
                }
                List<ChangeEvent> items = events("items");
                List<String> firstStreamed = items.stream().filter(e -> e.getOp() == Op.UPDATE).findFirst()
                        .orElseThrow().getAfter().getColumnsList().stream().map(c -> c.getName()).toList();
                assertThat(firstStreamed).as("an update read behind the rename").containsExactly("id", "name", "qty",
                        "state", "note");
                assertThat(items).flatExtracting(e -> e.getAfter().getColumnsList()).extracting(c -> c.getName())
                        .doesNotContain("@1", "@2").contains("quantity", "title", "size");

                // a first start at the binlog's end reads the history from information_schema (another source
                // id: empty stores, which the resync after the ALTER fills with every row)
                source = TestEnv.unique("ddl");
                config("start: latest", Map.of("items", ""));
                try (Pipeline pipeline = new Pipeline(config, true, Set.of(), true).start()) {
                    CheckpointStore fresh = ReaderCheckpoints.open(config);
                    await().atMost(Duration.ofSeconds(60)).until(() -> fresh.load(source).isPresent());
                    assertThat(fresh.load(source).orElseThrow().state().schemaHistory()).isNotEmpty();
                    TestEnv.execute(server, database, "ALTER TABLE items RENAME COLUMN quantity TO amount",
                            "UPDATE items SET amount = 1 WHERE id <= 30");
                    awaitItemsEqual(pipeline, () -> { });
                }
                assertThat(events("items")).filteredOn(e -> e.getOp() == Op.UPDATE).isNotEmpty()
                        .allSatisfy(e -> assertThat(e.getAfter().getColumnsList()).extracting(c -> c.getName())
                                .contains("amount"));

                // a history out of step with the source (here: a column missing from it) stops the reader
                checkpoints = ReaderCheckpoints.open(config);
                Checkpoint at = checkpoints.load(source).orElseThrow();
                SchemaHistory wrong = SchemaHistory.parse(at.state().schemaHistory());
                TableDefinition real = wrong.table(database, "items").orElseThrow();
                wrong.define(database, "items", new TableDefinition(real.columns().subList(0, 3), List.of("id")));
                checkpoints.save(new Checkpoint(source, at.state().withSchemaHistory(wrong.text()), at.savedAt()));
                TestEnv.execute(server, database, "UPDATE items SET amount = 7 WHERE id = 1");
                try (Pipeline pipeline = new Pipeline(config, true, Set.of(), false).start()) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.fatal() != null);
                    assertThat(pipeline.fatal().getMessage()).contains("out of step", database + ".items",
                            "./mysync dump");
                }
            } finally {
                global.execute("SET GLOBAL binlog_row_metadata = 'FULL'");
            }
        }
    }

    private interface Check {
        void run() throws Exception;
    }

    /** Waits until the pipeline runs, items in every store equals the source, and {@code more} holds. */
    private void awaitItemsEqual(Pipeline pipeline, Check more) {
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
            assertThat(pipeline.fatal()).isNull();
            assertEqual("items", List.of("id"));
            more.run();
        });
    }

    private static String digits() {
        return "SELECT 0 n UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL "
                + "SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9";
    }

    /**
     * gh-ost's statements with an atomic cut-over: ghost and changelog tables, the row copy in chunks while the
     * application writes (each write applied to the ghost afterwards, as gh-ost does from the binlog), the sentry
     * table, then {@code RENAME TABLE items TO _items_del, _items_gho TO items}.
     *
     * @return the application's changes during the copy
     */
    private long ghost(String alterGhost) throws Exception {
        try (Connection db = TestEnv.root(server, database); Statement st = db.createStatement()) {
            st.execute("CREATE TABLE _items_ghc (id BIGINT AUTO_INCREMENT PRIMARY KEY, last_update TIMESTAMP NOT NULL "
                    + "DEFAULT CURRENT_TIMESTAMP, hint VARCHAR(64) NOT NULL, value TEXT, UNIQUE KEY (hint))");
            st.execute("CREATE TABLE _items_gho LIKE items");
            st.execute(alterGhost);
            st.execute("INSERT INTO _items_ghc (hint, value) VALUES ('state', 'GhostTableMigrated')");
            long changes = copyWhileWriting(db, "_items_gho", true);
            st.execute("CREATE TABLE _items_del (id INT AUTO_INCREMENT PRIMARY KEY)");
            st.execute("DROP TABLE _items_del");
            st.execute("RENAME TABLE items TO _items_del, _items_gho TO items");
            st.execute("DROP TABLE _items_del");
            st.execute("DROP TABLE _items_ghc");
            return changes;
        }
    }

    /** gh-ost's two-step cut-over (--cut-over=two-step): the original is renamed away, then the ghost in. */
    private void ghostTwoStep(String alterGhost) throws Exception {
        try (Connection db = TestEnv.root(server, database); Statement st = db.createStatement()) {
            st.execute("CREATE TABLE _items_gho LIKE items");
            st.execute(alterGhost);
            copyWhileWriting(db, "_items_gho", true);
            st.execute("RENAME TABLE items TO _items_del");
            st.execute("RENAME TABLE _items_gho TO items");
            st.execute("DROP TABLE _items_del");
        }
    }

    /**
     * The real pt-online-schema-change (Debian's percona-toolkit, which {@code ./mysync test} installs): new table,
     * triggers, row copy in chunks of 50 with a pause between them while the application writes, then
     * {@code RENAME TABLE items TO _items_old, _items_new TO items}.
     *
     * @return the table's rows at the cut-over
     */
    private long ptOnlineSchemaChange(String alter) throws Exception {
        whileTheApplicationWrites(null, () -> {
            Process tool = new ProcessBuilder("pt-online-schema-change", "--alter", alter, "--execute",
                    "--recursion-method=none", "--chunk-size=50", "--sleep=0.05", "--no-check-unique-key-change",
                    "h=127.0.0.1,P=" + server.port() + ",u=root,p=" + SqlServer.PASSWORD + ",D=" + database
                            + ",t=items").redirectErrorStream(true).start();
            String output = new String(tool.getInputStream().readAllBytes());
            assertThat(tool.waitFor()).as(output).isZero();
            assertThat(output).contains("Swapped original and new tables OK");
        });
        return countRows();
    }

    /** Copies items into {@code copy} in chunks of 100 rows by key, as gh-ost does, while the application writes. */
    private long copyWhileWriting(Connection db, String copy, boolean mirror) throws Exception {
        return whileTheApplicationWrites(copy, () -> {
            try (Statement st = db.createStatement()) {
                for (int from = 0; from < 800; from += 100) {
                    st.execute("INSERT IGNORE INTO " + copy + " (id, name, qty) SELECT id, name, qty FROM items "
                            + "WHERE id > " + from + " AND id <= " + (from + 100) + " LOCK IN SHARE MODE");
                    Thread.sleep(50);
                }
            }
        });
    }

    private interface Migration {
        void run() throws Exception;
    }

    /**
     * Runs a migration while another connection updates, inserts and deletes random rows of items; with a
     * {@code mirror} table, each write is then applied to it as gh-ost applies the binlog's row images.
     *
     * @return the application's changes
     */
    private long whileTheApplicationWrites(String mirror, Migration migration) throws Exception {
        AtomicBoolean migrating = new AtomicBoolean(true);
        long[] changes = {0};
        Thread app = new Thread(() -> {
            Random random = new Random(database.hashCode());
            try (Connection appDb = TestEnv.root(server, database); Statement st = appDb.createStatement()) {
                while (migrating.get()) {
                    int id = 1 + random.nextInt(700);
                    String write = switch (random.nextInt(3)) {
                        case 0 -> "UPDATE items SET qty = qty + 1, name = CONCAT('changed ', id) WHERE id = " + id;
                        case 1 -> "DELETE FROM items WHERE id = " + id;
                        default -> "INSERT IGNORE INTO items (id, name, qty) VALUES (" + id + ", 'again', 1)";
                    };
                    int changed = st.executeUpdate(write);
                    changes[0] += changed;
                    if (mirror != null && changed > 0 && st.executeUpdate("REPLACE INTO " + mirror + " (id, name, "
                            + "qty) SELECT id, name, qty FROM items WHERE id = " + id) == 0) {
                        st.executeUpdate("DELETE FROM " + mirror + " WHERE id = " + id);
                    }
                    Thread.sleep(2);
                }
            } catch (SQLException e) {
                if (migrating.get()) {
                    throw new IllegalStateException(e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        app.start();
        try {
            migration.run();
        } finally {
            migrating.set(false);
            app.join();
        }
        return changes[0];
    }

    private long countRows() throws SQLException {
        try (Connection db = TestEnv.root(server, database); Statement st = db.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM items")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private long snapshots() {
        return events("items").stream().filter(e -> e.getOp() == Op.SNAPSHOT).count();
    }

    /** The id of each SNAPSHOT event of items, in Kafka order. */
    private List<String> snapshotKeys() {
        return events("items").stream().filter(e -> e.getOp() == Op.SNAPSHOT)
                .map(e -> ValueText.of(e.getAfter().getColumns(0).getValue())).toList();
    }

    /** Redis, Elasticsearch and HBase each hold exactly the table's rows, field by field. */
    private void assertEqual(String table, List<String> primaryKey) throws Exception {
        try (Connection db = TestEnv.root(server, database);
             Jedis redis = new Jedis("127.0.0.1", TestEnv.sandbox().redis().port())) {
            ComparisonResult inRedis = RedisComparison.compare(db, redis, config.mappingOf(database, table)
                    .orElseThrow(), database, table);
            assertThat(inRedis.clean()).as("Redis " + table + ": " + inRedis).isTrue();
            ComparisonResult inEs = ElasticsearchComparison.compare(db, TestEnv.sandbox().elasticsearch().url(),
                    source + "_" + table, primaryKey, database, table);
            assertThat(inEs.clean()).as("Elasticsearch " + table + ": " + inEs).isTrue();
            ComparisonResult inHBase = HBaseComparison.compare(db, Stores.hbase(), source + "_" + table, "d",
                    primaryKey, database, table);
            assertThat(inHBase.clean()).as("HBase " + table + ": " + inHBase).isTrue();
        }
    }

    /** Rows of a table in the three stores together (Redis keys, documents, HBase rows). */
    private long storedRows(String table) throws Exception {
        long rows = 0;
        try (Jedis redis = new Jedis("127.0.0.1", TestEnv.sandbox().redis().port())) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                var page = redis.scan(cursor, new ScanParams().match(source + ":" + table + ":*").count(1000));
                rows += page.getResult().size();
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        Stores.esGet("/" + source + "_" + table + "/_refresh");
        String count = Stores.esGet("/" + source + "_" + table + "/_count");
        rows += new com.fasterxml.jackson.databind.ObjectMapper().readTree(count).path("count").asLong();
        try (Table hbase = Stores.hbase().getTable(TableName.valueOf(source + "_" + table));
             ResultScanner scanner = hbase.getScanner(new Scan())) {
            for (var ignored : scanner) {
                rows++;
            }
        }
        return rows;
    }

    /** Every event of a table's topic, in partition then offset order. */
    private List<ChangeEvent> events(String table) {
        Properties p = new Properties();
        p.put("bootstrap.servers", config.kafka().bootstrap());
        p.put("key.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
        p.put("value.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class.getName());
        String topic = new TopicNames(config.kafka().topicTemplate(), source).topicOf(database, table);
        List<ChangeEvent> events = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            Set<org.apache.kafka.common.TopicPartition> done = new HashSet<>();
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (done.size() < partitions.size()) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                for (var partition : partitions) {
                    if (consumer.position(partition) >= end.get(partition)) {
                        done.add(partition);
                    }
                }
            }
            records.sort(java.util.Comparator.comparing((ConsumerRecord<byte[], byte[]> r) -> r.partition())
                    .thenComparing(ConsumerRecord::offset));
            for (var record : records) {
                events.add(ChangeEvent.parseFrom(record.value()));
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
        return events;
    }
}
