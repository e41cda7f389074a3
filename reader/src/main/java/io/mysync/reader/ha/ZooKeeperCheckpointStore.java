package io.mysync.reader.ha;

import io.mysync.common.position.Checkpoint;
import io.mysync.common.position.CheckpointFencedException;
import io.mysync.common.position.CheckpointStore;
import io.mysync.common.position.CheckpointText;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * A source's checkpoint in one znode ({@code <ha.root>/<source>/checkpoint}), written with a compare-and-set on
 * the znode's version. One instance serves one leadership term: it remembers the version it read or wrote last,
 * and once anyone else has written the znode, every later call of this instance fails with
 * {@link CheckpointFencedException}. A deposed leader that wakes up can therefore never move the checkpoint, not
 * even by reloading it first.
 */
public final class ZooKeeperCheckpointStore implements CheckpointStore {

    /** The znode does not exist yet. */
    private static final int ABSENT = -1;

    private final CuratorFramework zookeeper;
    private final String path;
    private Integer version; // null before the first load; ABSENT when the znode does not exist
    private boolean fenced;

    public ZooKeeperCheckpointStore(CuratorFramework zookeeper, String sourcePath) {
        this.zookeeper = zookeeper;
        this.path = sourcePath + "/checkpoint";
    }

    public String path() {
        return path;
    }

    @Override
    public synchronized Optional<Checkpoint> load(String sourceId) {
        checkNotFenced();
        Stat stat = new Stat();
        byte[] data;
        try {
            data = zookeeper.getData().storingStatIn(stat).forPath(path);
        } catch (KeeperException.NoNodeException e) {
            expect(ABSENT);
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the checkpoint " + path + " from ZooKeeper: " + e, e);
        }
        expect(stat.getVersion());
        return Optional.of(CheckpointText.parse(sourceId, new String(data, StandardCharsets.UTF_8),
                "znode " + path));
    }

    /** The first load fixes the version of this term; a later load that finds another one means a new leader. */
    private void expect(int found) {
        if (version != null && version != found) {
            fence("it changed from version " + version + " to " + found + " while this reader held it");
        }
        version = found;
    }

    @Override
    public synchronized void save(Checkpoint checkpoint) {
        checkNotFenced();
        if (version == null) {
            load(checkpoint.sourceId());
        }
        byte[] data = CheckpointText.format(checkpoint).getBytes(StandardCharsets.UTF_8);
        try {
            if (version == ABSENT) {
                zookeeper.create().creatingParentContainersIfNeeded().forPath(path, data);
                version = 0;
            } else {
                version = zookeeper.setData().withVersion(version).forPath(path, data).getVersion();
            }
        } catch (KeeperException.BadVersionException | KeeperException.NodeExistsException e) {
            fence("another reader wrote it since this one last did");
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the checkpoint " + path + " to ZooKeeper: " + e, e);
        }
    }

    /**
     * Rewrites the stored checkpoint unchanged, so that a deposed leader's next write fails even when the new
     * leader has nothing new to save yet. Called once when a reader becomes leader.
     */
    public synchronized void claim(String sourceId) {
        load(sourceId).ifPresent(this::save);
    }

    private void checkNotFenced() {
        if (fenced) {
            throw new CheckpointFencedException("this reader was deposed: the checkpoint " + path
                    + " belongs to the current leader");
        }
    }

    private void fence(String why) {
        fenced = true;
        throw new CheckpointFencedException("the checkpoint " + path + " was taken over by another reader (" + why
                + "); this reader was deposed and stops publishing");
    }
}
