package io.mysync.config.model;

import java.time.Duration;

/** Connection to HBase; see {@code HBaseKeys}. */
public record HBaseSinkConfig(String zookeeper, String znodeParent, Duration timeout, int writeBufferBytes) {
}
