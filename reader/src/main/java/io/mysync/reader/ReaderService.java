package io.mysync.reader;

import io.mysync.common.kafka.KafkaRefusedException;
import io.mysync.common.lifecycle.ServiceState;
import io.mysync.common.position.CheckpointFencedException;
import io.mysync.common.position.CheckpointStore;
import io.mysync.common.retry.Backoff;
import io.mysync.config.model.MySyncConfig;
import io.mysync.reader.metrics.ReaderMetrics;
import io.mysync.reader.schema.UnknownColumnsException;
import io.mysync.reader.source.SourceErrors;
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
    private final ServiceState state;

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
        this.state = new ServiceState("Reader", config.kafka().bootstrap());
        this.reader = new MySqlBinlogReader(config, checkpoints, Clock.systemUTC(), metrics);
    }

    @Override
    public RuntimeException fatal() {
        return state.fatal();
    }

    @Override
    public void run() {
        MDC.put("source", config.source().id());
        MDC.put("component", "reader");
        while (state.running()) {
            try {
                if (reader.runSession()) {
                    return;
                }
                backoff.reset();
                LOG.warn("Connection to {} lost; resuming from the checkpoint", config.source());
            } catch (CheckpointFencedException e) {
                LOG.warn(e.getMessage()); // another reader took over: the elected reader stands by again
                state.failQuietly(e);
                return;
            } catch (UnknownColumnsException e) {
                LOG.error("Reader stopped: {}", e.getMessage());
                state.failQuietly(e);
                return;
            } catch (SQLException | IOException e) {
                var refusal = SourceErrors.refusal(e, config.source());
                if (refusal.isPresent()) {
                    state.fail(refusal.get(), LOG);
                    return;
                }
                LOG.warn("Cannot reach {}: {}; retrying after a back-off", config.source(), e.getMessage());
            } catch (KafkaPublishException e) {
                if (KafkaRefusedException.of(e, config.kafka().bootstrap()).isPresent()) {
                    state.fail(e, LOG);
                    return;
                }
                LOG.warn("{}; resuming from the checkpoint after a back-off", e.getMessage());
            } catch (RuntimeException e) { // a source refusal names the fix in one line; other failures, a trace
                state.fail(e, LOG);
                return;
            }
            if (!backoff.pause(sleeper)) {
                state.stop();
            }
        }
    }

    @Override
    public void close() {
        state.stop();
        reader.close();
    }
}
