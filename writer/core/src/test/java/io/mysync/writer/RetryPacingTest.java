package io.mysync.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.writer.api.RetriableSinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The back-off between attempts of a failing batch, and its start again once the store accepts. */
class RetryPacingTest {

    private final List<Duration> slept = new ArrayList<>();
    private long now;
    private final RetryPacing pacing = new RetryPacing("memo", Duration.ofMillis(100), Duration.ofMillis(700),
            d -> {
                slept.add(d);
                now += d.toNanos();
            }, () -> now);
    private final RetriableSinkException down = new RetriableSinkException("memo is down", null);

    @Test
    void theBackOffDoublesUpToItsMaximumAndStartsAgainOnceAccepted() {
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(pacing.failedAgain(down, 2, attempt)).isTrue();
        }
        assertThat(slept).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(700), Duration.ofMillis(700));
        assertThat(pacing.failing()).isTrue();
        pacing.accepted(6);
        assertThat(pacing.failing()).isFalse();
        pacing.failedAgain(down, 1, 1);
        assertThat(slept.get(slept.size() - 1)).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void anInterruptedWaitTellsTheWriterToStop() {
        RetryPacing interrupted = new RetryPacing("memo", Duration.ofMillis(100), Duration.ofSeconds(1), d -> {
            throw new InterruptedException();
        });
        assertThat(interrupted.failedAgain(down, 1, 1)).isFalse();
        assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
    }
}
