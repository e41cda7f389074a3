package io.mysync.events;

/** How change events are written to Kafka ({@code kafka.format}). */
public enum EventFormat {
    /** The {@code ChangeEvent} protobuf message: compact, and what MySync's writers read fastest. */
    PROTOBUF,
    /** A Debezium-compatible JSON envelope with its Kafka Connect schema ({@link JsonEnvelope}). */
    JSON
}
