package io.mysync.reader;

/**
 * Kafka did not acknowledge some events of a session. Nothing past them was checkpointed, so a new session (with a
 * new producer) sends them again; retrying is safe.
 */
public final class KafkaPublishException extends RuntimeException {

    public KafkaPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
