package io.mysync.reader.ha;

import io.mysync.config.model.HaConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;

/**
 * The readers taking part in a source's election, leader first: the latch nodes under
 * {@code <ha.root>/<source>/leader} in sequence order (the lowest holds the latch, as Curator's LeaderLatch
 * decides), each named by its participant id (host/pid).
 */
public final class ElectionMembers {

    private ElectionMembers() {
    }

    /** @throws IllegalStateException when ZooKeeper does not answer within 10 s */
    public static List<String> of(HaConfig ha, String sourceId) {
        try (CuratorFramework zk = ZooKeeperClients.create(ha,
                Duration.ofMillis(Math.min(10_000, ha.sessionTimeout().toMillis())), new ExponentialBackoffRetry(200, 3))) {
            zk.start();
            if (!zk.blockUntilConnected(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("ZooKeeper at " + ha.zookeeper() + " did not answer within 10 s");
            }
            String latch = ha.sourcePath(sourceId) + "/leader";
            List<String> nodes;
            try {
                nodes = new ArrayList<>(zk.getChildren().forPath(latch));
            } catch (KeeperException.NoNodeException e) {
                return List.of(); // no reader of this source ever joined
            }
            nodes.sort(Comparator.comparing(ElectionMembers::sequence));
            List<String> members = new ArrayList<>();
            for (String node : nodes) {
                try {
                    members.add(new String(zk.getData().forPath(latch + "/" + node), StandardCharsets.UTF_8));
                } catch (KeeperException.NoNodeException e) {
                    // left the election while we looked
                }
            }
            return members;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the election from ZooKeeper", e);
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the election from ZooKeeper at " + ha.zookeeper() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The ten-digit sequence ZooKeeper appends to a sequential node's name. */
    private static String sequence(String node) {
        return node.length() >= 10 ? node.substring(node.length() - 10) : node;
    }
}
