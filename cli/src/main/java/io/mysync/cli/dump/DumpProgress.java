package io.mysync.cli.dump;

import io.mysync.cli.output.ProgressBar;
import io.mysync.dump.DumpListener;
import io.mysync.dump.plan.Chunk;
import io.mysync.dump.plan.DumpPlan;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/** Draws a progress bar per table (rows, rows/s, ETA) and an overall line each time a table completes. */
public final class DumpProgress implements DumpListener {

    private final PrintStream out;
    private final Map<String, ProgressBar> bars = new HashMap<>();
    private final Map<String, long[]> tables = new HashMap<>();
    private Map<String, Long> estimates = Map.of();
    private long started;
    private long rows;
    private long estimatedTotal;
    private int tablesDone;

    public DumpProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void started(DumpPlan plan, Map<String, Long> estimatedRows, Map<Integer, Long> finished) {
        this.estimates = estimatedRows;
        this.started = System.nanoTime();
        this.estimatedTotal = estimatedRows.values().stream().mapToLong(Long::longValue).sum();
        for (String table : plan.tables()) {
            long[] state = {0, plan.chunksOf(table).size(), 0};
            for (Chunk c : plan.chunksOf(table)) {
                if (finished.containsKey(c.id())) {
                    state[0] += finished.get(c.id());
                    state[2]++;
                }
            }
            tables.put(table, state);
            rows += state[0];
            if (state[2] == state[1]) {
                tablesDone++;
                out.printf("%s: delivered by an earlier run (%,d rows)%n", table, state[0]);
            }
        }
        if (!finished.isEmpty()) {
            out.printf("Resuming: %d of %d chunks (%,d rows) were delivered by an earlier run%n", finished.size(),
                    plan.chunks().size(), rows);
        }
    }

    @Override
    public synchronized void chunkDone(Chunk chunk, long chunkRows) {
        long[] state = tables.get(chunk.table());
        state[0] += chunkRows;
        state[2]++;
        rows += chunkRows;
        ProgressBar bar = bars.computeIfAbsent(chunk.table(),
                t -> new ProgressBar(out, String.format("%-28s", t), Math.max(1, estimates.getOrDefault(t, 1L))));
        if (state[2] == state[1]) {
            bar.finish(state[0]);
            tablesDone++;
            double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
            long left = Math.max(0, estimatedTotal - rows);
            out.printf("overall: %d/%d tables, %,d rows, %,.0f rows/s, ETA %ds%n", tablesDone, tables.size(), rows,
                    rows / seconds, (long) (left / Math.max(1, rows / seconds)));
        } else {
            bar.update(state[0]);
        }
    }
}
