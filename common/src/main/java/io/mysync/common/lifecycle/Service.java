package io.mysync.common.lifecycle;

/**
 * A part of MySync that runs until it is stopped: the reader (alone or elected), one sink's writer, the writer of
 * every sink, the pipeline. It stops cleanly on {@link #close()}, or for good on a failure it names with
 * {@link #fatal()}; {@link ServiceState} keeps both, and classifies the failure once for every service.
 */
public interface Service extends AutoCloseable {

    /**
     * The failure that stopped the service for good, or null while it runs and after a clean stop. A
     * {@link io.mysync.common.error.RefusedException} (a login, a grant, a certificate, an ACL) means no retry helps,
     * and its message names the fix; anything else is a failure with its trace in the log.
     */
    RuntimeException fatal();

    /** Stops the service; a running loop ends at its next step. */
    @Override
    void close();
}
