package io.mysync.config.model;

/** How the reader writes into Kafka; see {@code KafkaKeys.DELIVERY}. */
public enum Delivery { AT_LEAST_ONCE, EXACTLY_ONCE }
