package io.mysync.cli.output;

import java.io.PrintStream;

/** A one-line progress bar with rate and ETA, redrawn in place at most every 100 ms. */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final long started = System.nanoTime();
    private final boolean terminal = System.console() != null;
    private long lastDraw;
    private long lastTenth = -1;

    public ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    /** Redraws with {@code done} of the total; an estimated total that turns out low grows to {@code done}. */
    public void update(long done) {
        long total = Math.max(this.total, done);
        if (!terminal) {
            long tenth = 10 * done / Math.max(1, total);
            if (tenth > lastTenth) {
                lastTenth = tenth;
                out.printf("%s %3d%% %,d/%,d%n", label, 100 * done / Math.max(1, total), done, total);
            }
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < 100_000_000L && done < total) {
            return;
        }
        lastDraw = now;
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        double rate = done / seconds;
        int filled = (int) Math.min(WIDTH, WIDTH * done / Math.max(1, total));
        long eta = rate > 0 ? (long) ((total - done) / rate) : 0;
        out.printf("\r%s [%s%s] %3d%% %,d/%,d  %,.0f/s  ETA %ds ", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), 100 * done / Math.max(1, total), done, total, rate, Math.max(0, eta));
        out.flush();
    }

    public void finish(long done) {
        lastDraw = 0;
        update(done);
        if (terminal) {
            out.println();
        }
    }
}
