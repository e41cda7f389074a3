package io.mysync.dev.bench;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mysync.common.metrics.MetricNames;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where each writer's time went during a live run, between {@link #start} and {@link #stop}: the CPU of MySync's own
 * threads of that writer (its consumer thread, its lanes, Elasticsearch's bulk threads; not the store clients' I/O
 * threads), the wall time of its batch applies (store round trips plus the lane's own work) and its batch sizes, from
 * the writer's metrics.
 */
public final class WriterTime {

    /** One writer's figures over the run. */
    public record Split(String sink, long events, long batches, double applyMillis, double cpuMillis) {

        public double cpuMicrosPerEvent() {
            return events == 0 ? 0 : cpuMillis * 1000 / events;
        }

        public double applyMillisPerBatch() {
            return batches == 0 ? 0 : applyMillis / batches;
        }

        public double eventsPerBatch() {
            return batches == 0 ? 0 : (double) events / batches;
        }

        /**
         * The share of the apply wall time that the writer's threads were not on the CPU at all, a lower bound of its
         * waits on the store (their CPU also counts polling and decoding, outside the applies).
         */
        public double waitingShareAtLeast() {
            return applyMillis == 0 ? 0 : Math.max(0, 1 - cpuMillis / applyMillis);
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final MeterRegistry registry;
    private final String source;
    private final List<String> sinks;
    private final Map<Long, Long> cpuAtStart = new HashMap<>();
    private final Map<String, double[]> metersAtStart = new HashMap<>();

    private WriterTime(MeterRegistry registry, String source, List<String> sinks) {
        this.registry = registry;
        this.source = source;
        this.sinks = sinks;
    }

    public static WriterTime start(MeterRegistry registry, String source, List<String> sinks) {
        WriterTime time = new WriterTime(registry, source, sinks);
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            time.cpuAtStart.put(thread.getId(), THREADS.getThreadCpuTime(thread.getId()));
        }
        for (String sink : sinks) {
            time.metersAtStart.put(sink, time.meters(sink));
        }
        return time;
    }

    public List<Split> stop() {
        Map<String, Double> cpuMillis = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            long now = THREADS.getThreadCpuTime(thread.getId());
            if (now < 0) {
                continue;
            }
            for (String sink : sinks) {
                if (thread.getName().startsWith("mysync-") && thread.getName().contains(sink)) {
                    long before = cpuAtStart.getOrDefault(thread.getId(), 0L);
                    cpuMillis.merge(sink, (now - Math.max(0, before)) / 1e6, Double::sum);
                }
            }
        }
        List<Split> splits = new ArrayList<>();
        for (String sink : sinks) {
            double[] start = metersAtStart.get(sink);
            double[] end = meters(sink);
            splits.add(new Split(sink, (long) (end[0] - start[0]), (long) (end[1] - start[1]), end[2] - start[2],
                    cpuMillis.getOrDefault(sink, 0.0)));
        }
        return splits;
    }

    /** events applied, batches applied, apply milliseconds so far */
    private double[] meters(String sink) {
        DistributionSummary batch = registry.find(MetricNames.WRITER_BATCH_EVENTS).tag(MetricNames.TAG_SOURCE, source)
                .tag(MetricNames.TAG_SINK, sink).summary();
        Timer apply = registry.find(MetricNames.WRITER_APPLY).tag(MetricNames.TAG_SOURCE, source)
                .tag(MetricNames.TAG_SINK, sink).timer();
        return new double[] {batch == null ? 0 : batch.totalAmount(), apply == null ? 0 : apply.count(),
                apply == null ? 0 : apply.totalTime(TimeUnit.MILLISECONDS)};
    }
}
