package io.mysync.reader;

import io.mysync.common.position.CheckpointStore;
import io.mysync.config.model.MySyncConfig;
import io.mysync.reader.source.SourceRefusedException;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Keeps a {@link MySqlBinlogReader} running: reconnects with back-off after a lost connection, stops for good on a
 * refusal or an error that retrying cannot fix.
 */
public final class ReaderService implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReaderService.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final MySyncConfig config;
    private final MySqlBinlogReader reader;
    private volatile boolean stopping;
    private volatile RuntimeException fatal;

    public ReaderService(MySyncConfig config, CheckpointStore checkpoints) {
        this.config = config;
        this.reader = new MySqlBinlogReader(config, checkpoints, Clock.systemUTC());
    }

    /** The error that stopped the reader, if one did. */
    public RuntimeException fatal() {
        return fatal;
    }

    @Override
    public void run() {
        MDC.put("source", config.source().id());
        MDC.put("component", "reader");
        long backoffMs = 500;
        while (!stopping) {
            try {
                if (reader.runSession()) {
                    return;
                }
                backoffMs = 500;
                LOG.warn("Connection to {} lost; resuming from the checkpoint", config.source());
            } catch (SourceRefusedException e) {
                fatal = e;
                LOG.error(e.getMessage());
                return;
            } catch (SQLException | IOException e) {
                LOG.warn("Cannot reach {}: {}; retrying in {} ms", config.source(), e.getMessage(), backoffMs);
            } catch (KafkaPublishException e) {
                LOG.warn("{}; resuming from the checkpoint in {} ms", e.getMessage(), backoffMs);
            } catch (RuntimeException e) {
                fatal = e;
                LOG.error("Reader stopped: {}", e.getMessage(), e);
                return;
            }
            sleep(backoffMs);
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
        }
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    @Override
    public void close() {
        stopping = true;
        reader.close();
    }
}
