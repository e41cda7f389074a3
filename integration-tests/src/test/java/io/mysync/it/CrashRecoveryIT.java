package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mysync.runtime.Pipeline;
import io.mysync.dev.demo.DemoWorkload;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.common.position.Checkpoint;
import io.mysync.common.position.Position;
import io.mysync.sandbox.server.SqlServer;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A reader or a writer is killed with SIGKILL while a write workload runs, and restarted: Redis must still equal
 * the source row by row (no loss from the reader's checkpoint, no loss or stale overwrite from the writer's
 * offsets).
 */
@ExtendWith(SandboxExtension.class)
class CrashRecoveryIT {

    /**
     * The killed process and its successor each see this many changes under load; the workload runs until the
     * successor has, however slowly a machine starts a JVM.
     */
    private static final int UNDER_LOAD = 500;

    @TempDir
    Path dir;

    private static SqlServer server(String flavor) throws Exception {
        return TestEnv.server(flavor);
    }

    private static CompletableFuture<Long> workload(ShopFixture shop, AtomicBoolean over) {
        return CompletableFuture.supplyAsync(() -> {
            try (Connection db = TestEnv.root(shop.server, shop.database)) {
                return new DemoWorkload(db, shop.database).atRate(1500).runUntil(over::get, n -> { });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mariadb-11.4", "mysql"})
    void readerKilledMidStreamLosesNothing(String flavor) throws Exception {
        ShopFixture shop = new ShopFixture(server(flavor), dir);
        try (Pipeline writer = new Pipeline(shop.config, false, Set.of(), true).start()) {
            MySyncProcess reader = MySyncProcess.start(shop.configFile, dir.resolve("reader-1.log"), "reader");
            awaitCheckpointPast(shop, 0); // the reader is up and has recorded where it starts
            AtomicBoolean over = new AtomicBoolean();
            CompletableFuture<Long> writes = workload(shop, over);
            awaitCheckpointPast(shop, UNDER_LOAD);
            assertThat(writes).as("the workload is still running when the reader dies").isNotDone();
            reader.kill9();
            Checkpoint atKill = shop.checkpoints().load(shop.sourceId).orElseThrow();
            long seqAtKill = atKill.nextSeq();
            try (MySyncProcess restarted = MySyncProcess.start(shop.configFile, dir.resolve("reader-2.log"),
                    "reader")) {
                awaitCheckpointPast(shop, seqAtKill + UNDER_LOAD);
                assertThat(writes).as("the workload is still running under the restarted reader").isNotDone();
                over.set(true);
                assertThat(writes.get()).isGreaterThanOrEqualTo(2 * UNDER_LOAD);
                shop.awaitCaughtUp(Duration.ofMinutes(3));
                assertThat(restarted.alive()).as(Files.readString(restarted.log())).isTrue();
            }
            assertThat(shop.checkpoints().load(shop.sourceId).orElseThrow().nextSeq()).isGreaterThan(seqAtKill);
            assertThat(writer.fatal()).isNull();
            long unpositioned = eventsWithoutEndPosition(shop.server, atKill.position());
            System.out.printf("CrashRecoveryIT %s: resumed from %s; %,d events after it have end_log_pos 0%n",
                    flavor, atKill.position(), unpositioned);
            if (flavor.equals("mariadb-11.4")) {
                // 11.4 writes the events inside a transaction with end_log_pos 0; resuming must not rely on them
                assertThat(unpositioned).as("events with end_log_pos 0 after the checkpoint").isPositive();
            }
        }
        shop.assertRedisEqualsSource();
    }

    /** Events from {@code from} to the end of its binlog file whose header gives no end position. */
    private static long eventsWithoutEndPosition(SqlServer server, Position from) throws Exception {
        return server.sql("SHOW BINLOG EVENTS IN '" + from.binlogFile() + "' FROM " + from.binlogPosition())
                .lines().map(line -> line.split("\t")).filter(columns -> columns.length > 4 && columns[4].equals("0"))
                .count();
    }

    /**
     * As above, but the successor finds only the GTID set in the checkpoint (as after a switch of primary), so it
     * asks the server for the stream by GTID: MySQL's executed set, MariaDB's {@code slave_connect_state}.
     */
    @ParameterizedTest
    @ValueSource(strings = {"mariadb-11.4", "mysql"})
    void readerKilledMidStreamResumesByGtidLosingNothing(String flavor) throws Exception {
        ShopFixture shop = new ShopFixture(server(flavor), dir);
        try (Pipeline writer = new Pipeline(shop.config, false, Set.of(), true).start()) {
            MySyncProcess reader = MySyncProcess.start(shop.configFile, dir.resolve("reader-1.log"), "reader");
            awaitCheckpointPast(shop, 0);
            AtomicBoolean over = new AtomicBoolean();
            CompletableFuture<Long> writes = workload(shop, over);
            awaitCheckpointPast(shop, UNDER_LOAD);
            reader.kill9();
            Checkpoint taken = shop.checkpoints().load(shop.sourceId).orElseThrow();
            Position at = taken.position();
            assertThat(at.gtidSet()).as("a mid-stream checkpoint keeps the executed GTID set").isNotEmpty();
            shop.checkpoints().save(new Checkpoint(shop.sourceId, taken.state().at(new Position("", 4, at.gtidSet(),
                    at.serverId(), at.serverUuid()), taken.nextSeq()), Instant.now(), taken.lastCommit()));
            try (MySyncProcess restarted = MySyncProcess.start(shop.configFile, dir.resolve("reader-2.log"),
                    "reader")) {
                awaitCheckpointPast(shop, taken.nextSeq() + UNDER_LOAD);
                over.set(true);
                writes.get();
                shop.awaitCaughtUp(Duration.ofMinutes(3));
                assertThat(Files.readString(restarted.log())).contains("from the checkpoint's GTID set");
                assertThat(restarted.alive()).as(Files.readString(restarted.log())).isTrue();
            }
            assertThat(writer.fatal()).isNull();
        }
        System.out.println("CrashRecoveryIT " + flavor + " resumed by GTID: " + shop.assertRedisEqualsSource());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void writerKilledMidStreamLosesNothing(String flavor) throws Exception {
        ShopFixture shop = new ShopFixture(server(flavor), dir);
        try (Pipeline reader = new Pipeline(shop.config, true, Set.of(), false).start()) {
            MySyncProcess writer = MySyncProcess.start(shop.configFile, dir.resolve("writer-1.log"), "writer");
            AtomicBoolean over = new AtomicBoolean();
            CompletableFuture<Long> writes = workload(shop, over);
            long committedAtKill = awaitWriterCommitted(shop, UNDER_LOAD);
            assertThat(writes).as("the workload is still running when the writer dies").isNotDone();
            writer.kill9();
            try (MySyncProcess restarted = MySyncProcess.start(shop.configFile, dir.resolve("writer-2.log"),
                    "writer")) {
                awaitWriterCommitted(shop, committedAtKill + UNDER_LOAD);
                assertThat(writes).as("the workload is still running under the restarted writer").isNotDone();
                over.set(true);
                assertThat(writes.get()).isGreaterThanOrEqualTo(2 * UNDER_LOAD);
                shop.awaitCaughtUp(Duration.ofMinutes(3));
                assertThat(restarted.alive()).as(Files.readString(restarted.log())).isTrue();
            }
            assertThat(reader.fatal()).isNull();
        }
        shop.assertRedisEqualsSource();
    }

    /** Waits until the writer has committed offsets for at least {@code records} records; returns the sum seen. */
    private static long awaitWriterCommitted(ShopFixture shop, long records) throws Exception {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", shop.config.kafka().bootstrap());
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(p)) {
            String group = shop.config.writer().groupOf(shop.sourceId, "redis");
            return await("the writer commits " + records + " records").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values()
                            .stream().mapToLong(o -> o == null ? 0 : o.offset()).sum(), sum -> sum >= records);
        }
    }

    private static void awaitCheckpointPast(ShopFixture shop, long seq) {
        await("the reader checkpoints past seq " + seq).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> shop.checkpoints().load(shop.sourceId).map(c -> c.nextSeq() > seq).orElse(false));
    }
}
