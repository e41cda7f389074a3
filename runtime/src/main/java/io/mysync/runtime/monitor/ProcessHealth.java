package io.mysync.runtime.monitor;

import io.mysync.runtime.Pipeline;
import io.mysync.reader.metrics.ReaderMetrics;
import io.mysync.writer.SinkWorker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Liveness and readiness of this process. Live: no part has stopped on an error (a process starting or stopping
 * is alive). Ready: the reader leads its source
 * and its binlog stream is connected (a standby is alive but not ready), and every sink is running and not
 * critically behind by its lag alert.
 */
public final class ProcessHealth {

    private final Pipeline pipeline;
    private final AlertEvaluator alerts;

    public ProcessHealth(Pipeline pipeline, AlertEvaluator alerts) {
        this.pipeline = pipeline;
        this.alerts = alerts;
    }

    public List<HealthCheck> live() {
        RuntimeException failure = pipeline.fatal();
        if (failure != null) {
            return List.of(new HealthCheck("process", false, "stopped: " + failure.getMessage()));
        }
        return List.of(new HealthCheck("process", true, pipeline.alive() ? "running" : "starting or stopping"));
    }

    public List<HealthCheck> ready() {
        List<HealthCheck> checks = new ArrayList<>(live());
        ReaderMetrics reader = pipeline.readerMetrics();
        if (reader != null) {
            if (!reader.leading()) {
                checks.add(new HealthCheck("reader", false, "standing by: another reader leads the source"));
            } else if (!reader.connected()) {
                checks.add(new HealthCheck("reader", false, "leading, but the binlog stream is not connected"));
            } else {
                checks.add(new HealthCheck("reader", true, String.format(Locale.ROOT,
                        "leading and streaming, %.1f s behind the source", zeroIfNaN(reader.sourceLagSeconds()))));
            }
        }
        if (pipeline.writer() != null) {
            for (SinkWorker worker : pipeline.writer().workers()) {
                String part = "writer." + worker.sinkName();
                double lag = worker.metrics().maxLagSeconds();
                if (worker.fatal() != null) {
                    checks.add(new HealthCheck(part, false, "stopped: " + worker.fatal().getMessage()));
                } else if (alerts.level(worker.sinkName()) == AlertLevel.CRITICAL) {
                    checks.add(new HealthCheck(part, false, String.format(Locale.ROOT,
                            "%.1f s behind: its lag alert is critical", lag)));
                } else {
                    checks.add(new HealthCheck(part, true, String.format(Locale.ROOT, "%.1f s behind, %d events "
                            + "waiting", lag, worker.metrics().lagRecords())));
                }
            }
        }
        return checks;
    }

    private static double zeroIfNaN(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
