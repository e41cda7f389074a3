package io.mysync.runtime.monitor;

import io.mysync.config.model.LagThresholds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * One lag alert's state. It fires at a level once the lag stayed at or above that level's threshold for the 'for'
 * duration, resolves as soon as the lag is back under the warning threshold, and says so once per change of level;
 * while it keeps firing it repeats itself only every reminder interval. A lag that is unknown (NaN) counts as none.
 */
public final class LagAlert {

    private final String alert;
    private final String source;
    private final String sink;
    private final LagThresholds thresholds;
    private final Duration reminder;
    private final DoubleSupplier lagSeconds;
    private final Clock clock;
    private AlertLevel level = AlertLevel.OK;
    private Instant warnSince;
    private Instant criticalSince;
    private Instant firingSince;
    private Instant lastNotice;

    public LagAlert(String alert, String source, String sink, LagThresholds thresholds, Duration reminder,
                    DoubleSupplier lagSeconds, Clock clock) {
        this.alert = alert;
        this.source = source;
        this.sink = sink;
        this.thresholds = thresholds;
        this.reminder = reminder;
        this.lagSeconds = lagSeconds;
        this.clock = clock;
    }

    public String sink() {
        return sink;
    }

    public String alert() {
        return alert;
    }

    public AlertLevel level() {
        return level;
    }

    /** Reads the lag once; returns the notice to send, if this evaluation changed something worth telling. */
    public Optional<AlertNotice> evaluate() {
        Instant now = clock.instant();
        double lag = lagSeconds.getAsDouble();
        AlertLevel reached = AlertLevel.of(lag, thresholds);
        warnSince = reached.compareTo(AlertLevel.WARNING) >= 0 ? (warnSince == null ? now : warnSince) : null;
        criticalSince = reached == AlertLevel.CRITICAL ? (criticalSince == null ? now : criticalSince) : null;
        AlertLevel target = AlertLevel.OK;
        if (heldLongEnough(warnSince, now)) {
            target = AlertLevel.WARNING;
        }
        if (heldLongEnough(criticalSince, now)) {
            target = AlertLevel.CRITICAL;
        }
        if (target == AlertLevel.WARNING && level == AlertLevel.CRITICAL && reached == AlertLevel.CRITICAL) {
            target = AlertLevel.CRITICAL; // still above critical: not a de-escalation
        }
        if (target != level) {
            AlertLevel previous = level;
            level = target;
            if (previous == AlertLevel.OK) {
                firingSince = warnSince; // when the lag first went over the warning threshold
            }
            Instant since = firingSince;
            if (target == AlertLevel.OK) {
                firingSince = null;
            }
            lastNotice = now;
            return Optional.of(notice(target == AlertLevel.OK ? "resolved" : "firing", previous, false, lag, since,
                    now));
        }
        if (level != AlertLevel.OK && Duration.between(lastNotice, now).compareTo(reminder) >= 0) {
            lastNotice = now;
            return Optional.of(notice("firing", level, true, lag, firingSince, now));
        }
        return Optional.empty();
    }

    private boolean heldLongEnough(Instant since, Instant now) {
        return since != null && Duration.between(since, now).compareTo(thresholds.holdFor()) >= 0;
    }

    private AlertNotice notice(String status, AlertLevel previous, boolean isReminder, double lag, Instant since,
                               Instant now) {
        return new AlertNotice(alert, source, sink, status, level, previous, isReminder, Double.isNaN(lag) ? 0 : lag,
                thresholds, since == null ? now : since, now);
    }
}
