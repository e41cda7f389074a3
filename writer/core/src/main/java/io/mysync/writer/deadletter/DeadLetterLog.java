package io.mysync.writer.deadletter;

import io.mysync.config.model.MySyncConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a source's dead-letter topic and keeps, per sink, how far its letters have been replayed. The replay
 * progress is a Kafka consumer-group offset ({@code <sink's writer group>.dlq-replayed}), so it lives beside the
 * letters, survives restarts and can be inspected or reset with Kafka's own tools.
 */
public final class DeadLetterLog implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final MySyncConfig config;
    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Admin admin;

    public DeadLetterLog(MySyncConfig config) {
        this.config = config;
        this.topic = config.writer().deadLetterTopic(config.source().id());
        this.consumer = new KafkaConsumer<>(config.kafka().clients().consumer(Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, "mysync-dlq-" + config.source().id(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())));
        this.admin = Admin.create(config.kafka().clients().admin(Map.of()));
    }

    public String topic() {
        return topic;
    }

    /** Every letter in the topic, ordered by partition and offset; empty when the topic does not exist yet. */
    public List<DeadLetter> readAll() {
        List<PartitionInfo> infos = consumer.listTopics(TIMEOUT).get(topic);
        if (infos == null || infos.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
        List<DeadLetter> letters = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp, TIMEOUT) < end.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading " + topic + " from " + config.kafka().bootstrap()
                        + " did not reach its end within " + TIMEOUT.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    letters.add(DeadLetter.parse(record.partition(), record.offset(), record.value()));
                }
            }
        }
        letters.sort(Comparator.comparingInt(DeadLetter::partition).thenComparingLong(DeadLetter::offset));
        return letters;
    }

    /** How far {@code sink}'s letters have been replayed. */
    public ReplayProgress replayProgress(String sink) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(progressGroup(sink))
                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Map<Integer, Long> progress = new HashMap<>();
            offsets.forEach((tp, om) -> {
                if (tp.topic().equals(topic) && om != null) {
                    progress.put(tp.partition(), om.offset());
                }
            });
            return new ReplayProgress(progress);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the replay progress of " + sink + " from Kafka: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Stores {@code sink}'s replay progress. */
    public void markReplayed(String sink, ReplayProgress progress) {
        if (progress.nextOffsets().isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        progress.nextOffsets().forEach((partition, offset) -> offsets.put(new TopicPartition(topic, partition),
                new OffsetAndMetadata(offset)));
        try {
            admin.alterConsumerGroupOffsets(progressGroup(sink), offsets).all()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the letters were replayed but their progress could not be stored in "
                    + "Kafka (" + e + "); a second replay applies them again, which the stores ignore", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String progressGroup(String sink) {
        return config.writer().groupOf(config.source().id(), sink) + ".dlq-replayed";
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
