package io.mysync.config.model;

import java.time.Duration;

/** Reader high availability; see {@code ReaderKeys.HA_*}. Disabled when {@code zookeeper} is empty. */
public record HaConfig(String zookeeper, String root, Duration sessionTimeout) {

    public boolean enabled() {
        return !zookeeper.isBlank();
    }

    /** The ZooKeeper path of one source's election and checkpoint. */
    public String sourcePath(String sourceId) {
        return root + "/" + sourceId;
    }
}
