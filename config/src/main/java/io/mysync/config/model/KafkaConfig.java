package io.mysync.config.model;

import java.time.Duration;

/** Kafka cluster and topic layout; see {@code KafkaKeys}. */
public record KafkaConfig(String bootstrap, String topicTemplate, int partitions, int replicationFactor,
                          Compression compression, Duration linger, int batchBytes, long bufferBytes,
                          Delivery delivery, Duration transactionInterval) {

    public boolean exactlyOnce() {
        return delivery == Delivery.EXACTLY_ONCE;
    }

    /** The compacted topic holding an exactly-once source's checkpoint. */
    public String checkpointTopic(String sourceId) {
        return "mysync." + sourceId + ".checkpoints";
    }
}
