package io.mysync.writer.api;

import io.mysync.events.v1.ChangeEvent;

/** One event can never be applied as it is (the store rejects its shape); retrying would loop forever. */
public final class PoisonEventException extends SinkException {

    private final transient ChangeEvent event;

    public PoisonEventException(ChangeEvent event, String message, Throwable cause) {
        super(message, cause);
        this.event = event;
    }

    public ChangeEvent event() {
        return event;
    }
}
