package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mysync.runtime.Pipeline;
import io.mysync.dev.demo.DemoWorkload;
import io.mysync.runtime.verify.CatchUp;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Row;
import io.mysync.common.position.Checkpoint;
import io.mysync.common.position.Position;
import io.mysync.sandbox.ReplicationPair;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.sandbox.server.SqlServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Master failover on real replication pairs (MariaDB, MySQL 8), by GTID and, without GTIDs, by the failover
 * markers of {@code __mysync.anchor}. The reader is held back (SIGSTOP) while the workload goes on, the primary is
 * killed with SIGKILL once its replica has applied everything, the replica is promoted, and the reader must find its
 * place on the new primary among same-named binlog files, then follow the workload there. Redis must equal the new
 * primary row by row, and every seq published twice must carry the same change both times.
 */
@ExtendWith(SandboxExtension.class)
class MasterFailoverIT {

    private static final int PHASE = 1_500;

    @TempDir
    Path dir;

    /** The ways: server release and whether the reader resumes by GTID or by failover marker. */
    enum Mode {
        MARIADB_GTID, MARIADB_ANCHOR, MARIADB114_GTID, MARIADB114_ANCHOR, MYSQL_GTID, MYSQL_ANCHOR;

        boolean mariadb() {
            return name().startsWith("MARIADB");
        }

        boolean anchor() {
            return name().endsWith("_ANCHOR");
        }

        ReplicationPair pair() throws Exception {
            if (name().startsWith("MARIADB114")) {
                return TestEnv.sandbox().mariadb114Pair();
            }
            // MySQL without GTIDs at all; MariaDB always has them, so the reader is told not to use them
            return mariadb() ? TestEnv.sandbox().mariadbPair() : TestEnv.sandbox().mysqlPair(!anchor());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MARIADB_GTID", "MARIADB_ANCHOR", "MARIADB114_GTID", "MARIADB114_ANCHOR", "MYSQL_GTID",
            "MYSQL_ANCHOR"})
    void readerFollowsThePromotedReplicaWithoutLosingARow(String modeName) throws Exception {
        Mode mode = Mode.valueOf(modeName);
        try (ReplicationPair pair = mode.pair().start()) {
            ShopFixture shop = shop(pair, mode);
            long newServerId = serverId(pair.replica());
            try (Pipeline writer = new Pipeline(shop.config, false, Set.of(), true).start();
                 MySyncProcess reader = MySyncProcess.start(shop.configFile, dir.resolve("reader.log"), "reader");
                 Connection primary = TestEnv.root(pair.primary(), shop.database)) {
                DemoWorkload workload = new DemoWorkload(primary, shop.database).atRate(400);
                workload.run(PHASE, n -> { });
                awaitCheckpointPast(shop, 500);
                reader.signal("STOP");
                workload.run(2L * PHASE, n -> { });
                long behind = checkpoint(shop).orElseThrow().nextSeq();
                pair.awaitReplicaCaughtUp(60);
                pair.killPrimary();
                pair.promoteReplica();
                reader.signal("CONT");
                long resumed = System.nanoTime();
                var switched = java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> awaitCheckpointOn(shop, newServerId, resumed));
                try (Connection promoted = TestEnv.root(pair.replica(), shop.database)) {
                    workload.continueOn(promoted).run(3L * PHASE, n -> { });
                    long switchedMs = switched.get();
                    awaitCaughtUp(shop.on(pair.replica()), newServerId, reader);
                    System.out.println("MasterFailoverIT " + mode + " reader log:\n" + Files.readString(reader.log())
                            .lines().filter(l -> l.contains("WARN") || l.contains("INFO  i")).limit(60)
                            .reduce("", (a, b) -> a + b + "\n"));
                    assertThat(reader.alive()).as("reader still running; its log:\n" + tail(reader.log()))
                            .isTrue();
                    assertThat(writer.fatal()).isNull();
                    String log = Files.readString(reader.log());
                    assertThat(log).contains("Server change");
                    assertThat(log).contains(mode.anchor() ? "failover marker" : "GTID set");
                    Replays replays = replays(shop);
                    System.out.printf("MasterFailoverIT %s: checkpoint on the new primary %d ms after the reader "
                                    + "woke to a dead primary; %d events replayed (seqs published twice, all with the "
                                    + "same change); checkpoint was at seq %d when the reader was held back%n",
                            mode, switchedMs, replays.twice(), behind);
                    assertThat(replays.differing()).as("seqs published twice with different changes").isEmpty();
                    if (!mode.anchor()) {
                        assertThat(replays.twice()).as("a GTID switch resumes exactly after the checkpoint").isZero();
                    }
                }
            }
            var result = shop.on(pair.replica()).assertRedisEqualsSource();
            System.out.println("MasterFailoverIT " + mode + ": " + result);
        }
    }

    /**
     * The replica stops applying while the reader publishes more, then is promoted. By GTID the gap shows at once;
     * by marker (one marker only, written at the start) the reader replays what the replica has and stops when rows
     * written on the new primary itself come where the published ones were due.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MARIADB_GTID", "MYSQL_GTID", "MARIADB_ANCHOR"})
    void newPrimaryWithoutThePublishedChangesIsRefused(String modeName) throws Exception {
        Mode mode = Mode.valueOf(modeName);
        try (ReplicationPair pair = mode.pair().start()) {
            ShopFixture shop = shop(pair, mode).withConfig(yaml -> yaml.replace("  server_id:",
                    "  anchor_interval: 1h\n  server_id:"));
            try (MySyncProcess reader = MySyncProcess.start(shop.configFile, dir.resolve("reader.log"), "reader");
                 Connection primary = TestEnv.root(pair.primary(), shop.database)) {
                if (mode.anchor()) {
                    await("the reader passed its first failover marker").atMost(Duration.ofSeconds(60))
                            .until(() -> checkpoint(shop).map(c -> c.state().anchor() != null).orElse(false));
                }
                DemoWorkload workload = new DemoWorkload(primary, shop.database).atRate(400);
                workload.run(300, n -> { });
                pair.awaitReplicaCaughtUp(60);
                pair.stopReplication();
                workload.run(600, n -> { }); // published by the reader, never applied by the replica
                Position end = CatchUp.sourceEnd(primary);
                await("reader published everything").atMost(Duration.ofSeconds(60)).until(() -> checkpoint(shop)
                        .map(c -> c.position().binlogPosition() >= end.binlogPosition()).orElse(false));
                pair.killPrimary();
                pair.promoteReplica();
                try (Connection promoted = TestEnv.root(pair.replica(), shop.database)) {
                    workload.continueOn(promoted).run(700, n -> { });
                }
                await("the reader refuses the new primary").atMost(Duration.ofSeconds(60))
                        .until(() -> !reader.alive());
                String log = Files.readString(reader.log());
                System.out.println("MasterFailoverIT " + mode + " refusal:\n" + refusal(log));
                assertThat(log).contains("the new server is missing").contains("which the reader already published")
                        .contains("./mysync dump");
            }
        }
    }

    /**
     * Everything at once on a MariaDB pair: two elected readers with exactly-once delivery, the leader killed, then
     * the primary killed and its replica promoted, all under the workload. No seq reaches Kafka twice.
     */
    @org.junit.jupiter.api.Test
    void electedReadersSurviveALeaderKillAndAMasterFailover() throws Exception {
        try (ReplicationPair pair = Mode.MARIADB_GTID.pair().start()) {
            String zookeeper = TestEnv.sandbox().zookeeper().endpoint();
            ShopFixture shop = shop(pair, Mode.MARIADB_GTID).withConfig(yaml -> yaml
                    .replace("kafka:\n", "kafka:\n  delivery: exactly_once\n")
                    + "ha:\n  zookeeper: " + zookeeper + "\n  session_timeout: 4s\n");
            try (Pipeline writer = new Pipeline(shop.config, false, Set.of(), true).start();
                 MySyncProcess a = MySyncProcess.start(shop.configFile, dir.resolve("reader-a.log"), "reader");
                 MySyncProcess b = MySyncProcess.start(shop.configFile, dir.resolve("reader-b.log"), "reader");
                 Connection primary = TestEnv.root(pair.primary(), shop.database)) {
                await("one reader leads").atMost(Duration.ofSeconds(60)).until(() -> a.leads() || b.leads());
                MySyncProcess leader = a.leads() ? a : b;
                MySyncProcess standby = leader == a ? b : a;
                DemoWorkload workload = new DemoWorkload(primary, shop.database).atRate(400);
                workload.run(PHASE, n -> { });
                leader.kill9();
                workload.run(2L * PHASE, n -> { });
                await("the standby leads").atMost(Duration.ofSeconds(30)).until(() -> standby.leads());
                pair.awaitReplicaCaughtUp(60);
                pair.killPrimary();
                pair.promoteReplica();
                try (Connection promoted = TestEnv.root(pair.replica(), shop.database)) {
                    workload.continueOn(promoted).run(3L * PHASE, n -> { });
                    awaitCaughtUp(shop.on(pair.replica()), serverId(pair.replica()), standby);
                }
                assertThat(standby.alive()).isTrue();
                assertThat(writer.fatal()).isNull();
                assertThat(Files.readString(standby.log())).contains("Server change");
            }
            Replays replays = replays(shop);
            var result = shop.on(pair.replica()).assertRedisEqualsSource();
            System.out.println("MasterFailoverIT elected readers, exactly_once: " + result + "; seqs published twice: "
                    + replays.twice());
            assertThat(replays.twice()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MYSQL_GTID", "MARIADB_ANCHOR"})
    void purgedBinlogOnTheNewPrimaryIsRefused(String modeName) throws Exception {
        Mode mode = Mode.valueOf(modeName);
        try (ReplicationPair pair = mode.pair().start()) {
            ShopFixture shop = shop(pair, mode);
            try (Connection primary = TestEnv.root(pair.primary(), shop.database)) {
                DemoWorkload workload = new DemoWorkload(primary, shop.database).atRate(400);
                try (MySyncProcess reader = MySyncProcess.start(shop.configFile, dir.resolve("reader.log"),
                        "reader")) {
                    workload.run(300, n -> { });
                    awaitCheckpointPast(shop, 200);
                    if (mode.anchor()) {
                        // without a marker in its checkpoint the reader refuses for that reason instead
                        await("the reader passed a failover marker").atMost(Duration.ofSeconds(60)).until(() ->
                                checkpoint(shop).map(c -> c.state().anchor() != null).orElse(false));
                    }
                }
                workload.run(600, n -> { }); // the reader is stopped: these are not published
                pair.awaitReplicaCaughtUp(60);
                String newest = pair.replica().sql("FLUSH BINARY LOGS; "
                        + pair.replica().dialect().binlogStatusStatement()).split("\t")[0];
                // MariaDB keeps a file until its binlog checkpoint has passed: purge until only the newest is left
                await("older binlogs purged").atMost(Duration.ofSeconds(30)).until(() -> {
                    pair.replica().sql("PURGE BINARY LOGS TO '" + newest + "'");
                    return pair.replica().sql(pair.replica().dialect().binaryLogsStatement()).lines().count() == 1;
                });
                pair.killPrimary();
                pair.promoteReplica();
                MySyncProcess.Finished run = MySyncProcess.run(shop.configFile, dir.resolve("reader-2.log"),
                        "reader");
                System.out.println("MasterFailoverIT " + mode + " purged:\n" + refusal(run.output()));
                assertThat(run.exitCode()).isNotZero();
                assertThat(run.output()).contains("./mysync dump")
                        .contains(mode.anchor() ? "in none of the new server's binlogs" : "purged");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void withoutMarkersTheSwitchIsRefusedUntilARewindTimeIsGiven() throws Exception {
        try (ReplicationPair pair = Mode.MYSQL_ANCHOR.pair().start()) {
            ShopFixture shop = shop(pair, Mode.MYSQL_ANCHOR).withConfig(yaml -> yaml.replace("  server_id:",
                    "  anchor: off\n  server_id:"));
            // now, not earlier: the replica's binlog may have begun less than a second ago, and a rewind time
            // before a server's oldest binlog is refused (rightly: it cannot be served). The reader compares whole
            // seconds, so every change committed from here on is published again.
            java.time.Instant beforeAnyChange = java.time.Instant.now();
            try (Pipeline writer = new Pipeline(shop.config, false, Set.of(), true).start();
                 Connection primary = TestEnv.root(pair.primary(), shop.database)) {
                DemoWorkload workload = new DemoWorkload(primary, shop.database).atRate(400);
                try (MySyncProcess reader = MySyncProcess.start(shop.configFile, dir.resolve("reader.log"),
                        "reader")) {
                    workload.run(600, n -> { });
                    awaitCheckpointPast(shop, 300);
                }
                workload.run(1_200, n -> { });
                pair.awaitReplicaCaughtUp(60);
                pair.killPrimary();
                pair.promoteReplica();
                MySyncProcess.Finished refused = MySyncProcess.run(shop.configFile, dir.resolve("reader-2.log"),
                        "reader");
                System.out.println("MasterFailoverIT no marker:\n" + refusal(refused.output()));
                assertThat(refused.exitCode()).isNotZero();
                assertThat(refused.output()).contains("neither a GTID set nor a failover marker")
                        .contains("source.rewind_to");

                ShopFixture rewound = shop.withConfig(yaml -> yaml.replace("  server_id:",
                        "  rewind_to: " + beforeAnyChange + "\n  server_id:"));
                try (MySyncProcess reader = MySyncProcess.start(rewound.configFile, dir.resolve("reader-3.log"),
                        "reader"); Connection promoted = TestEnv.root(pair.replica(), shop.database)) {
                    workload.continueOn(promoted).run(1_500, n -> { });
                    awaitCaughtUp(rewound.on(pair.replica()), serverId(pair.replica()), reader);
                    assertThat(Files.readString(reader.log())).contains("Rewinding on the new server");
                    assertThat(writer.fatal()).isNull();
                }
            }
            var result = shop.on(pair.replica()).assertRedisEqualsSource();
            System.out.println("MasterFailoverIT rewind: " + result);
        }
    }

    private ShopFixture shop(ReplicationPair pair, Mode mode) throws Exception {
        ShopFixture shop = new ShopFixture(pair.primary(), dir);
        pair.awaitReplicaCaughtUp(60);
        return shop.withConfig(yaml -> yaml.replace("  server_id:", "  candidates: [" + pair.replica().endpoint()
                + "]\n" + (mode.anchor() && mode.mariadb() ? "  gtid: off\n" : "") + "  server_id:"));
    }

    private static long serverId(SqlServer server) throws Exception {
        return Long.parseLong(server.sql("SELECT @@server_id"));
    }

    private static Optional<Checkpoint> checkpoint(ShopFixture shop) {
        return shop.checkpoints().load(shop.sourceId);
    }

    private static void awaitCheckpointPast(ShopFixture shop, long seq) {
        await("checkpoint past seq " + seq).atMost(Duration.ofSeconds(60))
                .until(() -> checkpoint(shop).map(c -> c.nextSeq() > seq).orElse(false));
    }

    /** Waits for the first checkpoint taken on the new primary; returns how long after {@code since}. */
    private static long awaitCheckpointOn(ShopFixture shop, long serverId, long since) {
        await("a checkpoint on the new primary").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> checkpoint(shop).map(c -> c.position().serverId() == serverId).orElse(false));
        return Duration.ofNanos(System.nanoTime() - since).toMillis();
    }

    /** Waits for the reader at the new primary's end and Redis caught up; stops at once if the reader died. */
    private static void awaitCaughtUp(ShopFixture shop, long serverId, MySyncProcess reader) throws Exception {
        Position end;
        try (Connection c = TestEnv.root(shop.server, "")) {
            end = CatchUp.sourceEnd(c);
        }
        try {
            await("the reader at the new primary's end " + end).atMost(Duration.ofMinutes(2)).until(() -> {
                if (!reader.alive()) {
                    throw new AssertionError("the reader exited; its log ends:\n" + tail(reader.log()));
                }
                return checkpoint(shop).map(c -> c.position().serverId() == serverId
                        && c.position().atOrAfter(end)).orElse(false);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + "; checkpoint " + checkpoint(shop).orElse(null)
                    + "; the reader's log ends:\n" + tail(reader.log()), e);
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, shop.config.kafka().bootstrap());
        try (Admin admin = Admin.create(p)) {
            String group = shop.config.writer().groupOf(shop.sourceId, "redis");
            await("redis applied everything").atMost(Duration.ofMinutes(2))
                    .until(() -> CatchUp.lag(admin, shop.config, group) == 0);
        }
    }

    /** Seqs published more than once, and those of them whose changes differ. */
    record Replays(long twice, List<Long> differing) {
    }

    private static Replays replays(ShopFixture shop) throws Exception {
        Map<Long, ChangeEvent> first = new HashMap<>();
        Map<Long, ChangeEvent> second = new HashMap<>();
        List<Long> differing = new java.util.ArrayList<>();
        try (var consumer = TestEnv.eventConsumer(shop.config)) {
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < Duration.ofSeconds(4).toNanos()) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    ChangeEvent event = ChangeEvent.parseFrom(record.value());
                    ChangeEvent earlier = first.putIfAbsent(event.getSeq(), event);
                    if (earlier != null) {
                        second.put(event.getSeq(), event);
                        if (!sameChange(earlier).equals(sameChange(event))) {
                            differing.add(event.getSeq());
                        }
                    }
                    quietSince = System.nanoTime();
                }
            }
        }
        assertThat(first).isNotEmpty();
        if (!differing.isEmpty()) {
            long at = differing.stream().min(Long::compare).orElseThrow();
            for (long seq = at - 8; seq <= at + 4; seq++) {
                System.out.println("MasterFailoverIT seq " + seq + ": " + brief(first.get(seq)) + "  |  "
                        + brief(second.get(seq)));
            }
            System.out.println("MasterFailoverIT seq " + at + " first published:\n" + first.get(at)
                    + "\nand replayed:\n" + second.get(at));
        }
        return new Replays(second.size(), differing);
    }

    private static String brief(ChangeEvent e) {
        if (e == null) {
            return "-";
        }
        Row image = e.hasAfter() ? e.getAfter() : e.getBefore();
        return e.getOp() + " " + e.getTable() + " " + image.getColumns(0).getValue().toString().trim() + " @"
                + e.getPosition().getServerId() + ":" + e.getPosition().getBinlogFile() + ":"
                + e.getPosition().getBinlogPosition() + (e.getLastInTransaction() ? " last" : "");
    }

    /**
     * The change itself, without what describes the server it was read from: the position (server, file, offset),
     * the transaction id (file:offset without GTIDs) and the commit time. A MariaDB replica's binlog dates a replicated
     * transaction by its last statement, not by its COMMIT (seen with {@code mariadb-binlog}: GTID 0-11-3 at 02:30:38
     * on the primary, 02:30:37 on its replica), so a replay from the promoted replica can carry an earlier time.
     */
    private static ChangeEvent sameChange(ChangeEvent event) {
        return event.toBuilder().clearPosition().clearTransactionId().clearCommitTimeMs().build();
    }

    private static String refusal(String log) {
        return log.lines().distinct().filter(l -> l.contains("ERROR") || l.contains("fix:") || l.contains("lacks")
                || l.contains("purged") || l.contains("marker")).limit(12).reduce("", (a, b) -> a + b + "\n");
    }

    private static String tail(Path log) throws Exception {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
