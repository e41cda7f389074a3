package io.mysync.config.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Checkpointing and table filters; see {@code ReaderKeys}. */
@RecordBuilder
public record ReaderConfig(Path checkpointDir, Duration checkpointInterval, List<TablePattern> include,
                           List<TablePattern> exclude, HaConfig ha) {
}
