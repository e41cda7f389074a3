package io.mysync.common.error;

/**
 * A server or an input refused MySync for good (credentials, certificates, ACLs, settings the source lacks): no
 * retry fixes it, so the process stops with the message alone, which names the cause and the setting to change,
 * and exit code 3.
 */
public abstract class RefusedException extends RuntimeException {

    protected RefusedException(String message) {
        super(message);
    }

    protected RefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
