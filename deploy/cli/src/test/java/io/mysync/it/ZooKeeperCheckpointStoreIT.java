package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mysync.common.position.Checkpoint;
import io.mysync.common.position.CheckpointFencedException;
import io.mysync.common.position.Position;
import io.mysync.reader.ha.ZooKeeperCheckpointStore;
import io.mysync.sandbox.SandboxExtension;
import java.time.Instant;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The checkpoint's compare-and-set on the sandbox's real ZooKeeper: a deposed leader can never move it. */
@ExtendWith(SandboxExtension.class)
class ZooKeeperCheckpointStoreIT {

    private static Checkpoint at(String source, long seq) {
        return new Checkpoint(source, new Position("bin.000001", 4 + seq, "", 1, ""), seq, Instant.now());
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
