package io.mysync.reader.ha;

import io.mysync.common.position.Checkpoint;
import io.mysync.common.position.CheckpointStore;
import io.mysync.config.model.HaConfig;
import io.mysync.config.model.MySyncConfig;
import io.mysync.reader.ReaderCheckpoints;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.retry.ExponentialBackoffRetry;

/**
 * A source's checkpoint where its readers keep it, for tools that work beside them (the dump tool hands its
 * position over here): the Kafka checkpoint topic with exactly-once delivery, ZooKeeper with reader HA, else the
 * checkpoint file.
 */
public final class SharedCheckpoint implements CheckpointStore, AutoCloseable {

    private final CheckpointStore store;
    private final CuratorFramework zookeeper;
    private final String where;

    private SharedCheckpoint(CheckpointStore store, CuratorFramework zookeeper, String where) {
        this.store = store;
        this.zookeeper = zookeeper;
        this.where = where;
    }

    public static SharedCheckpoint open(MySyncConfig config) {
        HaConfig ha = config.reader().ha();
        if (config.kafka().exactlyOnce() || !ha.enabled()) {
            return new SharedCheckpoint(ReaderCheckpoints.open(config), null, config.kafka().exactlyOnce()
                    ? "Kafka topic " + config.kafka().checkpointTopic(config.source().id())
                    : "directory " + config.reader().checkpointDir());
        }
        CuratorFramework zk = ZooKeeperClients.create(ha, Duration.ofMillis(Math.min(15_000,
                ha.sessionTimeout().toMillis())), new ExponentialBackoffRetry(500, 5));
        zk.start();
        try {
            if (!zk.blockUntilConnected(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("ZooKeeper at " + ha.zookeeper() + " did not answer within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            zk.close();
            throw new IllegalStateException("interrupted while connecting to ZooKeeper", e);
        } catch (RuntimeException e) {
            zk.close();
            throw e;
        }
        ZooKeeperCheckpointStore store = new ZooKeeperCheckpointStore(zk, ha.sourcePath(config.source().id()));
        return new SharedCheckpoint(store, zk, "ZooKeeper " + store.path());
    }

    /** Where the checkpoint lives, for messages. */
    public String where() {
        return where;
    }

    @Override
    public Optional<Checkpoint> load(String sourceId) {
        return store.load(sourceId);
    }

    @Override
    public void save(Checkpoint checkpoint) {
        store.save(checkpoint);
    }

    @Override
    public void close() {
        if (zookeeper != null) {
            zookeeper.close();
        }
    }
}
