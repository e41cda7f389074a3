package io.mysync.runtime.status;

import io.mysync.common.kafka.TopicNames;
import io.mysync.config.model.MySyncConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A consumer group's lag over a source's topics, read from Kafka alone: committed offsets against the last stable
 * offsets, and the age of the oldest uncommitted event (its Kafka timestamp), fetched at each lagging partition's
 * committed offset.
 */
final class GroupLag implements AutoCloseable {

    private static final long TIMEOUT_S = 10;

    record Lag(String state, int members, long records, double seconds) {
    }

    private final MySyncConfig config;
    private final Admin admin;
    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Long> ends;
    private final Map<TopicPartition, Long> starts;

    GroupLag(MySyncConfig config) throws Exception {
        this.config = config;
        this.admin = Admin.create(config.kafka().clients().admin(Map.of("request.timeout.ms", 10_000,
                "default.api.timeout.ms", 15_000)));
        var pattern = new TopicNames(config.kafka().topicTemplate(), config.source().id()).subscription();
        Set<String> skip = Set.of(config.writer().deadLetterTopic(config.source().id()),
                config.kafka().checkpointTopic(config.source().id()));
        Set<String> topics = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS).stream()
                .filter(t -> pattern.matcher(t).matches() && !skip.contains(t)).collect(Collectors.toSet());
        this.partitions = topics.isEmpty() ? List.of() : admin.describeTopics(topics).allTopicNames()
                .get(TIMEOUT_S, TimeUnit.SECONDS).values().stream()
                .flatMap(d -> d.partitions().stream().map(pi -> new TopicPartition(d.name(), pi.partition())))
                .toList();
        this.ends = offsets(OffsetSpec.latest());
        this.starts = offsets(OffsetSpec.earliest());
    }

    private Map<TopicPartition, Long> offsets(OffsetSpec spec) throws Exception {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> spec));
        return admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(TIMEOUT_S, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** A group no writer has joined yet has no state and no offsets: everything in the topics waits. */
    Lag of(String group, Instant now) throws Exception {
        String state = "none yet";
        int members = 0;
        Map<TopicPartition, OffsetAndMetadata> committed = Map.of();
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS).get(group);
            state = description.groupState().toString();
            members = description.members().size();
            committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
        Map<TopicPartition, Long> behind = new HashMap<>();
        long records = 0;
        for (TopicPartition tp : partitions) {
            OffsetAndMetadata c = committed.get(tp);
            long from = c == null ? starts.getOrDefault(tp, 0L) : c.offset();
            long lag = Math.max(0, ends.getOrDefault(tp, 0L) - from);
            if (lag > 0) {
                behind.put(tp, from);
                records += lag;
            }
        }
        double seconds = behind.isEmpty() ? 0 : oldestAgeSeconds(behind, now);
        return new Lag(state, members, records, seconds);
    }

    /** The age of the oldest event at the given offsets (transaction markers alone count as no lag). */
    private double oldestAgeSeconds(Map<TopicPartition, Long> from, Instant now) {
        Properties p = config.kafka().clients().consumer(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        long oldest = Long.MAX_VALUE;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            Set<TopicPartition> open = new java.util.HashSet<>(from.keySet());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (open.remove(tp)) {
                        oldest = Math.min(oldest, record.timestamp());
                        consumer.pause(List.of(tp));
                    }
                }
            }
        }
        return oldest == Long.MAX_VALUE ? 0 : Math.max(0, now.toEpochMilli() - oldest) / 1000.0;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
