package io.mysync.runtime.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mysync.config.model.LagThresholds;
import java.time.Instant;

/**
 * One notification of a lag alert: it fired, changed level, is still firing (a reminder), or resolved.
 *
 * @param sink empty for the source's own lag
 */
public record AlertNotice(String alert, String source, String sink, String status, AlertLevel level,
                          AlertLevel previous, boolean reminder, double lagSeconds, LagThresholds thresholds,
                          Instant since, Instant at) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public boolean resolved() {
        return level == AlertLevel.OK;
    }

    public String subject() {
        return sink.isEmpty() ? "the reader of source " + source : "the " + sink + " sink of source " + source;
    }

    public String message() {
        String lag = String.format(java.util.Locale.ROOT, "%.1f s", lagSeconds);
        if (resolved()) {
            return subject() + " is back under its warning lag (" + lag + " behind); " + alert + " resolved";
        }
        long threshold = (level == AlertLevel.CRITICAL ? thresholds.critical() : thresholds.warn()).toSeconds();
        return (reminder ? "still " : "") + level.label() + ": " + subject() + " is " + lag + " behind (above "
                + threshold + " s for at least " + thresholds.holdFor().toSeconds() + " s)";
    }

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("alert", alert);
        node.put("source", source);
        node.put("sink", sink);
        node.put("status", status);
        node.put("level", level.label());
        node.put("previous_level", previous.label());
        node.put("reminder", reminder);
        node.put("lag_seconds", Math.round(lagSeconds * 1000) / 1000.0);
        node.put("warn_seconds", thresholds.warn().toMillis() / 1000.0);
        node.put("critical_seconds", thresholds.critical().toMillis() / 1000.0);
        node.put("for_seconds", thresholds.holdFor().toMillis() / 1000.0);
        node.put("since", since.toString());
        node.put("at", at.toString());
        node.put("message", message());
        return node.toString();
    }
}
