package io.mysync.common.retry;

import java.time.Duration;

/** Exponential back-off between attempts of the same batch; the sleeping is injected so tests need not wait. */
public final class Backoff {

    /** Waits; tests pass a sleeper that records instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Duration initial;
    private final Duration max;
    private Duration next;

    public Backoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
        this.next = initial;
    }

    /** The wait before the next attempt; each call doubles the following one up to the maximum. */
    public Duration next() {
        Duration current = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current;
    }

    public void reset() {
        next = initial;
    }

    /** Waits the next back-off with {@code sleeper}; false when interrupted (the caller should stop). */
    public boolean pause(Sleeper sleeper) {
        try {
            sleeper.sleep(next());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
