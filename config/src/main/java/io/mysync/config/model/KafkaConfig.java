package io.mysync.config.model;

import java.time.Duration;

/** Kafka cluster and topic layout; see {@code KafkaKeys}. */
public record KafkaConfig(String bootstrap, String topicTemplate, int partitions, int replicationFactor,
                          Compression compression, Duration linger, int batchBytes, long bufferBytes) {
}
