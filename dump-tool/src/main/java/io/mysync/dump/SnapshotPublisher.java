package io.mysync.dump;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.common.event.SensitiveColumns;
import io.mysync.common.kafka.EventTooLargeException;
import io.mysync.common.kafka.TopicNames;
import io.mysync.common.kafka.TopicProvisioner;
import io.mysync.config.model.KafkaConfig;
import io.mysync.events.EventFormat;
import io.mysync.events.EventHeaders;
import io.mysync.events.JsonEnvelope;
import java.time.Duration;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;

/**
 * Sends snapshot rows to the stream's topics with the stream's keys ({@code RowKeys}) and the reader's producer
 * settings (acks=all, idempotence), tuned for bulk: larger batches and a little linger. A chunk counts as delivered
 * only once Kafka acknowledged all its rows.
 */
final class SnapshotPublisher implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConfig config;
    private final TopicNames topics;
    private final SensitiveColumns sensitive;
    private final TopicProvisioner provisioner;
    private final Set<String> ready = new HashSet<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /** @param settings the reader's producer settings; batching is raised here for bulk */
    SnapshotPublisher(KafkaConfig config, String sourceId, SensitiveColumns sensitive, Properties settings) {
        this.config = config;
        this.sensitive = sensitive;
        this.topics = new TopicNames(config.topicTemplate(), sourceId);
        Properties p = new Properties();
        p.putAll(settings);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "mysync-dump-" + sourceId);
        p.put(ProducerConfig.LINGER_MS_CONFIG, Math.max(20, (int) config.linger().toMillis()));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Math.max(256 * 1024, config.batchBytes()));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(128L << 20, config.bufferBytes()));
        this.producer = new KafkaProducer<>(p);
        this.provisioner = new TopicProvisioner(config.clients());
    }

    /** Creates the table's topic if needed (before the workers start). */
    synchronized void prepare(String database, String table) {
        String topic = topics.topicOf(database, table);
        if (ready.add(topic)) {
            provisioner.ensure(topic, config.partitions(), config.replicationFactor(), producer);
        }
    }

    /**
     * Sends one row of a chunk; the chunk hears of Kafka's acknowledgement. {@code key} is the protobuf record key; in
     * the JSON format the row's JSON key replaces it.
     */
    void send(String topic, byte[] key, ChangeEvent event, ChunkDelivery delivery) {
        delivery.sending();
        ChangeEvent published = sensitive.apply(event);
        boolean json = config.format() == EventFormat.JSON;
        byte[] value = json ? JsonEnvelope.value(published) : published.toByteArray();
        var record = new ProducerRecord<>(topic, null, null, json ? JsonEnvelope.key(published) : key, value,
                EventHeaders.of(published));
        producer.send(record, (meta, error) -> {
            if (error instanceof RecordTooLargeException) {
                failure.compareAndSet(null, new EventTooLargeException(event, value.length, error));
            } else if (error != null) {
                failure.compareAndSet(null, error);
            } else {
                delivery.acknowledged();
            }
        });
    }

    String topicOf(String database, String table) {
        return topics.topicOf(database, table);
    }

    /** The first send Kafka refused for good, if any: the dump must stop without marking that chunk done. */
    Exception failure() {
        return failure.get();
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
        provisioner.close();
    }
}
