package io.mysync.dump;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Holds the workers together below a rate in rows per second; 0 lets them run free. */
final class Throttle {

    private final long rowsPerSecond;
    private final long started = System.nanoTime();
    private long granted;

    Throttle(long rowsPerSecond) {
        this.rowsPerSecond = rowsPerSecond;
    }

    /** Waits until {@code rows} more rows fit under the rate. */
    void acquire(long rows) {
        if (rowsPerSecond <= 0) {
            return;
        }
        long dueAt;
        synchronized (this) {
            granted += rows;
            dueAt = started + TimeUnit.SECONDS.toNanos(1) * granted / rowsPerSecond;
        }
        long wait;
        while ((wait = dueAt - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
