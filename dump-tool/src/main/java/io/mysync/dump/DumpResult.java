package io.mysync.dump;

import io.mysync.dump.plan.DumpPlan;
import java.time.Duration;
import java.util.Map;

/**
 * What a finished dump did.
 *
 * @param tables per DB.TABLE in dump order
 * @param exact  whether every worker's snapshot position was read exactly (always on MariaDB)
 */
public record DumpResult(DumpPlan plan, Map<String, TableResult> tables, Duration elapsed, boolean exact,
                         boolean backupLock) {

    /** One table: rows sent this run, chunks read this run and chunks an earlier run had delivered. */
    public record TableResult(long rows, int chunks, int resumedChunks, long resumedRows, Duration elapsed) {
    }

    public long rows() {
        return tables.values().stream().mapToLong(TableResult::rows).sum();
    }
}
