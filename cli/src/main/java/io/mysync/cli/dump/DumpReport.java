package io.mysync.cli.dump;

import io.mysync.dump.DumpJob;
import io.mysync.dump.DumpResult;
import io.mysync.common.sql.TableShape;
import java.io.PrintStream;
import java.util.Map;

/** The dry-run plan and the end-of-dump summary, as tables. */
public final class DumpReport {

    private DumpReport() {
    }

    public static void plan(PrintStream out, DumpJob.PlannedDump planned, int workers, long rowsPerSecond) {
        out.printf("%-32s %-22s %8s %14s%n", "table", "chunk key", "chunks", "est. rows");
        long rows = 0;
        for (TableShape t : planned.tables()) {
            String key = t.chunkKeyName() + " (" + String.join(",", t.chunkColumns().stream()
                    .map(c -> c.name()).toList()) + ")";
            out.printf("%-32s %-22s %8d %,14d%n", t.name(), key, planned.plan().chunksOf(t.name()).size(),
                    t.estimatedRows());
            rows += t.estimatedRows();
        }
        out.printf("%-32s %-22s %8d %,14d%n", "total", "", planned.plan().chunks().size(), rows);
        if (!planned.finished().isEmpty()) {
            out.printf("An unfinished dump is recorded: %d of %d chunks delivered; running it resumes there "
                    + "(--restart plans anew).%n", planned.finished().size(), planned.plan().chunks().size());
        }
        out.printf("%d worker(s), %s; snapshot rows get seq %,d and the reader takes over with seq %,d.%n", workers,
                rowsPerSecond > 0 ? String.format("at most %,d rows/s", rowsPerSecond) : "no throttle",
                planned.plan().snapshotSeq(), planned.plan().handover().nextSeq());
        out.println("Dry run: nothing was read, sent or saved.");
    }

    public static void summary(PrintStream out, DumpResult result, String checkpointWhere) {
        out.println();
        out.printf("%-32s %12s %8s %10s %12s%n", "table", "rows sent", "chunks", "seconds", "rows/s");
        for (Map.Entry<String, DumpResult.TableResult> e : result.tables().entrySet()) {
            DumpResult.TableResult t = e.getValue();
            double seconds = t.elapsed().toNanos() / 1e9;
            out.printf("%-32s %,12d %8s %10.1f %,12.0f%n", e.getKey(), t.rows(),
                    t.chunks() + (t.resumedChunks() > 0 ? "+" + t.resumedChunks() : ""), seconds,
                    t.rows() / Math.max(1e-3, seconds));
        }
        double seconds = result.elapsed().toNanos() / 1e9;
        out.printf("%-32s %,12d %8d %10.1f %,12.0f%n", "total", result.rows(), result.plan().chunks().size(),
                seconds, result.rows() / Math.max(1e-3, seconds));
        if (result.tables().values().stream().anyMatch(t -> t.resumedChunks() > 0)) {
            out.println("(+N: chunks an earlier, interrupted run had delivered; they were not read again)");
        }
        out.printf("Snapshot: %s position%s; %s.%n", result.exact() ? "exact" : "conservative",
                result.exact() ? "" : " (a transaction committed while a snapshot opened: the reader re-applies a "
                        + "few changes, harmless)",
                result.backupLock() ? "DDL was held off by LOCK INSTANCE FOR BACKUP, DML was never blocked"
                        : "no lock was taken");
        out.printf("Hand-over: the reader's checkpoint (%s) is %s, next seq %,d. Start the reader to stream "
                + "every change since the snapshot.%n", checkpointWhere, result.plan().handover().position(),
                result.plan().handover().nextSeq());
    }

    public static void backfillSummary(PrintStream out, Map<String, Long> rows, java.time.Duration elapsed) {
        out.println();
        out.printf("%-32s %14s%n", "table", "rows read");
        rows.forEach((table, n) -> out.printf("%-32s %,14d%n", table, n));
        out.printf("Backfilled beside the stream in %.1f s; the reader's checkpoint was not touched. The rows of "
                + "a chunk changed inside its window were left to the stream (the reader's log counts them).%n", elapsed.toNanos() / 1e9);
    }
}
