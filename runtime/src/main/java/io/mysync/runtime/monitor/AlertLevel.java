package io.mysync.runtime.monitor;

import io.mysync.config.model.LagThresholds;

/** How bad a lag is, by the thresholds of its source or sink. */
public enum AlertLevel {
    OK, WARNING, CRITICAL;

    /** The level a lag reaches right now (no 'for' duration: a snapshot, as {@code mysync status} shows it). */
    public static AlertLevel of(double lagSeconds, LagThresholds thresholds) {
        if (Double.isNaN(lagSeconds)) {
            return OK;
        }
        if (lagSeconds >= thresholds.critical().toMillis() / 1000.0) {
            return CRITICAL;
        }
        return lagSeconds >= thresholds.warn().toMillis() / 1000.0 ? WARNING : OK;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
