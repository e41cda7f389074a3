package io.mysync.reader.publish;

import com.google.protobuf.ByteString;
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
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.RowKey;
import io.mysync.reader.KafkaPublishException;
import io.mysync.reader.metrics.ReaderMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
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

    private final Producer<byte[], byte[]> producer;
    private final TableTopics tableTopics;
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
        this(config, sourceId, sensitive, inflight, metrics, KafkaClients.connect(config, sourceId));
    }

    private KafkaEventPublisher(KafkaConfig config, String sourceId, SensitiveColumns sensitive,
                                InflightTransactions inflight, ReaderMetrics metrics, KafkaClients clients) {
        this(config, sourceId, sensitive, inflight, metrics, clients.producer(), clients.topics());
    }

    /** Makes a table's topic before its first event: Kafka's admin client in production, a list in a unit test. */
    interface TableTopics extends AutoCloseable {

        /** Returns once the topic exists and each of its partitions has a serving leader. */
        void ensure(String topic);

        @Override
        void close();
    }

    /**
     * With the producer and the table topics given, as a unit test gives them (Kafka's {@code MockProducer}); with
     * exactly-once delivery the producer's transactions are initialised here.
     */
    KafkaEventPublisher(KafkaConfig config, String sourceId, SensitiveColumns sensitive, InflightTransactions inflight,
                        ReaderMetrics metrics, Producer<byte[], byte[]> producer, TableTopics tableTopics) {
        this.config = config;
        this.sensitive = sensitive;
        this.metrics = metrics;
        this.sourceId = sourceId;
        this.topics = new TopicNames(config.topicTemplate(), sourceId);
        this.inflight = inflight;
        this.tableTopics = tableTopics;
        this.producer = producer;
        if (config.exactlyOnce()) {
            try {
                // bumps the id's epoch: from here on, any older reader of this source is fenced
                producer.initTransactions();
            } catch (ProducerFencedException e) {
                throw fenced(e);
            }
        }
    }

    /** The clients a publisher needs, made in order: Kafka's login checked before the producer exists. */
    private record KafkaClients(Producer<byte[], byte[]> producer, TableTopics topics) {

        static KafkaClients connect(KafkaConfig config, String sourceId) {
            Properties settings = KafkaProducerSettings.of(config, sourceId);
            if (config.exactlyOnce()) {
                settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(sourceId));
            }
            TopicProvisioner provisioner = new TopicProvisioner(config.clients());
            try {
                provisioner.checkLogin();
            } catch (RuntimeException e) {
                provisioner.close();
                throw e;
            }
            if (config.exactlyOnce()) {
                new KafkaCheckpointStore(config, sourceId).ensureTopic();
            }
            Producer<byte[], byte[]> producer = new KafkaProducer<>(settings);
            return new KafkaClients(producer, new TableTopics() {
                @Override
                public void ensure(String topic) {
                    provisioner.ensure(topic, config.partitions(), config.replicationFactor(), producer);
                }

                @Override
                public void close() {
                    provisioner.close();
                }
            });
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
            tableTopics.ensure(name);
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
        tableTopics.close();
    }
}
