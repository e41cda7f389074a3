package io.mysync.common.kafka;

import io.mysync.common.error.RefusedException;
import io.mysync.events.v1.ChangeEvent;

/**
 * Kafka refused a change because its record is larger than the producer's {@code max.request.size} or the topic's
 * {@code max.message.bytes}: sending it again cannot succeed, so the reader stops at it, naming the row and the
 * settings to raise, instead of retrying for ever and holding up the whole source. The dump tool stops the same way.
 */
public final class EventTooLargeException extends RefusedException {

    public EventTooLargeException(ChangeEvent event, int bytes, Throwable cause) {
        super("Kafka cannot take the " + event.getOp() + " of " + event.getDatabase() + "." + event.getTable()
                + " with key " + RowKeys.describe(event) + " (seq " + Long.toUnsignedString(event.getSeq()) + "): it is a "
                + bytes + "-byte record (" + cause.getMessage() + "); fix: raise the producer's "
                + "max.request.size (kafka.producer: { max.request.size: ... }) and the broker's message.max.bytes "
                + "(or the topic's max.message.bytes) above it, or leave the large column out (columns.exclude), "
                + "then start again: the reader resumes at this change, the dump at this chunk", cause);
    }
}
