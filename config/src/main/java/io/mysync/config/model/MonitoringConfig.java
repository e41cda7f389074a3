package io.mysync.config.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The metrics and health endpoint and the lag alerts; see {@code MonitoringKeys}.
 *
 * @param metricsPort 0 picks a free port, -1 turns the endpoint off
 * @param metricsAuth HTTP basic authentication of {@code /metrics}
 * @param sinkLag     the thresholds of sinks without their own in {@code perSink}
 */
@RecordBuilder
public record MonitoringConfig(String metricsBind, int metricsPort, Optional<Credentials> metricsAuth,
                               Optional<URI> webhook, Duration reminder, LagThresholds sourceLag,
                               LagThresholds sinkLag, Map<String, LagThresholds> perSink) {

    /** The same settings with the endpoint on {@code port} (a process's own, e.g. {@code --metrics-port}). */
    public MonitoringConfig withMetricsPort(int port) {
        return MonitoringConfigBuilder.builder(this).metricsPort(port).build();
    }

    public boolean metricsEnabled() {
        return metricsPort >= 0;
    }

    public LagThresholds sinkLag(String sink) {
        return perSink.getOrDefault(sink, sinkLag);
    }
}
