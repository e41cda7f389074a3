package io.mysync.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.config.model.LagThresholdsBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagAlertTest {

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-22T05:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();
    private double lag;
    private final LagAlert alert = new LagAlert("sink_lag", "shop", "redis", LagThresholdsBuilder.builder()
            .warn(Duration.ofSeconds(5)).critical(Duration.ofSeconds(60)).holdFor(Duration.ofSeconds(10)).build(),
            Duration.ofMinutes(30),
            () -> lag, clock);
    private final List<AlertNotice> notices = new ArrayList<>();

    /** Evaluates once a second for {@code seconds} at the given lag. */
    private void run(double atLag, int seconds) {
        lag = atLag;
        for (int i = 0; i < seconds; i++) {
            alert.evaluate().ifPresent(notices::add);
            clock.now = clock.now.plusSeconds(1);
        }
    }

    @Test
    void firesOnlyAfterTheLagHeldForTheForDurationThenOncePerChangeOfLevel() {
        run(8, 10);
        assertThat(notices).as("not before 'for' has passed").isEmpty();
        run(8, 50);
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).level()).isEqualTo(AlertLevel.WARNING);
        assertThat(notices.get(0).status()).isEqualTo("firing");
        assertThat(notices.get(0).since()).isEqualTo(Instant.parse("2026-11-22T05:00:00Z"));
        run(120, 9);
        assertThat(notices).as("critical needs its own 'for'").hasSize(1);
        run(120, 5);
        assertThat(notices).hasSize(2);
        assertThat(notices.get(1).level()).isEqualTo(AlertLevel.CRITICAL);
        assertThat(notices.get(1).previous()).isEqualTo(AlertLevel.WARNING);
        run(30, 20);
        assertThat(notices).as("back under critical: one de-escalation").hasSize(3);
        assertThat(notices.get(2).level()).isEqualTo(AlertLevel.WARNING);
        run(0, 1);
        assertThat(notices).hasSize(4);
        assertThat(notices.get(3).resolved()).isTrue();
        assertThat(notices.get(3).status()).isEqualTo("resolved");
        run(0, 100);
        assertThat(notices).hasSize(4);
    }

    @Test
    void aLagThatDipsUnderTheThresholdStartsTheForDurationAgain() {
        for (int i = 0; i < 10; i++) {
            run(8, 9);
            run(1, 1);
        }
        assertThat(notices).isEmpty();
    }

    @Test
    void remindsOnlyEveryReminderIntervalWhileFiring() {
        run(8, 11 + 60 * 60);
        assertThat(notices).hasSize(3); // fired, then reminders after 30 and 60 minutes
        assertThat(notices.subList(1, 3)).allMatch(AlertNotice::reminder);
        assertThat(notices.get(1).message()).startsWith("still warning");
    }

    @Test
    void anUnknownLagIsNoLag() {
        run(Double.NaN, 100);
        assertThat(notices).isEmpty();
        assertThat(alert.level()).isEqualTo(AlertLevel.OK);
    }

    @Test
    void theNoticeIsJsonWithEverythingAReceiverNeeds() {
        run(8, 11);
        String json = notices.get(0).toJson();
        assertThat(json).contains("\"alert\":\"sink_lag\"", "\"source\":\"shop\"", "\"sink\":\"redis\"",
                "\"status\":\"firing\"", "\"level\":\"warning\"", "\"previous_level\":\"ok\"", "\"lag_seconds\":8.0",
                "\"warn_seconds\":5.0", "\"critical_seconds\":60.0", "\"for_seconds\":10.0",
                "\"message\":\"warning: the redis sink of source shop is 8.0 s behind");
    }
}
