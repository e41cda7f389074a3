package io.mysync.reader;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.network.ServerException;
import io.mysync.common.position.Checkpoint;
import io.mysync.common.position.CheckpointFencedException;
import io.mysync.common.position.CheckpointStore;
import io.mysync.common.schema.SchemaHistory;
import io.mysync.config.model.GtidMode;
import io.mysync.config.model.MappingConfig;
import io.mysync.config.model.MySyncConfig;
import io.mysync.config.model.SchemaChangePolicy;
import io.mysync.config.model.SourceConfig;
import io.mysync.reader.capture.BinlogEventHandler;
import io.mysync.reader.capture.SchemaChanges;
import io.mysync.reader.capture.StartPoint;
import io.mysync.reader.capture.SchemaHistoryFollower;
import io.mysync.reader.capture.SchemaHistoryStart;
import io.mysync.reader.metrics.ReaderMetrics;
import io.mysync.reader.backfill.Backfills;
import io.mysync.reader.failover.AnchorWriter;
import io.mysync.reader.publish.EventPublisher;
import io.mysync.common.kafka.EventTooLargeException;
import io.mysync.reader.publish.InflightTransactions;
import io.mysync.reader.publish.KafkaEventPublisher;
import io.mysync.reader.publish.PublisherThread;
import io.mysync.reader.schema.TableSchemaFactory;
import io.mysync.reader.source.BinlogClients;
import io.mysync.reader.source.BinlogPreflight;
import io.mysync.reader.source.PreflightProblem;
import io.mysync.reader.source.PrimaryFinder;
import io.mysync.reader.source.ServerInfo;
import io.mysync.reader.source.ServerInspector;
import io.mysync.reader.source.SourceConnection;
import io.mysync.reader.source.SourceRefusedException;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one MySQL or MariaDB server's binlog into Kafka. One {@link #runSession} connects, streams until the
 * connection ends, then waits for every in-flight event's acknowledgement and writes the final checkpoint; the
 * next session starts from that checkpoint with the same sequence numbers.
 */
public final class MySqlBinlogReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlBinlogReader.class);
    private static final long HEARTBEAT_MS = 2_000;

    private final MySyncConfig config;
    private final CheckpointStore checkpoints;
    private final Clock clock;
    private final ReaderMetrics metrics;
    private final AtomicReference<BinaryLogClient> client = new AtomicReference<>();
    private volatile boolean stopping;
    private String lastEndpoint;

    public MySqlBinlogReader(MySyncConfig config, CheckpointStore checkpoints, Clock clock) {
        this(config, checkpoints, clock, ReaderMetrics.unregistered(config.source().id()));
    }

    public MySqlBinlogReader(MySyncConfig config, CheckpointStore checkpoints, Clock clock, ReaderMetrics metrics) {
        this.metrics = metrics;
        this.config = config;
        this.checkpoints = checkpoints;
        this.clock = clock;
    }

    /** Checks the server before streaming; throws {@link SourceRefusedException} with every fix needed. */
    public ServerInfo preflight() throws SQLException {
        try (SourceConnection sql = SourceConnection.open(PrimaryFinder.find(config.source()))) {
            return inspectAndCheck(sql);
        }
    }

    private ServerInfo inspectAndCheck(SourceConnection sql) throws SQLException {
        ServerInfo server = ServerInspector.inspect(sql);
        List<PreflightProblem> problems = BinlogPreflight.check(sql, server, config.source().user());
        if (!problems.isEmpty()) {
            throw new SourceRefusedException(config.source().toString(), problems);
        }
        return server;
    }

    /**
     * Streams until the connection ends or {@link #close} is called.
     *
     * @return true when stopped on request, false when the connection was lost (call again to resume)
     */
    public boolean runSession() throws SQLException, IOException {
        SourceConfig source = PrimaryFinder.find(config.source());
        if (!source.endpoints().get(0).equals(lastEndpoint)) {
            if (lastEndpoint != null) {
                LOG.warn("The primary is now {} (was {})", source.endpoints().get(0), lastEndpoint);
            }
            lastEndpoint = source.endpoints().get(0);
        }
        ServerInfo server;
        StartPoint start;
        SchemaHistory history;
        try (SourceConnection sql = SourceConnection.open(source)) {
            server = inspectAndCheck(sql);
            Optional<Checkpoint> checkpoint = checkpoints.load(source.id());
            SchemaHistoryStart.Session session = SchemaHistoryStart.resolve(source, sql, server, checkpoint);
            start = session.start();
            history = session.history();
            if (checkpoint.isEmpty() && !start.byGtid() && start.emitFrom() == 0) {
                // record the chosen start at once, so a restart before the first change does not move it
                checkpoints.save(new Checkpoint(source.id(), start.state(), Instant.now(clock)));
            }
        }
        LOG.info("Reading {} ({} {}, server_id {}) from {}; next seq {}", source, server.flavor(), server.version(),
                server.serverId(), start.origin(), start.nextSeq());
        InflightTransactions inflight = new InflightTransactions();
        metrics.inflight(inflight::size);
        boolean resumesByGtid = source.gtid() != GtidMode.OFF && server.gtidEnabled();
        try (EventPublisher publisher = new PublisherThread(new KafkaEventPublisher(config.kafka(), source.id(),
                config.sensitiveColumns(), inflight, metrics), "mysync-publish-" + source.id());
             AnchorWriter anchors = AnchorWriter.wanted(source, resumesByGtid)
                     ? AnchorWriter.start(source).orElse(null) : null;
             Backfills backfills = new Backfills(config, start.state().backfill())) {
            config.namedTables().forEach(t -> publisher.prepare(t.database(), t.table()));
            TableSchemaFactory schemas = new TableSchemaFactory(server, config::captures);
            schemas.useHistory(history);
            schemas.capture(backfills.captureFilter(config::captures));
            SchemaChanges schemaChanges = new SchemaChanges((db, table) -> config.mappingOf(db, table)
                    .map(MappingConfig::schemaChanges).orElse(SchemaChangePolicy.DEFAULT), schemas::captureFilter,
                    backfills);
            BinlogEventHandler handler = new BinlogEventHandler(source.id(), server, schemas, start, publisher,
                    inflight, backfills, schemaChanges, new SchemaHistoryFollower(history));
            BinaryLogClient binlog = newClient(source, start);
            binlog.registerEventListener(handler);
            binlog.registerLifecycleListener(new SessionLifecycle(handler, metrics));
            client.set(binlog);
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "mysync-checkpoint-" + source.id());
                t.setDaemon(true);
                return t;
            });
            long intervalMs = Math.max(10, config.reader().checkpointInterval().toMillis());
            timer.scheduleWithFixedDelay(() -> tick(inflight, handler, binlog), intervalMs, intervalMs,
                    TimeUnit.MILLISECONDS);
            try {
                if (!stopping) {
                    binlog.connect();
                }
            } finally {
                timer.shutdown();
                // a tick may still be saving: let it finish, so the last save below is also the newest
                awaitTicks(timer);
                client.set(null);
                publisher.flush();
                saveCompleted(inflight);
            }
            if (handler.failure() != null) {
                throw handler.failure();
            }
            Optional<Throwable> kafkaFailure = inflight.failure();
            if (kafkaFailure.isPresent() && (kafkaFailure.get() instanceof ProducerFencedException
                    || kafkaFailure.get() instanceof InvalidProducerEpochException)) {
                throw new CheckpointFencedException("another reader of source " + source.id() + " took over its "
                        + "Kafka transactional id (" + kafkaFailure.get().getMessage() + "); this reader was "
                        + "deposed and stops publishing");
            }
            if (kafkaFailure.isPresent() && kafkaFailure.get() instanceof EventTooLargeException tooLarge) {
                throw tooLarge;
            }
            if (kafkaFailure.isPresent()) {
                throw new KafkaPublishException("Kafka did not acknowledge events (" + kafkaFailure.get()
                        + "); the checkpoint stays before them and the next session sends them again",
                        kafkaFailure.get());
            }
            return stopping;
        }
    }

    private static void awaitTicks(java.util.concurrent.ExecutorService timer) {
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                timer.shutdownNow();
            }
        } catch (InterruptedException e) {
            timer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private BinaryLogClient newClient(SourceConfig source, StartPoint start) {
        BinaryLogClient binlog = BinlogClients.create(source);
        // with exactly-once, a quiet source's heartbeat is what commits the last open Kafka transaction: send one
        // as often as transactions are committed, so the last change of a burst is not held back
        binlog.setHeartbeatInterval(config.kafka().exactlyOnce()
                ? Math.max(50, Math.min(HEARTBEAT_MS, config.kafka().transactionInterval().toMillis()))
                : HEARTBEAT_MS);
        if (start.byGtid()) {
            binlog.setGtidSet(start.position().gtidSet());
        } else {
            binlog.setBinlogFilename(start.position().binlogFile());
            binlog.setBinlogPosition(start.position().binlogPosition());
        }
        return binlog;
    }

    private void tick(InflightTransactions inflight, BinlogEventHandler handler, BinaryLogClient binlog) {
        try {
            saveCompleted(inflight);
            boolean silent = System.currentTimeMillis() - handler.lastEventMillis() > 5 * HEARTBEAT_MS;
            if (handler.failure() != null || inflight.failure().isPresent() || silent) {
                if (silent) {
                    LOG.warn("No event or heartbeat from the source for {} ms; reconnecting", 5 * HEARTBEAT_MS);
                }
                binlog.disconnect();
            }
        } catch (CheckpointFencedException e) {
            // deposed: end the session at once; nothing more may be published by this reader
            handler.fail(e);
            try {
                binlog.disconnect();
            } catch (IOException io) {
                LOG.warn("Disconnect failed: {}", io.toString());
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Checkpoint tick failed", e);
        }
    }

    private void saveCompleted(InflightTransactions inflight) {
        Optional<InflightTransactions.Completed> completed = inflight.drainCompleted();
        if (config.kafka().exactlyOnce()) {
            return; // the publisher commits the checkpoint inside each Kafka transaction
        }
        completed.ifPresent(done -> checkpoints.save(new Checkpoint(config.source().id(), done.state(),
                Instant.now(clock), done.lastCommit())));
    }

    @Override
    public void close() {
        stopping = true;
        BinaryLogClient binlog = client.get();
        if (binlog != null) {
            try {
                binlog.disconnect();
            } catch (IOException e) {
                LOG.warn("Disconnect failed: {}", e.toString());
            }
        }
    }

    /** Logs the connection's life and turns failures that must not be retried into a stop. */
    private static final class SessionLifecycle implements BinaryLogClient.LifecycleListener {
        private static final int ER_MASTER_FATAL_ERROR_READING_BINLOG = 1236;
        private final BinlogEventHandler handler;
        private final ReaderMetrics metrics;

        SessionLifecycle(BinlogEventHandler handler, ReaderMetrics metrics) {
            this.handler = handler;
            this.metrics = metrics;
        }

        @Override
        public void onConnect(BinaryLogClient c) {
            metrics.connected(true);
            LOG.info("Binlog stream connected at {}:{}", c.getBinlogFilename(), c.getBinlogPosition());
        }

        @Override
        public void onCommunicationFailure(BinaryLogClient c, Exception ex) {
            LOG.error("Binlog stream failed: {}", ex.getMessage());
            if (ex instanceof ServerException se && se.getErrorCode() == ER_MASTER_FATAL_ERROR_READING_BINLOG) {
                handler.fail(new IllegalStateException("the server cannot send the binlog from the checkpoint ("
                        + se.getMessage() + "). If the binlog or GTIDs were purged, the changes in between are "
                        + "gone: re-load the tables with the dump tool (./mysync dump), which hands a fresh "
                        + "position to the reader"));
            }
        }

        @Override
        public void onEventDeserializationFailure(BinaryLogClient c, Exception ex) {
            handler.fail(new IllegalStateException("cannot decode a binlog event at " + c.getBinlogFilename() + ":"
                    + c.getBinlogPosition() + ": " + ex.getMessage(), ex));
            try {
                c.disconnect();
            } catch (IOException e) {
                LOG.warn("Disconnect failed: {}", e.toString());
            }
        }

        @Override
        public void onDisconnect(BinaryLogClient c) {
            metrics.connected(false);
            LOG.info("Binlog stream disconnected");
        }
    }
}
