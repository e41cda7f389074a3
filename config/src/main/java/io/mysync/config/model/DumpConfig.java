package io.mysync.config.model;

import java.nio.file.Path;

/** The dump tool's settings; see {@code DumpKeys}. */
public record DumpConfig(int chunkRows, int workers, long rowsPerSecond, Path stateDir) {

    public DumpConfig withChunkRows(int rows) {
        return new DumpConfig(rows, workers, rowsPerSecond, stateDir);
    }

    public DumpConfig withWorkers(int n) {
        return new DumpConfig(chunkRows, n, rowsPerSecond, stateDir);
    }

    public DumpConfig withRowsPerSecond(long rate) {
        return new DumpConfig(chunkRows, workers, rate, stateDir);
    }
}
