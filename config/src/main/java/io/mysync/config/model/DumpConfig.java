package io.mysync.config.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Path;

/** The dump tool's settings; see {@code DumpKeys}. */
@RecordBuilder
public record DumpConfig(int chunkRows, int workers, long rowsPerSecond, Path stateDir) {

    public DumpConfig withChunkRows(int rows) {
        return DumpConfigBuilder.builder(this).chunkRows(rows).build();
    }

    public DumpConfig withWorkers(int n) {
        return DumpConfigBuilder.builder(this).workers(n).build();
    }

    public DumpConfig withRowsPerSecond(long rate) {
        return DumpConfigBuilder.builder(this).rowsPerSecond(rate).build();
    }
}
