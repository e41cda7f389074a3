package io.mysync.dev.bench;

/** Records when rows committed in the source and when each became visible in one store. */
public interface VisibilityProbe extends AutoCloseable {

    /** The row with this id committed at {@code nanoTime} ({@link System#nanoTime()}). */
    void committed(long id, long nanoTime);

    Latencies latencies();

    /** Rows committed and not yet seen in the store. */
    int pending();

    /** When the last row became visible ({@link System#nanoTime()}). */
    long lastVisibleNanos();

    @Override
    void close();
}
