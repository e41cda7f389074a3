package io.mysync.runtime.monitor;

/**
 * The metrics endpoint's port is held by another process (often a second MySync process on the host reading the
 * same file): the process stops with exit code 4, which the systemd units do not restart, naming the fix.
 */
public final class PortInUseException extends IllegalStateException {

    public PortInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
