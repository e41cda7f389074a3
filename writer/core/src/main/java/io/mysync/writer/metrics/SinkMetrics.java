package io.mysync.writer.metrics;

import static io.mysync.common.metrics.MetricNames.TAG_ERROR;
import static io.mysync.common.metrics.MetricNames.TAG_PARTITION;
import static io.mysync.common.metrics.MetricNames.TAG_SINK;
import static io.mysync.common.metrics.MetricNames.TAG_SOURCE;
import static io.mysync.common.metrics.MetricNames.TAG_TOPIC;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mysync.common.metrics.MetricNames;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * One sink's metrics: lag per assigned partition in events and in seconds, apply latency, batch size, retries,
 * errors by class and dead letters. The worker thread updates them; gauges are read when scraped.
 */
public final class SinkMetrics {

    /** Histogram buckets of the latency timer: from a millisecond to a minute, few enough to keep scrapes small. */
    private static final Duration[] LATENCY_BUCKETS = java.util.stream.LongStream.of(1, 2, 5, 10, 25, 50, 100, 250,
            500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000).mapToObj(Duration::ofMillis).toArray(Duration[]::new);

    private final MeterRegistry registry;
    private final String source;
    private final String sink;
    private final Clock clock;
    private final Map<TopicPartition, PartitionLag> partitions = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();
    private final Timer apply;
    private final DistributionSummary batchEvents;
    private final Counter events;
    private final Counter retries;
    private final Counter deadLetters;
    /** When the worker last read the Kafka lag (worker thread only). */
    private long lastLagRead;

    /** The lag of one partition: what Kafka holds beyond the fetched position, plus what is fetched, not applied. */
    private static final class PartitionLag {
        volatile long beyondFetched;
        volatile int pending;
        /** Kafka timestamp of the oldest fetched event not applied yet; 0 when none is waiting. */
        volatile long oldestPendingMs;
        List<Meter> meters = List.of();
    }

    public SinkMetrics(MeterRegistry registry, String source, String sink, Clock clock) {
        this.registry = registry;
        this.source = source;
        this.sink = sink;
        this.clock = clock;
        Gauge.builder(MetricNames.WRITER_MAX_LAG, this, SinkMetrics::maxLagSeconds).baseUnit("seconds")
                .description("largest per-partition lag of the sink").tags(TAG_SOURCE, source, TAG_SINK, sink)
                .register(registry);
        this.apply = Timer.builder(MetricNames.WRITER_APPLY).description("one lane's batch written to the store")
                .tags(TAG_SOURCE, source, TAG_SINK, sink).serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        this.batchEvents = DistributionSummary.builder(MetricNames.WRITER_BATCH_EVENTS)
                .description("events per applied batch").tags(TAG_SOURCE, source, TAG_SINK, sink).register(registry);
        this.events = Counter.builder(MetricNames.WRITER_EVENTS).description("events applied and committed")
                .tags(TAG_SOURCE, source, TAG_SINK, sink).register(registry);
        this.retries = Counter.builder(MetricNames.WRITER_RETRIES).description("batch attempts after a failure")
                .tags(TAG_SOURCE, source, TAG_SINK, sink).register(registry);
        this.deadLetters = Counter.builder(MetricNames.WRITER_DEAD_LETTERS).description("events dead-lettered")
                .tags(TAG_SOURCE, source, TAG_SINK, sink).register(registry);
    }

    /** Metrics nobody scrapes (a writer run without an endpoint). */
    public static SinkMetrics unregistered(String source, String sink) {
        return new SinkMetrics(new SimpleMeterRegistry(), source, sink, Clock.systemUTC());
    }

    public String sink() {
        return sink;
    }

    public void assigned(Collection<TopicPartition> assigned) {
        for (TopicPartition tp : assigned) {
            partitions.computeIfAbsent(tp, p -> {
                PartitionLag lag = new PartitionLag();
                String partition = Integer.toString(p.partition());
                lag.meters = List.of(
                        Gauge.builder(MetricNames.WRITER_LAG_RECORDS, lag, l -> l.beyondFetched + l.pending)
                                .description("events in Kafka not applied yet")
                                .tags(TAG_SOURCE, source, TAG_SINK, sink, TAG_TOPIC, p.topic(), TAG_PARTITION,
                                        partition).register(registry),
                        Gauge.builder(MetricNames.WRITER_LAG, lag, this::lagSeconds).baseUnit("seconds")
                                .description("age in Kafka of the oldest event not applied")
                                .tags(TAG_SOURCE, source, TAG_SINK, sink, TAG_TOPIC, p.topic(), TAG_PARTITION,
                                        partition).register(registry));
                return lag;
            });
        }
    }

    public void revoked(Collection<TopicPartition> revoked) {
        for (TopicPartition tp : revoked) {
            PartitionLag lag = partitions.remove(tp);
            if (lag != null) {
                lag.meters.forEach(registry::remove);
            }
        }
    }

    /**
     * Events of a partition were fetched, the first with this Kafka timestamp; they wait until {@link #settled}.
     * Called by the worker thread only.
     */
    public void fetched(TopicPartition tp, long firstTimestampMs, int count) {
        PartitionLag lag = partitions.get(tp);
        if (lag != null) {
            if (lag.pending == 0) {
                lag.oldestPendingMs = Math.max(1, firstTimestampMs);
            }
            lag.pending += count;
        }
    }

    /**
     * Reads, on the worker thread that owns the consumer, the events Kafka holds beyond the fetch position of each
     * assigned partition: from the last fetch, at most twice a second; while the partitions are paused for a failing
     * store (no fetches), from the end offsets, every 5 s.
     */
    public void readKafkaLag(Consumer<?, ?> consumer, boolean paused) {
        long now = System.nanoTime();
        if (now - lastLagRead < (paused ? 5_000_000_000L : 500_000_000L)) {
            return;
        }
        lastLagRead = now;
        Set<TopicPartition> assigned = consumer.assignment();
        if (!paused) {
            for (TopicPartition tp : assigned) {
                consumer.currentLag(tp).ifPresent(lag -> beyondFetched(tp, lag));
            }
            return;
        }
        try {
            consumer.endOffsets(assigned, Duration.ofSeconds(1)).forEach((tp, end) ->
                    beyondFetched(tp, Math.max(0, end - consumer.position(tp, Duration.ofSeconds(1)))));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            // end offsets not known yet: the next read tries again
        }
    }

    private void beyondFetched(TopicPartition tp, long records) {
        PartitionLag lag = partitions.get(tp);
        if (lag != null) {
            lag.beyondFetched = records;
        }
    }

    /** Everything fetched of these partitions was applied and committed (or handed back to Kafka). */
    public void settled(Collection<TopicPartition> settled) {
        for (TopicPartition tp : settled) {
            PartitionLag lag = partitions.get(tp);
            if (lag != null) {
                lag.pending = 0;
                lag.oldestPendingMs = 0;
            }
        }
    }

    public void committed(int applied) {
        events.increment(applied);
    }

    public void batchApplied(int size, long startedNanos) {
        batchEvents.record(size);
        apply.record(System.nanoTime() - startedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    public void retried(Throwable failure) {
        retries.increment();
        error(errorClass(failure));
    }

    public void deadLettered(String errorClass) {
        deadLetters.increment();
        error(errorClass);
    }

    private void error(String errorClass) {
        errors.computeIfAbsent(errorClass, c -> Counter.builder(MetricNames.WRITER_ERRORS)
                .description("store failures by error class")
                .tags(TAG_SOURCE, source, TAG_SINK, sink, TAG_ERROR, c).register(registry)).increment();
    }

    /** The store client's exception class behind a sink failure, else the failure's own. */
    static String errorClass(Throwable failure) {
        Throwable root = failure.getCause() != null ? failure.getCause() : failure;
        return root.getClass().getSimpleName();
    }

    private double lagSeconds(PartitionLag lag) {
        long oldest = lag.oldestPendingMs;
        return oldest == 0 ? 0 : Math.max(0, clock.millis() - oldest) / 1000.0;
    }

    /** The largest per-partition lag in seconds; 0 with nothing waiting. */
    public double maxLagSeconds() {
        double max = 0;
        for (PartitionLag lag : partitions.values()) {
            max = Math.max(max, lagSeconds(lag));
        }
        return max;
    }

    /** Events in Kafka not applied yet, over every assigned partition. */
    public long lagRecords() {
        long total = 0;
        for (PartitionLag lag : partitions.values()) {
            total += lag.beyondFetched + lag.pending;
        }
        return total;
    }
}
