package io.mysync.runtime.monitor;

import static io.mysync.common.metrics.MetricNames.TAG_ALERT;
import static io.mysync.common.metrics.MetricNames.TAG_SINK;
import static io.mysync.common.metrics.MetricNames.TAG_SOURCE;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mysync.common.metrics.MetricNames;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Evaluates this process's lag alerts once a second and hands their notices to the {@link AlertNotifier}. */
public final class AlertEvaluator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluator.class);

    private final List<LagAlert> alerts;
    private final AlertNotifier notifier;
    private final String source;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mysync-alerts");
        t.setDaemon(true);
        return t;
    });

    public AlertEvaluator(List<LagAlert> alerts, AlertNotifier notifier, MeterRegistry registry, String source) {
        this.alerts = List.copyOf(alerts);
        this.notifier = notifier;
        this.source = source;
        for (LagAlert alert : alerts) {
            Gauge.builder(MetricNames.ALERT_LEVEL, alert, a -> a.level().ordinal())
                    .description("lag alert level: 0 ok, 1 warning, 2 critical")
                    .tags(TAG_SOURCE, source, TAG_ALERT, alert.alert(), TAG_SINK, alert.sink()).register(registry);
        }
    }

    public AlertEvaluator start() {
        timer.scheduleWithFixedDelay(this::evaluate, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    public List<LagAlert> alerts() {
        return alerts;
    }

    /** The level of a sink's alert ("" for the source's), OK when this process does not watch it. */
    public AlertLevel level(String sink) {
        return alerts.stream().filter(a -> a.sink().equals(sink)).map(LagAlert::level).findFirst()
                .orElse(AlertLevel.OK);
    }

    void evaluate() {
        org.slf4j.MDC.put("source", source);
        org.slf4j.MDC.put("component", "alerts");
        for (LagAlert alert : alerts) {
            try {
                Optional<AlertNotice> notice = alert.evaluate();
                notice.ifPresent(notifier::send);
            } catch (RuntimeException e) {
                LOG.warn("Evaluating the {} alert failed: {}", alert.alert(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        notifier.close();
    }
}
