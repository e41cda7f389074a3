package io.mysync.writer.hbase;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Connection to HBase; see {@link HBaseConfigKeys}. */
@RecordBuilder
public record HBaseSinkConfig(String zookeeper, String znodeParent, Duration timeout, int writeBufferBytes,
                              Optional<Path> siteFile, Map<String, String> properties) {

    public HBaseSinkConfig(String zookeeper, String znodeParent, Duration timeout, int writeBufferBytes) {
        this(zookeeper, znodeParent, timeout, writeBufferBytes, Optional.empty(), Map.of());
    }
}
