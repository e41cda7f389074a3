package io.mysync.writer.api;

import io.mysync.events.v1.ChangeEvent;
import java.util.List;

/**
 * The store applied the batch except some events it rejected for good (mapping or parse errors). The writer
 * dead-letters those and moves on; it does not apply the batch again.
 */
public final class RejectedEventsException extends SinkException {

    /** One event the store will never accept as it is, with the store's error class and message. */
    public record Rejection(ChangeEvent event, String errorClass, String message) {
    }

    private final transient List<Rejection> rejections;

    public RejectedEventsException(List<Rejection> rejections) {
        super(rejections.size() + " event(s) rejected, first: " + rejections.get(0).errorClass() + ": "
                + rejections.get(0).message(), null);
        this.rejections = List.copyOf(rejections);
    }

    public List<Rejection> rejections() {
        return rejections;
    }
}
