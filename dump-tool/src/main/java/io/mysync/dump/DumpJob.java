package io.mysync.dump;

import io.mysync.common.sql.SourceDialect;
import io.mysync.common.position.Checkpoint;
import io.mysync.common.position.CheckpointStore;
import io.mysync.common.position.Position;
import io.mysync.common.position.ReaderState;
import io.mysync.common.schema.SchemaHistory;
import io.mysync.config.model.DumpConfig;
import io.mysync.config.model.MySyncConfig;
import io.mysync.dump.plan.Chunk;
import io.mysync.dump.plan.ChunkPlanner;
import io.mysync.dump.plan.DumpPlan;
import io.mysync.dump.plan.DumpState;
import io.mysync.dump.snapshot.BackupLock;
import io.mysync.dump.snapshot.SnapshotSession;
import io.mysync.common.sql.TableShape;
import io.mysync.common.sql.TableShapes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The initial load of a source's mapped tables into the stream's topics, and the hand-over to the reader.
 *
 * <p>Plan: each table is split into key ranges ({@link ChunkPlanner}); the binlog position of the first consistent
 * snapshot becomes the reader's start, and every snapshot row gets one seq just below the reader's first (above
 * any seq published before the dump). Run: workers, each inside a consistent snapshot of its own taken no earlier
 * than that position, read chunks and send their rows; a chunk is recorded as done once Kafka acknowledged all of
 * them. Hand-over: when every chunk is done, the reader's checkpoint is set to the start position, so the stream
 * re-applies every change committed since, each with a higher seq than the snapshot rows. Stores end equal to the
 * source whatever the order in which snapshot rows and changes reach them.
 */
public final class DumpJob {

    private static final Logger LOG = LoggerFactory.getLogger(DumpJob.class);
    /** A reader that saved its checkpoint this recently is taken to be running. */
    private static final Duration READER_ACTIVE = Duration.ofSeconds(30);

    private final MySyncConfig config;
    private final DumpConfig settings;
    private final CheckpointStore checkpoints;
    private final Properties producerSettings;
    private final DumpOptions options;
    private final DumpListener listener;
    private final DumpState state;

    public DumpJob(MySyncConfig config, DumpConfig settings, DumpOutputs outputs, DumpOptions options,
                   DumpListener listener) {
        this.config = config;
        this.settings = settings;
        this.checkpoints = outputs.checkpoints();
        this.producerSettings = outputs.producerSettings();
        this.options = options;
        this.listener = listener;
        this.state = new DumpState(settings.stateDir(), config.source().id());
    }

    /** A plan without side effects, for {@code --dry-run}: tables, chunks and estimates; nothing is saved. */
    public PlannedDump dryRun() throws SQLException {
        try (Connection c = SnapshotSession.connect(config.source())) {
            List<TableShape> tables = tables(c);
            Optional<DumpPlan> unfinished = options.restart() ? Optional.empty() : state.load();
            if (unfinished.isPresent()) {
                return new PlannedDump(unfinished.get(), tables, state.finished());
            }
            Position now = new Position("(read when the dump starts)", 0, "", 0, "");
            return new PlannedDump(plan(c, tables, now, "", snapshotSeq(false)), tables, Map.of());
        }
    }

    /** A plan and the source's tables as they are now; {@code finished} lists chunks an earlier run delivered. */
    public record PlannedDump(DumpPlan plan, List<TableShape> tables, Map<Integer, Long> finished) {
    }

    /**
     * Whether a reader of the source runs (it saved its checkpoint moments ago): then tables are loaded beside the
     * stream with {@link #backfill}, and a dump that sets the checkpoint must not run.
     */
    public boolean readerRunning() {
        return checkpoints.load(config.source().id())
                .map(cp -> Duration.between(cp.savedAt(), Instant.now()).compareTo(READER_ACTIVE) < 0)
                .orElse(false);
    }

    /**
     * Loads the tables beside the running stream: the reader backfills each between watermarks and emits the rows
     * in its stream (see the reader's {@code Backfills}); nothing is locked and the checkpoint stays the reader's.
     *
     * @param progress told (table, rows emitted so far) as the reader reports
     * @return rows emitted per table
     */
    public Map<String, Long> backfill(BiConsumer<String, Long> progress)
            throws SQLException, InterruptedException {
        List<TableShape> tables;
        try (Connection c = SnapshotSession.connect(config.source())) {
            tables = tables(c);
        }
        return OnlineBackfill.run(config, tables, progress);
    }

    /** The tables this dump would load, with their shapes and estimates. */
    public List<TableShape> tables() throws SQLException {
        try (Connection c = SnapshotSession.connect(config.source())) {
            return tables(c);
        }
    }

    public DumpResult run() throws SQLException, InterruptedException {
        long started = System.nanoTime();
        List<TableShape> tables;
        DumpPlan plan;
        SnapshotSession first = null;
        try (Connection c = SnapshotSession.connect(config.source())) {
            tables = tables(c);
            Optional<DumpPlan> unfinished = options.restart() ? Optional.empty() : state.load();
            if (unfinished.isPresent()) {
                plan = unfinished.get();
                checkResumable(c, plan, tables);
            } else {
                long seq = snapshotSeq(true);
                SchemaHistory schemaBefore = keepsSchemaHistory(c) ? SchemaHistory.read(c) : null;
                first = SnapshotSession.open(config.source());
                try {
                    plan = plan(c, tables, first.position(), handoverHistory(c, schemaBefore), seq);
                    state.save(plan);
                } catch (SQLException | RuntimeException e) {
                    first.close();
                    throw e;
                }
                LOG.info("Planned the dump of {} table(s) in {} chunks; the reader takes over at {} with seq {}",
                        tables.size(), plan.chunks().size(), plan.handover().position(), plan.handover().nextSeq());
            }
        }
        Map<Integer, Long> finished = state.finished();
        Map<String, Long> estimates = new LinkedHashMap<>();
        tables.forEach(t -> estimates.put(t.name(), t.estimatedRows()));
        List<Chunk> todo = plan.chunks().stream().filter(ch -> !finished.containsKey(ch.id())).toList();
        if (!finished.isEmpty()) {
            LOG.info("Resuming the dump: {} of {} chunks were delivered by an earlier run", finished.size(),
                    plan.chunks().size());
        }
        listener.started(plan, estimates, finished);
        Map<String, TableShape> byName = new HashMap<>();
        tables.forEach(t -> byName.put(t.name(), t));
        Map<String, long[]> sent = new LinkedHashMap<>();
        plan.tables().forEach(t -> sent.put(t, new long[3]));
        boolean exact;
        boolean locked;
        try (BackupLock lock = BackupLock.take(config.source());
             SnapshotPublisher publisher = new SnapshotPublisher(config.kafka(), config.source().id(),
                     config.sensitiveColumns(), producerSettings)) {
            locked = lock.held();
            byName.values().forEach(t -> publisher.prepare(t.database(), t.table()));
            exact = load(plan, todo, byName, publisher, first, sent);
            first = null;
            publisher.flush();
        } finally {
            if (first != null) {
                first.close();
            }
        }
        Checkpoint handover = new Checkpoint(config.source().id(), plan.handover().state(), Instant.now());
        checkpoints.save(handover);
        state.clear();
        LOG.info("Dump finished; the reader's checkpoint is now {} with next seq {}", handover.position(),
                handover.nextSeq());
        Map<String, DumpResult.TableResult> results = new LinkedHashMap<>();
        for (String table : plan.tables()) {
            long[] s = sent.get(table);
            List<Chunk> chunks = plan.chunksOf(table);
            long resumedRows = chunks.stream().mapToLong(ch -> finished.getOrDefault(ch.id(), 0L)).sum();
            int resumed = (int) chunks.stream().filter(ch -> finished.containsKey(ch.id())).count();
            results.put(table, new DumpResult.TableResult(s[0], (int) s[1], resumed, resumedRows,
                    Duration.ofNanos(s[2])));
        }
        return new DumpResult(plan, results, Duration.ofNanos(System.nanoTime() - started), exact, locked);
    }

    /** Runs the workers over the chunks left; returns whether every worker's snapshot position was exact. */
    private boolean load(DumpPlan plan, List<Chunk> todo, Map<String, TableShape> tables, SnapshotPublisher publisher,
                         SnapshotSession first, Map<String, long[]> sent) throws SQLException, InterruptedException {
        ConcurrentLinkedQueue<Chunk> queue = new ConcurrentLinkedQueue<>(todo);
        BlockingQueue<ChunkDelivery.Delivered> delivered = new LinkedBlockingQueue<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicBoolean exact = new AtomicBoolean(true);
        Throttle throttle = new Throttle(settings.rowsPerSecond());
        int workers = Math.max(1, Math.min(settings.workers(), todo.size()));
        List<Thread> threads = new ArrayList<>();
        Map<String, Long> tableStarted = new HashMap<>();
        for (int w = 0; w < workers && !todo.isEmpty(); w++) {
            SnapshotSession reuse = w == 0 ? first : null;
            Thread t = new Thread(() -> {
                try (SnapshotSession session = reuse != null ? reuse : SnapshotSession.open(config.source())) {
                    if (!session.exact()) {
                        exact.set(false);
                    }
                    ChunkWorker worker = new ChunkWorker(session, config.source().id(), plan.snapshotSeq(),
                            publisher, throttle, delivered);
                    Chunk chunk;
                    while (failure.get() == null && (chunk = queue.poll()) != null) {
                        synchronized (tableStarted) {
                            tableStarted.putIfAbsent(chunk.table(), System.nanoTime());
                        }
                        worker.read(tables.get(chunk.table()), chunk);
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "mysync-dump-" + w);
            t.start();
            threads.add(t);
        }
        if (todo.isEmpty() && first != null) {
            first.close();
        }
        int done = 0;
        while (done < todo.size()) {
            ChunkDelivery.Delivered d = delivered.poll(200, TimeUnit.MILLISECONDS);
            Exception problem = failure.get() != null ? failure.get() : publisher.failure();
            if (problem != null) {
                threads.forEach(Thread::interrupt);
                throw new DumpFailedException(problem, done, todo.size(), state.planFile());
            }
            if (d == null) {
                continue;
            }
            state.markDone(d.chunk(), d.rows());
            long[] s = sent.get(d.chunk().table());
            s[0] += d.rows();
            s[1]++;
            synchronized (tableStarted) {
                s[2] = System.nanoTime() - tableStarted.get(d.chunk().table());
            }
            listener.chunkDone(d.chunk(), d.rows());
            done++;
        }
        for (Thread t : threads) {
            t.join();
        }
        return exact.get();
    }

    // ------------------------------------------------------------------------------------------------ planning

    private List<TableShape> tables(Connection c) throws SQLException {
        TableShapes shapes = new TableShapes(c);
        List<String> all = shapes.allTables();
        List<String> chosen = new ArrayList<>();
        for (String name : all) {
            String[] dt = name.split("\\.", 2);
            if (config.captures(dt[0], dt[1]) && (options.tables().isEmpty() || options.tables().contains(name))) {
                chosen.add(name);
            }
        }
        for (String named : options.tables()) {
            if (!all.contains(named)) {
                throw new DumpRefusedException("--tables names " + named + ", which the source does not have",
                        "name tables as DB.TABLE, as SHOW TABLES lists them");
            }
            if (!chosen.contains(named)) {
                throw new DumpRefusedException("--tables names " + named + ", which no mapping captures",
                        "add a mapping for it (or a filters.include pattern) first: the writers would not know "
                                + "where its rows go");
            }
        }
        if (chosen.isEmpty()) {
            throw new DumpRefusedException("no table of the source matches the mappings",
                    "check the mappings' table patterns against SHOW TABLES");
        }
        List<TableShape> out = new ArrayList<>();
        for (String name : chosen) {
            String[] dt = name.split("\\.", 2);
            out.add(shapes.read(dt[0], dt[1]).orElseThrow());
        }
        return out;
    }

    /**
     * Whether the source writes table maps without column names (binlog_row_metadata other than FULL): then the
     * reader needs the tables' definitions at the hand-over position, which the dump records.
     */
    private static boolean keepsSchemaHistory(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT @@GLOBAL.binlog_row_metadata")) {
            return rs.next() && !"FULL".equalsIgnoreCase(rs.getString(1));
        } catch (SQLException e) {
            return true; // a server without the variable writes no names either
        }
    }

    /**
     * The schema history at the snapshot's position when one is kept, empty otherwise: information_schema read
     * before and after the position was taken, the same both times, is the schema at the position.
     */
    private static String handoverHistory(Connection c, SchemaHistory before) throws SQLException {
        if (before == null) {
            return "";
        }
        SchemaHistory after = SchemaHistory.read(c);
        if (!before.sameTables(after)) {
            throw new DumpRefusedException("a DDL ran on the source while the dump took its snapshot position, so "
                    + "the tables' definitions at that position (needed with binlog_row_metadata=MINIMAL) are not "
                    + "known", "run the dump again once the schema change is over");
        }
        LOG.info("binlog_row_metadata is not FULL: the hand-over carries the schema history ({} tables)",
                after.size());
        return after.text();
    }

    private DumpPlan plan(Connection c, List<TableShape> tables, Position at, String schemaHistory, long seq)
            throws SQLException {
        ChunkPlanner planner = new ChunkPlanner(c, settings.chunkRows());
        List<Chunk> chunks = new ArrayList<>();
        for (TableShape table : tables) {
            List<String> lower = null;
            for (List<String> upper : planner.boundaries(table)) {
                chunks.add(new Chunk(chunks.size(), table.name(), lower, upper));
                lower = upper;
            }
            chunks.add(new Chunk(chunks.size(), table.name(), lower, null));
        }
        Checkpoint handover = new Checkpoint(config.source().id(),
                new ReaderState(at, seq + 1).withSchemaHistory(schemaHistory), Instant.now());
        return new DumpPlan(handover, seq, tables.stream().map(TableShape::name).toList(), chunks);
    }

    /**
     * The snapshot rows' seq: 1 for a source the reader never read; past an existing checkpoint by the seq gap
     * otherwise, so the re-loaded rows are newer than anything published before. Refuses while a reader runs.
     */
    private long snapshotSeq(boolean refuseWhileReading) {
        Optional<Checkpoint> existing = checkpoints.load(config.source().id());
        if (existing.isEmpty()) {
            return 1;
        }
        Duration age = Duration.between(existing.get().savedAt(), Instant.now());
        if (refuseWhileReading && age.compareTo(READER_ACTIVE) < 0) {
            throw new DumpRefusedException("a reader of source " + config.source().id() + " saved its checkpoint "
                    + age.toSeconds() + " s ago, so it seems to be running; a dump would move its checkpoint",
                    "run the dump with --online to load the tables beside the running stream, or stop every "
                    + "reader of the source first");
        }
        return existing.get().nextSeq() + Checkpoint.SEQ_GAP;
    }

    private void checkResumable(Connection c, DumpPlan plan, List<TableShape> tables) throws SQLException {
        List<String> names = tables.stream().map(TableShape::name).toList();
        if (!names.equals(plan.tables())) {
            throw new DumpRefusedException("an unfinished dump of " + String.join(", ", plan.tables()) + " is "
                    + "recorded in " + state.planFile() + ", and this run asks for " + String.join(", ", names),
                    "resume it with the same --tables, or start over with --restart");
        }
        String file = plan.handover().position().binlogFile();
        List<String> binlogs = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SourceDialect.of(c).binaryLogsStatement())) {
            while (rs.next()) {
                binlogs.add(rs.getString(1));
            }
        }
        if (!binlogs.contains(file)) {
            throw new DumpRefusedException("the binlog " + file + " the unfinished dump started at was purged, so "
                    + "the stream cannot take over from the rows it already sent", "start over with --restart");
        }
    }
}
