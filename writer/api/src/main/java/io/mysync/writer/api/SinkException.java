package io.mysync.writer.api;

/** A store did not accept a batch. Subclasses tell the writer whether to retry it. */
public abstract sealed class SinkException extends Exception permits RetriableSinkException, PoisonEventException,
        RejectedEventsException {

    protected SinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
