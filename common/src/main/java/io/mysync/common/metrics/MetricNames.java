package io.mysync.common.metrics;

/**
 * The names of MySync's metrics, defined once. Each is a Micrometer name; the Prometheus endpoint writes it with
 * underscores, its base unit and, for counters, {@code _total}: {@code mysync.reader.source.lag} (seconds) is
 * {@code mysync_reader_source_lag_seconds}. Every metric carries the tag {@code source}; per-sink ones {@code sink}.
 */
public final class MetricNames {

    private MetricNames() {
    }

    public static final String TAG_SOURCE = "source";
    public static final String TAG_SINK = "sink";
    public static final String TAG_TABLE = "table";
    public static final String TAG_TOPIC = "topic";
    public static final String TAG_PARTITION = "partition";
    public static final String TAG_ERROR = "error";
    public static final String TAG_ALERT = "alert";

    /** Seconds: now minus the commit time of the last transaction read; 0 once the reader is at the binlog end. */
    public static final String READER_SOURCE_LAG = "mysync.reader.source.lag";
    /** 1 while this process leads its source (a single reader always does), 0 while it stands by. */
    public static final String READER_LEADER = "mysync.reader.leader";
    /** 1 while the binlog stream is connected. */
    public static final String READER_CONNECTED = "mysync.reader.connected";
    /** The read position: the binlog file's number ({@code mysql-bin.000042} is 42) and byte offset. */
    public static final String READER_BINLOG_FILE = "mysync.reader.binlog.file";
    public static final String READER_BINLOG_POSITION = "mysync.reader.binlog.position";
    /** Transactions in the GTID set read so far (0 without GTIDs): grows by one per source transaction. */
    public static final String READER_GTID_TRANSACTIONS = "mysync.reader.gtid.transactions";
    /** The seq the next event gets. */
    public static final String READER_NEXT_SEQ = "mysync.reader.next.seq";
    /** Events published, and their protobuf bytes, per table ({@code database.table}). */
    public static final String READER_EVENTS = "mysync.reader.events";
    public static final String READER_EVENT_BYTES = "mysync.reader.event.bytes";
    /** From handing an event to the Kafka producer to its acknowledgement (acks=all). */
    public static final String READER_KAFKA_SEND = "mysync.reader.kafka.send";
    /** Source transactions read but not yet fully acknowledged by Kafka: the reader's in-flight queue. */
    public static final String READER_INFLIGHT_TRANSACTIONS = "mysync.reader.inflight.transactions";
    /** Captured rows per source transaction. */
    public static final String READER_TRANSACTION_EVENTS = "mysync.reader.transaction.events";

    /** Per partition: events in Kafka the sink has not applied yet. */
    public static final String WRITER_LAG_RECORDS = "mysync.writer.lag.records";
    /** Per partition, seconds: how long the oldest event the sink has not applied has waited in Kafka. */
    public static final String WRITER_LAG = "mysync.writer.lag";
    /** Seconds: the largest per-partition lag of a sink; what the sink's lag alert watches. */
    public static final String WRITER_MAX_LAG = "mysync.writer.max.lag";
    /** One store write of one lane's batch, until the store accepted it. */
    public static final String WRITER_APPLY = "mysync.writer.apply";
    /** Events per applied batch. */
    public static final String WRITER_BATCH_EVENTS = "mysync.writer.batch.events";
    /** Events applied and committed. */
    public static final String WRITER_EVENTS = "mysync.writer.events";
    /** Attempts of a batch after the store failed it. */
    public static final String WRITER_RETRIES = "mysync.writer.retries";
    /** Store failures by error class (the store client's exception, or {@code poison}). */
    public static final String WRITER_ERRORS = "mysync.writer.errors";
    /** Events sent to the dead-letter topic. */
    public static final String WRITER_DEAD_LETTERS = "mysync.writer.dead.letters";

    /** A lag alert's level: 0 ok, 1 warning, 2 critical (tags alert = source_lag|sink_lag, and sink). */
    public static final String ALERT_LEVEL = "mysync.alert.level";
}
