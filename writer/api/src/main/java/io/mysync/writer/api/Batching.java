package io.mysync.writer.api;

import java.time.Duration;

/**
 * How a writer gathers events for one sink: it applies what it has once {@code maxEvents} are gathered or the
 * first of them waited {@code flushInterval}; with a zero interval each poll is applied as it arrives.
 */
public record Batching(int maxEvents, Duration flushInterval) {

    public static Batching perPoll(int maxEvents) {
        return new Batching(maxEvents, Duration.ZERO);
    }

    public boolean gathers() {
        return !flushInterval.isZero();
    }
}
