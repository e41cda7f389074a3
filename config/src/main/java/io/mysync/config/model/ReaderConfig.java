package io.mysync.config.model;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Checkpointing and table filters; see {@code ReaderKeys}. */
public record ReaderConfig(Path checkpointDir, Duration checkpointInterval, List<TablePattern> include,
                           List<TablePattern> exclude, HaConfig ha) {
}
