package io.mysync.config.model;

import io.mysync.common.kafka.KafkaClientSettings;
import io.mysync.events.EventFormat;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Duration;

/**
 * Kafka cluster and topic layout; see {@code KafkaKeys}.
 *
 * @param clients the settings every Kafka client of MySync is built from (bootstrap, security, per-role overrides)
 * @param format  how change events are written: the protobuf message or the JSON envelope
 */
@RecordBuilder
public record KafkaConfig(KafkaClientSettings clients, String topicTemplate, int partitions, int replicationFactor,
                          Compression compression, Duration linger, int batchBytes, long bufferBytes,
                          EventFormat format, Delivery delivery, Duration transactionInterval) {

    public String bootstrap() {
        return clients.bootstrap();
    }

    public boolean exactlyOnce() {
        return delivery == Delivery.EXACTLY_ONCE;
    }

    /**
     * The Kafka Streams application id of a source's join stage; its internal topics (state changelogs, repartition
     * topics) start with it and a dash, and writers never read them.
     */
    public static String joinApplicationId(String sourceId) {
        return "mysync-join." + sourceId;
    }

    /** The compacted topic holding an exactly-once source's checkpoint. */
    public String checkpointTopic(String sourceId) {
        return "mysync." + sourceId + ".checkpoints";
    }
}
