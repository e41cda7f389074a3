package io.mysync.writer;

import io.mysync.common.retry.Backoff;
import io.mysync.writer.api.RetriableSinkException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pace of applying a batch again while its store fails: a growing back-off, a warning at the first failure and
 * then every {@link #WARNING_INTERVAL} (not one a retry), and one line when the store accepts again.
 */
final class RetryPacing {

    private static final Logger LOG = LoggerFactory.getLogger(RetryPacing.class);
    /** While a store stays down, how often the writer says so again (the first failure is always logged). */
    static final Duration WARNING_INTERVAL = Duration.ofSeconds(15);

    private final String sink;
    private final Backoff backoff;
    private final Backoff.Sleeper sleeper;
    private final Duration backoffMax;
    private final Clock clock;
    private long failingSince;
    private long lastWarning;

    /** Nanosecond time, as {@link System#nanoTime()} gives it. */
    interface Clock {
        long nanoTime();
    }

    RetryPacing(String sink, Duration backoff, Duration backoffMax, Backoff.Sleeper sleeper) {
        this(sink, backoff, backoffMax, sleeper, System::nanoTime);
    }

    RetryPacing(String sink, Duration backoff, Duration backoffMax, Backoff.Sleeper sleeper, Clock clock) {
        this.sink = sink;
        this.backoff = new Backoff(backoff, backoffMax);
        this.backoffMax = backoffMax;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /** The batch was accepted after {@code attempts}: the back-off starts again from its first step. */
    void accepted(int attempts) {
        backoff.reset();
        if (failingSince != 0) {
            LOG.info("{} accepted the batch again after {} attempts over {} s", sink, attempts,
                    secondsSince(failingSince));
            failingSince = 0;
        }
    }

    /**
     * Says so when due, then waits the next back-off step.
     *
     * @return false when the wait was interrupted: the writer is stopping
     */
    boolean failedAgain(RetriableSinkException cause, int lanes, int attempts) {
        long now = clock.nanoTime();
        if (failingSince == 0) {
            failingSince = now;
            lastWarning = now;
            LOG.warn("{}; retrying the same events of {} lane(s) with back-off up to {} ms, committing nothing "
                    + "meanwhile", cause.getMessage(), lanes, backoffMax.toMillis());
        } else if (now - lastWarning >= WARNING_INTERVAL.toNanos()) {
            lastWarning = now;
            LOG.warn("{} still failing after {} attempts over {} s: {}", sink, attempts, secondsSince(failingSince),
                    cause.getMessage());
        }
        return backoff.pause(sleeper);
    }

    /** Whether the store has failed since it last accepted a batch. */
    boolean failing() {
        return failingSince != 0;
    }

    private long secondsSince(long nanoTime) {
        return Duration.ofNanos(clock.nanoTime() - nanoTime).toSeconds();
    }
}
