package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mysync.common.position.Checkpoint;
import io.mysync.common.position.CheckpointFencedException;
import io.mysync.common.position.Position;
import io.mysync.common.position.ReaderState;
import io.mysync.config.model.Credentials;
import io.mysync.config.model.HaConfig;
import io.mysync.config.model.HaConfigBuilder;
import io.mysync.reader.ha.ZooKeeperCheckpointStore;
import io.mysync.reader.ha.ZooKeeperClients;
import io.mysync.sandbox.SandboxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The checkpoint's compare-and-set on the sandbox's real ZooKeeper: a deposed leader can never move it. */
@ExtendWith(SandboxExtension.class)
class ZooKeeperCheckpointStoreIT {

    private static Checkpoint at(String source, long seq) {
        return new Checkpoint(source, new ReaderState(new Position("bin.000001", 4 + seq, "", 1, ""), seq),
                Instant.now());
    }

    @Test
    void aNewLeadersClaimFencesTheOldOne() throws Exception {
        String source = TestEnv.unique("zk");
        try (CuratorFramework zk = CuratorFrameworkFactory.newClient(TestEnv.sandbox().zookeeper().endpoint(),
                new ExponentialBackoffRetry(200, 5))) {
            zk.start();
            String path = "/mysync-test/" + source;
            ZooKeeperCheckpointStore old = new ZooKeeperCheckpointStore(zk, path);
            assertThat(old.load(source)).isEmpty();
            old.save(at(source, 10));
            old.save(at(source, 20));

            ZooKeeperCheckpointStore next = new ZooKeeperCheckpointStore(zk, path);
            next.claim(source);
            assertThat(next.load(source).orElseThrow().nextSeq()).isEqualTo(20);

            assertThatThrownBy(() -> old.save(at(source, 30))).isInstanceOf(CheckpointFencedException.class)
                    .hasMessageContaining("deposed");
            assertThatThrownBy(() -> old.load(source)).as("reloading does not make the old leader current again")
                    .isInstanceOf(CheckpointFencedException.class);
            next.save(at(source, 40));
            assertThat(new ZooKeeperCheckpointStore(zk, path).load(source).orElseThrow().nextSeq()).isEqualTo(40);
        }
    }

    /**
     * With {@code ha.username}/{@code ha.password} the checkpoint is MySync's identity's only: a client without a
     * login, or with another password, can neither read, rewrite nor delete it; a znode left world-writable by an
     * earlier reader without login is taken over; another identity can still keep its sources beside it.
     */
    @Test
    void withALoginOnlyMySyncsIdentityMayTouchTheCheckpoint() throws Exception {
        String source = TestEnv.unique("zkacl");
        String endpoint = TestEnv.sandbox().zookeeper().endpoint();
        HaConfig ha = HaConfigBuilder.builder().zookeeper(endpoint).root("/mysync-acl-test")
                .sessionTimeout(Duration.ofSeconds(10)).digest(Optional.of(new Credentials("mysync-reader",
                        "zk-secret-pw"))).clientProperties(Map.of()).build();
        String sourcePath = ha.sourcePath(source);
        String checkpoint = sourcePath + "/checkpoint";
        try (CuratorFramework anonymous = CuratorFrameworkFactory.newClient(endpoint,
                new ExponentialBackoffRetry(200, 5));
             CuratorFramework impostor = ZooKeeperClients.create(HaConfigBuilder.builder(ha)
                     .digest(Optional.of(new Credentials("mysync-reader", "guessed"))).build(),
                     Duration.ofSeconds(10), new ExponentialBackoffRetry(200, 5))) {
            anonymous.start();
            impostor.start();
            anonymous.create().creatingParentsIfNeeded().forPath(sourcePath + "/left-open", new byte[0]);

            try (CuratorFramework zk = ZooKeeperClients.create(ha, Duration.ofSeconds(10),
                    new ExponentialBackoffRetry(200, 5))) {
                zk.start();
                ZooKeeperClients.takeOver(zk, ha, sourcePath);
                ZooKeeperCheckpointStore store = new ZooKeeperCheckpointStore(zk, sourcePath);
                assertThat(store.load(source)).isEmpty();
                store.save(at(source, 10));
            }

            for (CuratorFramework stranger : List.of(anonymous, impostor)) {
                assertThatThrownBy(() -> stranger.setData().forPath(checkpoint, "next_seq=1".getBytes()))
                        .isInstanceOf(KeeperException.NoAuthException.class);
                assertThatThrownBy(() -> stranger.delete().forPath(checkpoint))
                        .isInstanceOf(KeeperException.NoAuthException.class);
                assertThatThrownBy(() -> stranger.getData().forPath(checkpoint))
                        .isInstanceOf(KeeperException.NoAuthException.class);
                assertThatThrownBy(() -> stranger.setData().forPath(sourcePath + "/left-open", new byte[1]))
                        .as("taken over").isInstanceOf(KeeperException.NoAuthException.class);
            }
            anonymous.create().forPath(ha.root() + "/" + source + "-other-team", new byte[0]);

            try (CuratorFramework zk = ZooKeeperClients.create(ha, Duration.ofSeconds(10),
                    new ExponentialBackoffRetry(200, 5))) {
                zk.start();
                assertThat(new ZooKeeperCheckpointStore(zk, sourcePath).load(source).orElseThrow().nextSeq())
                        .isEqualTo(10);
            }
        }
    }

    @Test
    void twoReadersCreatingTheFirstCheckpointCannotBothWin() throws Exception {
        String source = TestEnv.unique("zk");
        try (CuratorFramework zk = CuratorFrameworkFactory.newClient(TestEnv.sandbox().zookeeper().endpoint(),
                new ExponentialBackoffRetry(200, 5))) {
            zk.start();
            String path = "/mysync-test/" + source;
            ZooKeeperCheckpointStore a = new ZooKeeperCheckpointStore(zk, path);
            ZooKeeperCheckpointStore b = new ZooKeeperCheckpointStore(zk, path);
            assertThat(a.load(source)).isEmpty();
            assertThat(b.load(source)).isEmpty();
            a.save(at(source, 1));
            assertThatThrownBy(() -> b.save(at(source, 2))).isInstanceOf(CheckpointFencedException.class);
            assertThat(new ZooKeeperCheckpointStore(zk, path).load(source).orElseThrow().nextSeq()).isEqualTo(1);
        }
    }
}
