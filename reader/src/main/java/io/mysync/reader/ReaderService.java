package io.mysync.reader;

import io.mysync.common.error.RefusedException;
import io.mysync.common.kafka.KafkaRefusedException;
import io.mysync.common.position.CheckpointFencedException;
import io.mysync.common.position.CheckpointStore;
import io.mysync.common.retry.Backoff;
import io.mysync.config.model.MySyncConfig;
import io.mysync.reader.metrics.ReaderMetrics;
import io.mysync.reader.source.SourceErrors;
import io.mysync.reader.schema.UnknownColumnsException;
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
public final class ReaderService implements SourceReader {

    private static final Logger LOG = LoggerFactory.getLogger(ReaderService.class);
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    private final Backoff.Sleeper sleeper;

    private final MySyncConfig config;
    private final MySqlBinlogReader reader;
    private volatile boolean stopping;
    private volatile RuntimeException fatal;

    public ReaderService(MySyncConfig config, CheckpointStore checkpoints) {
        this(config, checkpoints, ReaderMetrics.unregistered(config.source().id()));
    }

    public ReaderService(MySyncConfig config, CheckpointStore checkpoints, ReaderMetrics metrics) {
        this(config, checkpoints, metrics, d -> Thread.sleep(d.toMillis()));
    }

    public ReaderService(MySyncConfig config, CheckpointStore checkpoints, ReaderMetrics metrics,
                         Backoff.Sleeper sleeper) {
        this.config = config;
        this.sleeper = sleeper;
        this.reader = new MySqlBinlogReader(config, checkpoints, Clock.systemUTC(), metrics);
    }

    @Override
    public RuntimeException fatal() {
        return fatal;
    }

    @Override
    public void run() {
        MDC.put("source", config.source().id());
        MDC.put("component", "reader");
        while (!stopping) {
            try {
                if (reader.runSession()) {
                    return;
                }
                backoff.reset();
                LOG.warn("Connection to {} lost; resuming from the checkpoint", config.source());
            } catch (CheckpointFencedException e) {
                fatal = e;
                LOG.warn(e.getMessage());
                return;
            } catch (SourceRefusedException e) {
                fatal = e;
                LOG.error(e.getMessage());
                return;
            } catch (UnknownColumnsException e) {
                fatal = e;
                LOG.error("Reader stopped: {}", e.getMessage());
                return;
            } catch (SQLException | IOException e) {
                var refusal = SourceErrors.refusal(e, config.source());
                if (refusal.isPresent()) {
                    fatal = refusal.get();
                    LOG.error(fatal.getMessage());
                    return;
                }
                LOG.warn("Cannot reach {}: {}; retrying after a back-off", config.source(), e.getMessage());
            } catch (KafkaPublishException e) {
                var refused = KafkaRefusedException.of(e, config.kafka().bootstrap());
                if (refused.isPresent()) {
                    fatal = refused.get();
                    LOG.error(fatal.getMessage());
                    return;
                }
                LOG.warn("{}; resuming from the checkpoint after a back-off", e.getMessage());
            } catch (RuntimeException e) {
                fatal = e instanceof RefusedException ? e : KafkaRefusedException.of(e, config.kafka().bootstrap())
                        .<RuntimeException>map(r -> r).orElse(e);
                if (fatal instanceof RefusedException) { // the line names the cause and the fix
                    LOG.error(fatal.getMessage());
                } else {
                    LOG.error("Reader stopped: {}", e.getMessage(), e);
                }
                return;
            }
            if (!backoff.pause(sleeper)) {
                stopping = true;
            }
        }
    }

    @Override
    public void close() {
        stopping = true;
        reader.close();
    }
}
