package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mysync.runtime.Pipeline;
import io.mysync.runtime.verify.CatchUp;
import io.mysync.dev.compare.ComparisonResult;
import io.mysync.dev.compare.RedisComparison;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Op;
import io.mysync.common.position.Position;
import io.mysync.config.model.MySyncConfig;
import io.mysync.dump.plan.Chunk;
import io.mysync.dump.plan.DumpPlan;
import io.mysync.dump.plan.DumpState;
import io.mysync.reader.ReaderCheckpoints;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.sandbox.server.SqlServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

/**
 * The dump tool on real MySQL 8 and MariaDB: a large table loaded while a workload updates, deletes and inserts rows
 * in it, then the reader takes over at the hand-over position; a dump killed with SIGKILL and resumed; tables the
 * dump cannot chunk. Each ends with Redis compared with the source row by row.
 */
@ExtendWith(SandboxExtension.class)
class DumpIT {

    /** Rows of the large table; the issue asks for at least a million. */
    private static final int ROWS = Integer.getInteger("mysync.dump.it.rows", 1_000_000);

    @TempDir
    Path dir;

    private static SqlServer server(String flavor) throws Exception {
        return TestEnv.server(flavor);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mariadb", "mariadb-11.4", "mysql"})
    void dumpUnderAWriteWorkloadThenTheStreamLeavesRedisEqualToTheSource(String flavor) throws Exception {
        SqlServer server = server(flavor);
        Fixture f = new Fixture(server, dir, ROWS);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong changes = new AtomicLong();
        try (Pipeline writer = new Pipeline(f.config, false, Set.of(), true).start()) {
            Thread workload = f.workload(stop, changes);
            MySyncProcess.Finished dump;
            try {
                dump = MySyncProcess.run(f.configFile, dir.resolve("dump.log"), "dump", "--workers", "2");
            } finally {
                // keep writing a little after the dump, so the reader also streams changes made after it
                long atEnd = changes.get();
                await("changes after the dump").atMost(Duration.ofSeconds(60)).until(() -> changes.get() > atEnd + 100);
                stop.set(true);
                workload.join();
            }
            System.out.println("DumpIT " + flavor + " dump output:\n" + summary(dump.output()));
            assertThat(dump.exitCode()).as(dump.output()).isZero();
            assertThat(dump.output()).contains("Hand-over").contains("total");
            System.out.printf("DumpIT %s: %,d changes (updates, deletes, inserts) made during the dump%n", flavor,
                    changes.get());
            assertThat(changes.get()).isGreaterThan(100);
            try (Pipeline reader = new Pipeline(f.config, true, Set.of(), false).start()) {
                f.awaitCaughtUp(Duration.ofMinutes(4));
                assertThat(reader.fatal()).isNull();
            }
            assertThat(writer.fatal()).isNull();
        }
        ComparisonResult result = f.assertRedisEqualsSource();
        System.out.println("DumpIT " + flavor + ": " + result);
        assertThat(result.rowsChecked()).isGreaterThanOrEqualTo(ROWS - changes.get());
        f.assertSnapshotAndStreamAgreeOnTypes();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mariadb", "mysql"})
    void aDumpKilledMidwayResumesWithoutReadingFinishedChunksAgain(String flavor) throws Exception {
        SqlServer server = server(flavor);
        Fixture f = new Fixture(server, dir, 200_000);
        Path log = dir.resolve("dump-1.log");
        Path done = dir.resolve("dump-state").resolve(f.sourceId + ".done");
        try (MySyncProcess dump = MySyncProcess.start(f.configFile, log, "dump", "--chunk-rows", "5000",
                "--throttle", "40000")) {
            await("a third of the chunks done").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                    .until(() -> Files.exists(done) && Files.readAllLines(done).size() >= 15);
            dump.kill9();
        }
        DumpState state = new DumpState(dir.resolve("dump-state"), f.sourceId);
        DumpPlan plan = state.load().orElseThrow();
        Map<Integer, Long> finished = state.finished();
        int before = finished.size();
        MySyncProcess.Finished resumed = MySyncProcess.run(f.configFile, dir.resolve("dump-2.log"), "dump",
                "--chunk-rows", "5000");
        System.out.println("DumpIT " + flavor + " resume after kill -9 with " + before + " chunks done:\n"
                + summary(resumed.output()));
        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(resumed.output()).contains("Resuming: " + before + " of ");
        Map<Long, Integer> sent = f.snapshotCountsById("big");
        long events = sent.values().stream().mapToLong(Integer::longValue).sum();
        System.out.printf("DumpIT %s resume: %,d snapshot events in Kafka for %,d rows (%,d sent twice: chunks sent "
                + "but not yet recorded as done when the dump was killed)%n", flavor, events, 200_000,
                events - 200_000);
        // every row of a chunk recorded as done before the kill was sent exactly once: the resumed run skipped it
        List<Chunk> doneChunks = plan.chunks().stream().filter(c -> finished.containsKey(c.id())
                && c.table().equals(f.database + ".big")).toList();
        long checked = 0;
        for (Map.Entry<Long, Integer> row : sent.entrySet()) {
            long id = row.getKey();
            boolean inDoneChunk = doneChunks.stream().anyMatch(c -> (c.lower() == null || id >= Long.parseLong(
                    c.lower().get(0))) && (c.upper() == null || id < Long.parseLong(c.upper().get(0))));
            if (inDoneChunk) {
                checked++;
                assertThat(row.getValue()).as("snapshot events of id " + id + ", in a chunk done before the kill")
                        .isEqualTo(1);
            }
        }
        assertThat(checked).isEqualTo(doneChunks.stream().mapToLong(c -> finished.get(c.id())).sum());
        assertThat(sent).hasSize(200_000);
        try (Pipeline pipeline = new Pipeline(f.config, true, Set.of(), true).start()) {
            f.awaitCaughtUp(Duration.ofMinutes(3));
            assertThat(pipeline.fatal()).isNull();
        }
        System.out.println("DumpIT " + flavor + " resume: " + f.assertRedisEqualsSource());
    }

    /**
     * A table mapped while the pipeline runs: the dump asks the running reader to backfill it between watermarks,
     * under a workload on that table; the stream never stops.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mariadb", "mysql"})
    void aTableMappedWhileTheStreamRunsIsBackfilledBesideIt(String flavor) throws Exception {
        Fixture all = new Fixture(server(flavor), dir, 100_000);
        String bigMapping = "  - table: " + all.database + ".big\n    redis: { key: \"" + all.sourceId
                + ":big:{id}\", type: hash }\n";
        String withBig = Files.readString(all.configFile);
        assertThat(withBig).contains(bigMapping);
        Files.writeString(all.configFile, withBig.replace(bigMapping, ""));
        MySyncConfig withoutBig = TestEnv.load(all.configFile);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong changes = new AtomicLong();
        try (Pipeline reader = new Pipeline(withoutBig, true, Set.of(), false).start()) {
            Thread workload = all.workload(stop, changes);
            try {
                Pipeline writer = new Pipeline(withoutBig, false, Set.of(), true).start();
                await("the reader streams").atMost(Duration.ofSeconds(60))
                        .until(() -> ReaderCheckpoints.open(withoutBig).load(all.sourceId).isPresent());
                // the mapping is added while everything runs; the writers are restarted to read it
                Files.writeString(all.configFile, withBig);
                writer.close();
                writer = new Pipeline(all.config, false, Set.of(), true).start();
                try {
                    MySyncProcess.Finished dump = MySyncProcess.run(all.configFile, dir.resolve("backfill.log"),
                            "dump", "--tables", all.database + ".big");
                    System.out.println("DumpIT " + flavor + " backfill output:\n" + summary(dump.output()));
                    assertThat(dump.exitCode()).as(dump.output()).isZero();
                    assertThat(dump.output()).contains("backfill beside the stream").contains("rows read");
                    long atEnd = changes.get();
                    await("changes after the backfill").atMost(Duration.ofSeconds(60))
                            .until(() -> changes.get() > atEnd + 100);
                    stop.set(true);
                    workload.join();
                    all.awaitCaughtUp(Duration.ofMinutes(3));
                    assertThat(reader.fatal()).isNull();
                    assertThat(writer.fatal()).isNull();
                } finally {
                    writer.close();
                }
            } finally {
                stop.set(true);
                workload.join();
            }
        }
        ComparisonResult result = all.assertRedisEqualsSource();
        System.out.printf("DumpIT %s backfill beside the stream, %,d changes during it: %s%n", flavor, changes.get(),
                result);
        assertThat(result.rowsChecked()).isGreaterThanOrEqualTo(100_000 - changes.get());
    }

    @Test
    void tablesWithoutAKeyToChunkByAreRefusedAndDryRunPrintsThePlan() throws Exception {
        SqlServer server = TestEnv.sandbox().mysql();
        Fixture f = new Fixture(server, dir, 30_000);
        MySyncProcess.Finished plan = MySyncProcess.run(f.configFile, dir.resolve("plan.log"), "dump", "--dry-run",
                "--chunk-rows", "4000");
        System.out.println("DumpIT dry run:\n" + summary(plan.output()));
        assertThat(plan.exitCode()).as(plan.output()).isZero();
        assertThat(plan.output()).contains(f.database + ".big").contains("PRIMARY (id)")
                .contains(f.database + ".pairs").contains(f.database + ".by_code").contains("code_key (code)")
                .contains("Dry run: nothing was read");
        assertThat(Files.exists(dir.resolve("dump-state").resolve(f.sourceId + ".plan"))).isFalse();

        TestEnv.execute(server, f.database, "CREATE TABLE loose (a INT, b VARCHAR(10), UNIQUE KEY ab (a, b))");
        Fixture loose = f.mapping("loose", "a");
        MySyncProcess.Finished refused = MySyncProcess.run(loose.configFile, dir.resolve("refused.log"), "dump",
                "--tables", f.database + ".loose");
        System.out.println("DumpIT refused:\n" + summary(refused.output()));
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.output()).contains("cannot be dumped in chunks").contains("allow NULL")
                .contains("ADD PRIMARY KEY");
    }

    private static String summary(String output) {
        return output.lines().filter(l -> !l.contains(" INFO ") && !l.contains(" DEBUG ")).limit(40)
                .reduce("", (a, b) -> a + b + "\n");
    }

    /** A database with the large table {@code big}, a composite-key table and a table keyed by a unique key. */
    static final class Fixture {

        final SqlServer server;
        final String database;
        final String sourceId;
        final Path dir;
        final Path configFile;
        final MySyncConfig config;
        final Map<String, String> keys = new LinkedHashMap<>();
        final int rows;

        Fixture(SqlServer server, Path dir, int rows) throws Exception {
            this.server = server;
            this.dir = dir;
            this.rows = rows;
            this.database = TestEnv.unique("dump");
            this.sourceId = TestEnv.unique("src");
            Position start = TestEnv.endOfBinlog(server);
            TestEnv.createDatabase(server, database,
                    "CREATE TABLE d (n INT PRIMARY KEY)",
                    "INSERT INTO d VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)",
                    "CREATE TABLE nums (n INT PRIMARY KEY)",
                    "INSERT INTO nums SELECT a.n * 100 + b.n * 10 + c.n FROM d a, d b, d c",
                    "CREATE TABLE big (id BIGINT PRIMARY KEY, customer_id INT NOT NULL, sku VARCHAR(32) NOT NULL,"
                            + " qty SMALLINT UNSIGNED NOT NULL, price DECIMAL(12,2) NOT NULL, ratio FLOAT,"
                            + " score DOUBLE, note VARCHAR(64), created DATETIME(6) NOT NULL,"
                            + " updated TIMESTAMP(3) NULL,"
                            + " flags BIT(5), status ENUM('new','paid','sent') NOT NULL, tags SET('a','b','c'),"
                            + " raw VARBINARY(16), day DATE, t TIME(2), y YEAR)",
                    "INSERT INTO big SELECT n, n % 9973, CONCAT('sku-', n % 5000), n % 100, (n % 100000) / 100,"
                            + " (n % 1000) / 8, n / 3, IF(n % 10 = 0, NULL, CONCAT('note ', n)),"
                            + " TIMESTAMP('2024-01-01 00:00:00') + INTERVAL n SECOND + INTERVAL (n % 997) MICROSECOND,"
                            + " IF(n % 7 = 0, NULL, FROM_UNIXTIME(1700000000 + n)), n % 32,"
                            + " ELT(1 + n % 3, 'new', 'paid', 'sent'), ELT(1 + n % 4, '', 'a', 'a,b', 'b,c'),"
                            + " UNHEX(LPAD(HEX(n), 8, '0')), DATE('2020-01-01') + INTERVAL (n % 2000) DAY,"
                            + " SEC_TO_TIME(n % 90000) + INTERVAL 0 SECOND, 1901 + n % 200"
                            + " FROM (SELECT a.n * 1000 + b.n + 1 AS n FROM nums a CROSS JOIN nums b) s WHERE n <= "
                            + rows,
                    "CREATE TABLE pairs (region VARCHAR(8) NOT NULL, num INT NOT NULL, label VARCHAR(32),"
                            + " PRIMARY KEY (region, num))",
                    "INSERT INTO pairs SELECT ELT(1 + n % 3, 'eu', 'us', 'ap'), n, CONCAT('p', n) FROM nums",
                    "CREATE TABLE by_code (code VARCHAR(16) NOT NULL, amount INT, UNIQUE KEY code_key (code))",
                    "INSERT INTO by_code SELECT CONCAT('c', n), n FROM nums");
            keys.put("big", "id");
            keys.put("pairs", "region}:{num");
            keys.put("by_code", "code");
            this.configFile = TestEnv.config(dir, server, sourceId, database, keys, start);
            this.config = TestEnv.load(configFile);
        }

        private Fixture(Fixture same, String table, String key) throws Exception {
            this.server = same.server;
            this.database = same.database;
            this.sourceId = same.sourceId;
            this.dir = same.dir;
            this.rows = same.rows;
            this.keys.putAll(same.keys);
            this.keys.put(table, key);
            Files.writeString(same.configFile, Files.readString(same.configFile) + "  - table: " + same.database
                    + "." + table + "\n    redis: { key: \"" + same.sourceId + ":" + table + ":{" + key
                    + "}\", type: hash }\n");
            this.configFile = same.configFile;
            this.config = TestEnv.load(configFile);
        }

        Fixture mapping(String table, String key) throws Exception {
            return new Fixture(this, table, key);
        }

        /** Updates, deletes and inserts rows of {@code big} (and updates {@code pairs}) until stopped. */
        Thread workload(AtomicBoolean stop, AtomicLong changes) {
            Thread t = new Thread(() -> {
                try (Connection c = TestEnv.root(server, database);
                     PreparedStatement update = c.prepareStatement("UPDATE big SET qty = (qty + 1) % 60000,"
                             + " price = price + 1, note = CONCAT('updated ', id), updated = NOW(3) WHERE id = ?");
                     PreparedStatement delete = c.prepareStatement("DELETE FROM big WHERE id = ?");
                     PreparedStatement insert = c.prepareStatement("INSERT INTO big (id, customer_id, sku, qty, price,"
                             + " created, status) VALUES (?, 1, 'new-sku', 1, 9.99, NOW(6), 'new')");
                     PreparedStatement pair = c.prepareStatement("UPDATE pairs SET label = CONCAT(label, '+')"
                             + " WHERE region = 'eu' AND num = ?")) {
                    long next = rows + 1;
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (!stop.get()) {
                        int pick = random.nextInt(100);
                        long id = 1 + random.nextLong(rows);
                        PreparedStatement st = pick < 55 ? update : pick < 75 ? delete : pick < 95 ? insert : pair;
                        st.setLong(1, st == insert ? next++ : st == pair ? 3 * random.nextInt(333) : id);
                        changes.addAndGet(st.executeUpdate());
                        Thread.sleep(2);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "dump-it-workload");
            t.start();
            return t;
        }

        void awaitCaughtUp(Duration timeout) throws Exception {
            Position end;
            try (Connection c = TestEnv.root(server, "")) {
                end = CatchUp.sourceEnd(c);
            }
            CatchUp.await(config, ReaderCheckpoints.open(config), end, "redis", timeout);
        }

        ComparisonResult assertRedisEqualsSource() throws Exception {
            ComparisonResult total = new ComparisonResult(0, 0, 0, List.of());
            try (Connection c = TestEnv.root(server, database);
                 Jedis redis = new Jedis("127.0.0.1", TestEnv.sandbox().redis().port())) {
                for (String table : keys.keySet()) {
                    total = total.plus(RedisComparison.compare(c, redis,
                            config.mappingOf(database, table).orElseThrow(), database, table));
                }
            }
            assertThat(total.clean()).as(total.toString()).isTrue();
            return total;
        }

        /** Snapshot rows and streamed rows of {@code big} carry the same column types and schema version. */
        void assertSnapshotAndStreamAgreeOnTypes() {
            ChangeEvent snapshot = null;
            ChangeEvent streamed = null;
            try (var consumer = TestEnv.eventConsumer(config)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while ((snapshot == null || streamed == null) && System.nanoTime() < deadline) {
                    for (var record : consumer.poll(Duration.ofMillis(500))) {
                        ChangeEvent e = parse(record.value());
                        TypeConversionIT.assertHeaders(record.headers(), e, e.getDatabase() + "." + e.getTable());
                        if (!e.getTable().equals("big") || !e.hasAfter()) {
                            continue;
                        }
                        if (e.getOp() == Op.SNAPSHOT && snapshot == null) {
                            snapshot = e;
                        } else if (e.getOp() == Op.UPDATE && streamed == null) {
                            streamed = e;
                        }
                    }
                }
            }
            assertThat(snapshot).isNotNull();
            assertThat(streamed).isNotNull();
            assertThat(types(snapshot)).isEqualTo(types(streamed));
            assertThat(snapshot.getSchemaVersion()).isEqualTo(streamed.getSchemaVersion());
            assertThat(snapshot.getPrimaryKeyList()).isEqualTo(streamed.getPrimaryKeyList());
            assertThat(snapshot.getSeq()).isLessThan(streamed.getSeq());
        }

        /** How many SNAPSHOT events Kafka holds for each id of {@code table}. */
        Map<Long, Integer> snapshotCountsById(String table) {
            Map<Long, Integer> counts = new java.util.HashMap<>();
            try (var consumer = TestEnv.eventConsumer(config)) {
                long quietSince = System.nanoTime();
                while (System.nanoTime() - quietSince < Duration.ofSeconds(3).toNanos()) {
                    for (var record : consumer.poll(Duration.ofMillis(500))) {
                        ChangeEvent e = parse(record.value());
                        if (e.getOp() == Op.SNAPSHOT && e.getTable().equals(table)) {
                            counts.merge(e.getAfter().getColumns(0).getValue().getIntValue(), 1, Integer::sum);
                        }
                        quietSince = System.nanoTime();
                    }
                }
            }
            return counts;
        }

        private static List<String> types(ChangeEvent e) {
            return e.getAfter().getColumnsList().stream().map(c -> c.getName() + " " + c.getType()).toList();
        }

        private static ChangeEvent parse(byte[] value) {
            try {
                return ChangeEvent.parseFrom(value);
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
