package io.mysync.writer.api;

/** The store is unreachable, overloaded or timing out: the same batch may succeed after a back-off. */
public final class RetriableSinkException extends SinkException {

    public RetriableSinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
