package io.mysync.reader.publish;

import com.google.protobuf.ByteString;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.RowKey;
import io.mysync.common.event.SensitiveColumns;
import io.mysync.common.kafka.EventTooLargeException;
import io.mysync.common.kafka.RowKeys;
import io.mysync.common.kafka.TopicNames;
import io.mysync.common.kafka.TopicProvisioner;
import io.mysync.common.position.Checkpoint;
import io.mysync.common.position.CheckpointFencedException;
import io.mysync.common.position.ReaderState;
import io.mysync.config.model.KafkaConfig;
import io.mysync.events.EventFormat;
import io.mysync.events.EventHeaders;
import io.mysync.events.JsonEnvelope;
import io.mysync.reader.KafkaPublishException;
import io.mysync.reader.metrics.ReaderMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events with acks=all and idempotence, one topic per table (created with the configured partitions when
 * prepared or on first use), keyed by {@link RowKeys} so each row's changes stay in one partition in order.
 */
public final class KafkaEventPublisher implements EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventPublisher.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final TopicProvisioner provisioner;
    private final KafkaConfig config;
    private final SensitiveColumns sensitive;
    private final TopicNames topics;
    private final InflightTransactions inflight;
    private final Map<ByteString, Map<ByteString, Route>> routes = new HashMap<>();
    private final ReaderMetrics metrics;
    /** Events of the source transaction being read, for the transaction-size metric. */
    private int transactionEvents;
    private final String sourceId;
    /** Exactly-once only: when the open Kafka transaction began (0: none open), and its last source boundary. */
    private long openSince;
    private InflightTransactions.Completed boundary;

    /** Where a table's events go, and the meters that count them. */
    /** @param tableHeader the {@code mysync.table} header's value, made once per table */
    private record Route(String topic, ReaderMetrics.TableMeters meters, byte[] tableHeader) {
    }

    /** @param sensitive what leaves the source of each event: excluded columns dropped, masked ones masked */
    public KafkaEventPublisher(KafkaConfig config, String sourceId, SensitiveColumns sensitive,
                               InflightTransactions inflight, ReaderMetrics metrics) {
        this.config = config;
        this.sensitive = sensitive;
        this.metrics = metrics;
        this.sourceId = sourceId;
        this.topics = new TopicNames(config.topicTemplate(), sourceId);
        this.inflight = inflight;
        Properties settings = KafkaProducerSettings.of(config, sourceId);
        if (config.exactlyOnce()) {
            settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(sourceId));
        }
        this.provisioner = new TopicProvisioner(config.clients());
        try {
            provisioner.checkLogin();
        } catch (RuntimeException e) {
            provisioner.close();
            throw e;
        }
        this.producer = new KafkaProducer<>(settings);
        if (config.exactlyOnce()) {
            new KafkaCheckpointStore(config, sourceId).ensureTopic();
            try {
                // bumps the id's epoch: from here on, any older reader of this source is fenced
                producer.initTransactions();
            } catch (ProducerFencedException e) {
                throw fenced(e);
            }
        }
    }

    /** One transactional id per source: a new reader of the source fences the previous one. */
    public static String transactionalId(String sourceId) {
        return "mysync-reader-" + sourceId;
    }

    @Override
    public boolean checkpointsInTransactions() {
        return config.exactlyOnce();
    }

    @Override
    public void prepare(String database, String table) {
        routeOf(ByteString.copyFromUtf8(database), ByteString.copyFromUtf8(table));
    }

    /** Looked up by the names' UTF-8 as the event holds them, without decoding or concatenating them per event. */
    private Route routeOf(ByteString database, ByteString table) {
        return routes.computeIfAbsent(database, d -> new HashMap<>()).computeIfAbsent(table, t -> {
            String name = topics.topicOf(database.toStringUtf8(), table.toStringUtf8());
            ensureTopic(name);
            return new Route(name, metrics.table(database.toStringUtf8(), table.toStringUtf8()),
                    EventHeaders.table(database.toStringUtf8(), table.toStringUtf8()));
        });
    }

    @Override
    public void publish(ChangeEvent event, InflightTransactions.Txn txn) {
        Route route = routeOf(event.getDatabaseBytes(), event.getTableBytes());
        if (config.exactlyOnce()) {
            beginIfNeeded();
            boundary = null; // the open transaction now holds events past the last source boundary
        }
        ChangeEvent published = sensitive.apply(event);
        boolean json = config.format() == EventFormat.JSON;
        byte[] value = json ? JsonEnvelope.value(published) : published.toByteArray();
        route.meters().events().increment();
        route.meters().bytes().increment(value.length);
        transactionEvents++;
        if (event.getOp() == Op.TRUNCATE) {
            // every partition holds rows of the table: each gets the event, ordered after its rows' older changes
            byte[] key = json ? null : RowKey.newBuilder().setDatabase(event.getDatabase())
                    .setTable(event.getTable()).build().toByteArray();
            for (PartitionInfo partition : producer.partitionsFor(route.topic())) {
                send(new ProducerRecord<>(route.topic(), partition.partition(), null, key, value,
                        EventHeaders.of(published, route.tableHeader())), published, txn);
            }
        } else {
            byte[] key = json ? JsonEnvelope.key(published) : RowKeys.bytesOf(event);
            send(new ProducerRecord<>(route.topic(), null, null, key, value,
                    EventHeaders.of(published, route.tableHeader())), published, txn);
        }
    }

    private void send(ProducerRecord<byte[], byte[]> record, ChangeEvent event, InflightTransactions.Txn txn) {
        txn.sent();
        long sentAt = System.nanoTime();
        producer.send(record, (metadata, error) -> {
            if (error == null) {
                metrics.acknowledged(sentAt);
                txn.acknowledged();
            } else if (error instanceof RecordTooLargeException) {
                inflight.fail(new EventTooLargeException(event, record.value().length, error));
            } else {
                LOG.error("Kafka did not acknowledge event seq={} of {}.{}: {}", event.getSeq(), event.getDatabase(),
                        event.getTable(), error.toString());
                inflight.fail(error);
            }
        });
    }

    private void beginIfNeeded() {
        if (openSince == 0) {
            try {
                producer.beginTransaction();
            } catch (ProducerFencedException e) {
                throw fenced(e);
            }
            openSince = System.nanoTime();
        }
    }

    @Override
    public void endOfTransaction(ReaderState end, long commitTimeMs) {
        metrics.transactionRead(end.position(), end.nextSeq(), commitTimeMs, transactionEvents);
        transactionEvents = 0;
        if (!config.exactlyOnce()) {
            return;
        }
        beginIfNeeded();
        boundary = new InflightTransactions.Completed(end, commitTimeMs);
        if (System.nanoTime() - openSince >= config.transactionInterval().toNanos()) {
            commit();
        }
    }

    @Override
    public void idle() {
        metrics.caughtUp();
        if (config.exactlyOnce() && openSince != 0 && boundary != null) {
            commit();
        }
    }

    /** Commits the open transaction with the checkpoint of its last source boundary in it. */
    private void commit() {
        Checkpoint checkpoint = new Checkpoint(sourceId, boundary.state(), Instant.now(), boundary.lastCommit());
        try {
            producer.send(KafkaCheckpointStore.record(config.checkpointTopic(sourceId), checkpoint));
            producer.commitTransaction();
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw fenced(e);
        } catch (KafkaException e) {
            abortQuietly();
            throw new KafkaPublishException("Kafka did not commit a transaction (" + e + "); the checkpoint stays "
                    + "before it and the next session sends its events again", e);
        } finally {
            openSince = 0;
            boundary = null;
        }
    }

    private void abortQuietly() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            LOG.warn("Aborting the open Kafka transaction failed: {}", e.toString());
        }
    }

    private CheckpointFencedException fenced(KafkaException e) {
        return new CheckpointFencedException("another reader of source " + sourceId + " took over the Kafka "
                + "transactional id " + transactionalId(sourceId) + " (" + e.getMessage() + "); this reader was "
                + "deposed and stops publishing");
    }

    private void ensureTopic(String topic) {
        provisioner.ensure(topic, config.partitions(), config.replicationFactor(), producer);
    }

    @Override
    public void flush() {
        if (config.exactlyOnce() && openSince != 0) {
            if (boundary != null) {
                commit();
            } else {
                abortQuietly(); // a source transaction was cut off: its events are sent again from the checkpoint
                openSince = 0;
            }
        }
        producer.flush();
    }

    @Override
    public void close() {
        if (config.exactlyOnce() && openSince != 0) {
            abortQuietly();
            openSince = 0;
        }
        producer.close(Duration.ofSeconds(30));
        provisioner.close();
    }
}
