package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mysync.runtime.Pipeline;
import io.mysync.dev.demo.DemoWorkload;
import io.mysync.runtime.verify.CatchUp;
import io.mysync.common.position.Checkpoint;
import io.mysync.common.position.CheckpointStore;
import io.mysync.common.position.Position;
import io.mysync.config.model.MySyncConfig;
import io.mysync.reader.ha.ZooKeeperCheckpointStore;
import io.mysync.sandbox.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two reader processes of one source elect a leader in ZooKeeper. Under a continuous workload the leader is
 * killed with SIGKILL, or paused with SIGSTOP past its session and resumed: the standby takes over, the paused one
 * finds itself deposed and stops, and Redis equals the source row by row.
 */
@ExtendWith(SandboxExtension.class)
class ReaderFailoverIT {

    private static final int CHANGES = 6_000;

    @TempDir
    Path dir;

    private ShopFixture shopWithHa(String delivery) throws Exception {
        String zookeeper = TestEnv.sandbox().zookeeper().endpoint();
        return new ShopFixture(TestEnv.sandbox().mariadb(), dir).withConfig(yaml -> yaml
                .replace("kafka:\n", "kafka:\n  delivery: " + delivery + "\n")
                + "ha:\n  zookeeper: " + zookeeper + "\n  session_timeout: 4s\n");
    }

    @Test
    void standbyTakesOverWhenTheLeaderIsKilled() throws Exception {
        ShopFixture shop = shopWithHa("at_least_once");
        MySyncConfig config = shop.config;
        try (Pipeline writer = new Pipeline(config, false, Set.of(), true).start();
             MySyncProcess first = MySyncProcess.start(shop.configFile, dir.resolve("reader-a.log"), "reader");
             MySyncProcess second = MySyncProcess.start(shop.configFile, dir.resolve("reader-b.log"), "reader");
             CuratorFramework zk = curator()) {
            MySyncProcess leader = awaitLeader(first, second);
            MySyncProcess standby = leader == first ? second : first;
            CompletableFuture<Long> writes = workload(shop);
            awaitCheckpointPast(zk, config, 500);
            leader.kill9();
            long killed = System.nanoTime();
            await("the standby leads").atMost(Duration.ofSeconds(20)).until(() -> standby.leads());
            long takeoverMs = Duration.ofNanos(System.nanoTime() - killed).toMillis();
            System.out.println("ReaderFailoverIT: standby leading " + takeoverMs + " ms after the leader's SIGKILL");
            assertThat(writes.get()).isGreaterThanOrEqualTo(CHANGES);
            awaitCaughtUp(shop, config, zk);
            assertThat(writer.fatal()).isNull();
        }
        shop.assertRedisEqualsSource();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"at_least_once", "exactly_once"})
    void pausedLeaderIsDeposedAndStops(String delivery) throws Exception {
        ShopFixture shop = shopWithHa(delivery);
        MySyncConfig config = shop.config;
        try (Pipeline writer = new Pipeline(config, false, Set.of(), true).start();
             MySyncProcess first = MySyncProcess.start(shop.configFile, dir.resolve("reader-a.log"), "reader");
             MySyncProcess second = MySyncProcess.start(shop.configFile, dir.resolve("reader-b.log"), "reader");
             CuratorFramework zk = curator()) {
            MySyncProcess leader = awaitLeader(first, second);
            MySyncProcess standby = leader == first ? second : first;
            CompletableFuture<Long> writes = workload(shop);
            awaitCheckpointPast(zk, config, 500);
            leader.signal("STOP");
            await("the standby leads while the leader is paused").atMost(Duration.ofSeconds(20))
                    .until(() -> standby.leads());
            awaitCheckpointPast(zk, config, checkpoint(zk, config).map(Checkpoint::nextSeq).orElse(0L) + 200);
            leader.signal("CONT");
            await("the woken leader stops reading").atMost(Duration.ofSeconds(20)).until(() -> {
                String log = Files.readString(leader.log());
                // deposed by its lost ZooKeeper session, by the checkpoint's compare-and-set or by the producer epoch
                return log.contains("stopping the binlog session") || log.contains("deposed");
            });
            assertThat(writes.get()).isGreaterThanOrEqualTo(CHANGES);
            awaitCaughtUp(shop, config, zk);
            String zombieLog = Files.readString(leader.log());
            System.out.println("ReaderFailoverIT: the woken leader logged:\n" + zombieLog.lines()
                    .filter(l -> l.contains("WARN") || l.contains("Leading")).collect(java.util.stream.Collectors
                            .joining("\n")));
            assertThat(zombieLog.split("Leading source", -1)).as("the deposed leader led once only").hasSize(2);
            assertThat(writer.fatal()).isNull();
        }
        shop.assertRedisEqualsSource();
        if (config.kafka().exactlyOnce()) {
            assertThat(duplicateSeqs(config)).as("seqs the woken leader published a second time").isEmpty();
        }
    }

    /** Seqs a read_committed consumer of the source's topics sees more than once. */
    private static java.util.List<Long> duplicateSeqs(MySyncConfig config) throws Exception {
        java.util.Map<Long, Integer> seen = new java.util.HashMap<>();
        try (var consumer = TestEnv.eventConsumer(config)) {
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < Duration.ofSeconds(5).toNanos()) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    seen.merge(io.mysync.events.v1.ChangeEvent.parseFrom(record.value()).getSeq(), 1,
                            Integer::sum);
                    quietSince = System.nanoTime();
                }
            }
        }
        assertThat(seen).isNotEmpty();
        return seen.entrySet().stream().filter(e -> e.getValue() > 1).map(java.util.Map.Entry::getKey).toList();
    }

    private static CuratorFramework curator() throws Exception {
        CuratorFramework zk = CuratorFrameworkFactory.newClient(TestEnv.sandbox().zookeeper().endpoint(),
                new ExponentialBackoffRetry(200, 5));
        zk.start();
        return zk;
    }

    /** Reads the checkpoint with a fresh store each time (a store instance fences itself when it changes). */
    private static Optional<Checkpoint> checkpoint(CuratorFramework zk, MySyncConfig config) {
        if (config.kafka().exactlyOnce()) {
            return io.mysync.reader.ReaderCheckpoints.open(config).load(config.source().id());
        }
        return new ZooKeeperCheckpointStore(zk, config.reader().ha().sourcePath(config.source().id()))
                .load(config.source().id());
    }

    private static CheckpointStore readOnly(CuratorFramework zk, MySyncConfig config) {
        return new CheckpointStore() {
            @Override
            public Optional<Checkpoint> load(String sourceId) {
                return checkpoint(zk, config);
            }

            @Override
            public void save(Checkpoint checkpoint) {
                throw new UnsupportedOperationException("the test only reads the checkpoint");
            }
        };
    }

    private static void awaitCheckpointPast(CuratorFramework zk, MySyncConfig config, long seq) {
        await("checkpoint past seq " + seq).atMost(Duration.ofSeconds(60))
                .until(() -> checkpoint(zk, config).map(c -> c.nextSeq() > seq).orElse(false));
    }

    private static void awaitCaughtUp(ShopFixture shop, MySyncConfig config, CuratorFramework zk) throws Exception {
        Position end;
        try (Connection c = TestEnv.root(shop.server, "")) {
            end = CatchUp.sourceEnd(c);
        }
        CatchUp.await(config, readOnly(zk, config), end, "redis", Duration.ofMinutes(3));
    }

    private static MySyncProcess awaitLeader(MySyncProcess a, MySyncProcess b) {
        await("one reader leads").atMost(Duration.ofSeconds(60)).until(() -> a.leads() || b.leads());
        assertThat(a.leads() && b.leads()).as("only one reader leads").isFalse();
        return a.leads() ? a : b;
    }

    private static CompletableFuture<Long> workload(ShopFixture shop) {
        return CompletableFuture.supplyAsync(() -> {
            try (Connection db = TestEnv.root(shop.server, shop.database)) {
                return new DemoWorkload(db, shop.database).atRate(300).run(CHANGES, n -> { });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
