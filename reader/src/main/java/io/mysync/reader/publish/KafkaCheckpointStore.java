package io.mysync.reader.publish;

import io.mysync.common.position.Checkpoint;
import io.mysync.common.position.CheckpointStore;
import io.mysync.common.position.CheckpointText;
import io.mysync.config.model.KafkaConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The checkpoint of an exactly-once source: the last committed record of its compacted checkpoint topic (one
 * partition, keyed by source id). The reader writes it inside each Kafka transaction with the events it covers
 * ({@link KafkaEventPublisher}), so the events and the position after them become visible together; this store
 * reads it back with {@code read_committed} and writes only the very first one, before any event.
 */
public final class KafkaCheckpointStore implements CheckpointStore {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How far back from the end a read starts: commit markers take offsets too, so the last record is near. */
    private static final long WINDOW = 200;

    private final KafkaConfig kafka;
    private final String topic;

    public KafkaCheckpointStore(KafkaConfig kafka, String sourceId) {
        this.kafka = kafka;
        this.topic = kafka.checkpointTopic(sourceId);
    }

    public String topic() {
        return topic;
    }

    static ProducerRecord<byte[], byte[]> record(String topic, Checkpoint checkpoint) {
        return new ProducerRecord<>(topic, 0, checkpoint.sourceId().getBytes(StandardCharsets.UTF_8),
                CheckpointText.format(checkpoint).getBytes(StandardCharsets.UTF_8));
    }

    /** Creates the compacted one-partition topic unless it exists. */
    void ensureTopic() {
        try (Admin admin = Admin.create(kafka.clients().admin(Map.of()))) {
            Optional<Short> replication = kafka.replicationFactor() < 0 ? Optional.empty()
                    : Optional.of((short) kafka.replicationFactor());
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), replication)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create the checkpoint topic " + topic + ": " + e.getCause(), e);
            }
        } catch (TimeoutException | InterruptedException e) {
            throw new IllegalStateException("Kafka at " + kafka.bootstrap() + " did not create " + topic, e);
        }
    }

    @Override
    public Optional<Checkpoint> load(String sourceId) {
        Properties p = kafka.clients().consumer(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            if (!consumer.listTopics(TIMEOUT).containsKey(topic)) {
                return Optional.empty(); // no reader has started yet; the publisher creates the topic
            }
            consumer.assign(List.of(partition));
            // with read_committed the end is the last stable offset: nothing after it is committed yet
            long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
            long begin = consumer.beginningOffsets(List.of(partition), TIMEOUT).get(partition);
            for (long from = Math.max(begin, end - WINDOW); ; from = Math.max(begin, from - WINDOW)) {
                Optional<Checkpoint> last = lastBetween(consumer, partition, from, end, sourceId);
                if (last.isPresent() || from == begin) {
                    return last;
                }
            }
        }
    }

    private Optional<Checkpoint> lastBetween(KafkaConsumer<byte[], byte[]> consumer, TopicPartition partition,
                                             long from, long end, String sourceId) {
        consumer.seek(partition, from);
        String last = null;
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (consumer.position(partition, TIMEOUT) < end) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading the checkpoint topic " + topic + " did not reach offset "
                        + end + " within " + TIMEOUT.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < end && record.key() != null
                        && new String(record.key(), StandardCharsets.UTF_8).equals(sourceId)) {
                    last = new String(record.value(), StandardCharsets.UTF_8);
                }
            }
        }
        return Optional.ofNullable(last).map(text -> CheckpointText.parse(sourceId, text, "topic " + topic));
    }

    /** Writes the start checkpoint of a source that has none yet (no event is published before it). */
    @Override
    public void save(Checkpoint checkpoint) {
        ensureTopic();
        Properties p = KafkaProducerSettings.of(kafka, checkpoint.sourceId() + "-start");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            producer.send(record(topic, checkpoint)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write the start checkpoint to " + topic + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
