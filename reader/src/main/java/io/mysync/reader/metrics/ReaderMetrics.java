package io.mysync.reader.metrics;

import static io.mysync.common.metrics.MetricNames.TAG_SOURCE;
import static io.mysync.common.metrics.MetricNames.TAG_TABLE;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mysync.common.metrics.MetricNames;
import io.mysync.common.position.Position;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The reader's metrics of one source, for the life of the process (across binlog sessions and leadership terms).
 * Updated on the binlog thread and the Kafka producer's thread; gauges are read when scraped.
 */
public final class ReaderMetrics {

    /** Histogram buckets of the latency timer: from a millisecond to a minute, few enough to keep scrapes small. */
    private static final Duration[] LATENCY_BUCKETS = java.util.stream.LongStream.of(1, 2, 5, 10, 25, 50, 100, 250,
            500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000).mapToObj(Duration::ofMillis).toArray(Duration[]::new);

    /** Per-table counters, looked up once per event. */
    public record TableMeters(Counter events, Counter bytes) {
    }

    private final MeterRegistry registry;
    private final String source;
    private final Clock clock;
    private final Map<String, TableMeters> tables = new ConcurrentHashMap<>();
    private final Timer send;
    private final DistributionSummary transactionEvents;
    private volatile boolean leading;
    private volatile boolean connected;
    private volatile boolean atEnd;
    private volatile long lastCommitMs;
    private volatile Position position;
    private volatile long nextSeq;
    private volatile IntSupplier inflight = () -> 0;

    public ReaderMetrics(MeterRegistry registry, String source, Clock clock) {
        this.registry = registry;
        this.source = source;
        this.clock = clock;
        Gauge.builder(MetricNames.READER_SOURCE_LAG, this, ReaderMetrics::sourceLagSeconds).baseUnit("seconds")
                .description("now minus the commit time of the last source transaction read; 0 at the binlog end")
                .tag(TAG_SOURCE, source).register(registry);
        Gauge.builder(MetricNames.READER_LEADER, this, m -> m.leading ? 1 : 0)
                .description("1 while this process leads its source").tag(TAG_SOURCE, source).register(registry);
        Gauge.builder(MetricNames.READER_CONNECTED, this, m -> m.connected ? 1 : 0)
                .description("1 while the binlog stream is connected").tag(TAG_SOURCE, source).register(registry);
        Gauge.builder(MetricNames.READER_BINLOG_FILE, this, m -> BinlogNumbers.fileNumber(m.position))
                .description("number of the binlog file read").tag(TAG_SOURCE, source).register(registry);
        Gauge.builder(MetricNames.READER_BINLOG_POSITION, this, m -> m.position == null ? 0
                        : m.position.binlogPosition()).baseUnit("bytes")
                .description("byte offset read in the binlog file").tag(TAG_SOURCE, source).register(registry);
        Gauge.builder(MetricNames.READER_GTID_TRANSACTIONS, this, m -> BinlogNumbers.transactions(m.position))
                .description("transactions in the GTID set read").tag(TAG_SOURCE, source).register(registry);
        Gauge.builder(MetricNames.READER_NEXT_SEQ, this, m -> m.nextSeq)
                .description("seq of the next event").tag(TAG_SOURCE, source).register(registry);
        Gauge.builder(MetricNames.READER_INFLIGHT_TRANSACTIONS, this, m -> m.inflight.getAsInt())
                .description("source transactions read, not yet acknowledged by Kafka").tag(TAG_SOURCE, source)
                .register(registry);
        this.send = Timer.builder(MetricNames.READER_KAFKA_SEND).description("event handed to Kafka until acked")
                .tag(TAG_SOURCE, source).serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
        this.transactionEvents = DistributionSummary.builder(MetricNames.READER_TRANSACTION_EVENTS)
                .description("captured rows per source transaction").tag(TAG_SOURCE, source).register(registry);
    }

    /** Metrics nobody scrapes, for a reader run without an endpoint (tests, tools). */
    public static ReaderMetrics unregistered(String source) {
        return new ReaderMetrics(new SimpleMeterRegistry(), source, Clock.systemUTC());
    }

    public String source() {
        return source;
    }

    public void leading(boolean leads) {
        this.leading = leads;
    }

    public boolean leading() {
        return leading;
    }

    public void connected(boolean isConnected) {
        this.connected = isConnected;
        if (!isConnected) {
            atEnd = false; // not reading: the lag grows from the last commit read
        }
    }

    public boolean connected() {
        return connected;
    }

    /** The in-flight queue of the current binlog session. */
    public void inflight(IntSupplier queueDepth) {
        this.inflight = queueDepth;
    }

    public TableMeters table(String database, String table) {
        return tables.computeIfAbsent(database + "." + table, name -> new TableMeters(
                Counter.builder(MetricNames.READER_EVENTS).description("events published")
                        .tags(TAG_SOURCE, source, TAG_TABLE, name).register(registry),
                Counter.builder(MetricNames.READER_EVENT_BYTES).baseUnit("bytes").description("event bytes published")
                        .tags(TAG_SOURCE, source, TAG_TABLE, name).register(registry)));
    }

    public void acknowledged(long sentAtNanos) {
        send.record(System.nanoTime() - sentAtNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** A source transaction was read to its end. */
    public void transactionRead(Position end, long next, long commitTimeMs, int events) {
        this.position = end;
        this.nextSeq = next;
        this.lastCommitMs = commitTimeMs;
        this.atEnd = false;
        if (events > 0) {
            transactionEvents.record(events);
        }
    }

    /** A binlog heartbeat: the server has nothing newer, so the reader is at its end. */
    public void caughtUp() {
        this.atEnd = true;
    }

    /**
     * NaN on a standby (it reads nothing) and before the first transaction was read, unless the reader is known to be
     * at the binlog end.
     */
    public double sourceLagSeconds() {
        if (!leading) {
            return Double.NaN;
        }
        if (connected && atEnd) {
            return 0;
        }
        long last = lastCommitMs;
        return last == 0 ? Double.NaN : Math.max(0, clock.millis() - last) / 1000.0;
    }
}
