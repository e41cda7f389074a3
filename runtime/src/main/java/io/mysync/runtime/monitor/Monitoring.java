package io.mysync.runtime.monitor;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mysync.runtime.Pipeline;
import io.mysync.config.model.MonitoringConfig;
import io.mysync.config.model.MySyncConfig;
import io.mysync.reader.metrics.ReaderMetrics;
import io.mysync.writer.SinkWorker;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What watches one process's pipeline: its lag alerts and its metrics and health endpoint. */
public final class Monitoring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Monitoring.class);

    private final AlertEvaluator alerts;
    private final MetricsServer server;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private Monitoring(AlertEvaluator alerts, MetricsServer server) {
        this.alerts = alerts;
        this.server = server;
    }

    /** A Prometheus registry with the JVM's own metrics (heap, GC, threads, CPU, uptime) bound to it. */
    public static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /** Starts the alerts and, unless metrics.port is -1, the endpoint; the registry is the pipeline's. */
    public static Monitoring start(MySyncConfig config, Pipeline pipeline, PrometheusMeterRegistry registry) {
        MonitoringConfig monitoring = config.monitoring();
        String source = config.source().id();
        List<LagAlert> lagAlerts = new ArrayList<>();
        ReaderMetrics reader = pipeline.readerMetrics();
        if (reader != null) {
            lagAlerts.add(new LagAlert("source_lag", source, "", monitoring.sourceLag(), monitoring.reminder(),
                    reader::sourceLagSeconds, Clock.systemUTC()));
        }
        if (pipeline.writer() != null) {
            for (SinkWorker worker : pipeline.writer().workers()) {
                lagAlerts.add(new LagAlert("sink_lag", source, worker.sinkName(),
                        monitoring.sinkLag(worker.sinkName()), monitoring.reminder(),
                        worker.metrics()::maxLagSeconds, Clock.systemUTC()));
            }
        }
        AlertEvaluator alerts = new AlertEvaluator(lagAlerts, new AlertNotifier(monitoring.webhook()), registry,
                source).start();
        MetricsServer server = null;
        if (monitoring.metricsEnabled()) {
            ProcessHealth health = new ProcessHealth(pipeline, alerts);
            try {
                server = MetricsServer.start(monitoring.metricsBind(), monitoring.metricsPort(),
                        monitoring.metricsAuth(), registry,
                        health::live, health::ready);
            } catch (IllegalStateException e) {
                alerts.close();
                throw e;
            }
            LOG.info("Metrics on http://{}:{}/metrics, health on /health/live and /health/ready",
                    monitoring.metricsBind(), server.port());
        }
        return new Monitoring(alerts, server);
    }

    /** The endpoint's port, or -1 when it is off. */
    public int port() {
        return server == null ? -1 : server.port();
    }

    public AlertEvaluator alerts() {
        return alerts;
    }

    /** Stops the endpoint and the alerts; a second call (the shutdown hook after a failure) does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (server != null) {
            server.close();
        }
        alerts.close();
    }
}
