package io.mysync.reader.backfill;

import io.mysync.events.v1.Column;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.Value;
import io.mysync.common.sql.SignalTable;
import io.mysync.common.sql.TableShape;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MySyncConfig;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The binlog thread's side of a backfill (DBLog watermarks): starts a {@link ChunkReader} when the dump tool asks
 * for one through {@code __mysync.signal}, notes the keys of the table's changes between a chunk's low and high
 * watermarks, and at the high watermark emits the chunk's other rows as SNAPSHOT events, in the stream, with the
 * stream's next seqs. One backfill runs at a time; resyncs asked for while one runs wait in a queue. The running
 * backfill's progress and the queue go into the checkpoint.
 */
public final class Backfills implements Resyncs, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Backfills.class);

    /** Emits one snapshot row into the transaction the binlog thread is reading. */
    public interface Emitter {
        void emit(TableShape table, Row row);
    }

    private final MySyncConfig config;
    private final String sourceId;
    private final int chunkRows;
    private ChunkReader reader;
    private BackfillProgress progress;
    private String window;
    private final Set<List<Value>> changed = new HashSet<>();
    /** DB.TABLE names waiting for their resync, in the order asked for. */
    private final Set<String> queued = new LinkedHashSet<>();
    /** The window's table lost all its rows (TRUNCATE) after the chunk may have been read: emit none of it. */
    private boolean windowEmptied;
    private long emitted;
    private long leftToStream;

    public Backfills(MySyncConfig config, String resume) {
        this.config = config;
        this.sourceId = config.source().id();
        this.chunkRows = Math.min(config.dump().chunkRows(), 10_000);
        BackfillProgress.parse(resume).ifPresent(p -> {
            LOG.warn("Resuming the backfill of {} (request {}) after key {}{}", p.table(), p.request(), p.after(),
                    p.queued().isEmpty() ? "" : "; then resyncing " + p.queued());
            queued.addAll(p.queued());
            start(p);
        });
    }

    /** The checkpoint's text for the running backfill and the queue, or empty. */
    public String progressText() {
        return progress == null ? "" : progress.queued(List.copyOf(queued)).text();
    }

    /**
     * A table already waiting is not queued twice; a table being read now is read again from its start (its chunks
     * so far carry the columns of before this change).
     */
    @Override
    public void resync(String table, String reason) {
        if (progress != null && progress.table().equals(table)) {
            LOG.info("Resync of {} starts again ({}): the rows it read so far may have the columns of before",
                    table, reason);
            reader.stop();
            window = null;
            start(new BackfillProgress(progress.request(), table, List.of())); // the dump tool waits for this id
            return;
        }
        if (progress == null) {
            LOG.info("Resyncing {} ({}): reading it in chunks of {} rows between watermarks", table, reason,
                    chunkRows);
            start(new BackfillProgress("resync-" + UUID.randomUUID(), table, List.of()));
        } else if (queued.add(table)) {
            LOG.info("Resync of {} ({}) queued behind the backfill of {}", table, reason, progress.table());
        }
    }

    @Override
    public void onTruncate(String database, String table) {
        if (window != null && progress != null && progress.table().equals(database + "." + table)) {
            windowEmptied = true;
        }
    }

    /**
     * The capture filter with the tables the running backfill needs: the configuration file as it is now, read
     * again when a backfill is asked for (the table's mapping was added for it); {@code current} if it cannot be.
     */
    public BiPredicate<String, String> captureFilter(BiPredicate<String, String> current) {
        if (progress == null || !Files.exists(config.file())) {
            return current;
        }
        try {
            MySyncConfig fresh = ConfigLoader.load(config.file());
            return (db, t) -> current.test(db, t) || fresh.captures(db, t);
        } catch (RuntimeException e) {
            LOG.warn("Cannot read {} again for the backfill's mapping: {}", config.file(), e.getMessage());
            return current;
        }
    }

    /**
     * A row of this source in {@code __mysync.signal} (after image: kind, table, value).
     *
     * @return whether a backfill started, so that the capture filter must be renewed
     */
    public boolean onSignal(String kind, String table, String value, Emitter emitter) {
        switch (kind) {
            case SignalTable.BACKFILL -> {
                if (progress != null) {
                    LOG.warn("A backfill of {} was asked for while the backfill of {} runs; it is ignored: run the "
                            + "dump again once this one finished", table, progress.table());
                    return false;
                }
                if (!mapped(table)) {
                    LOG.error("A backfill of {} was asked for, but {} has no mapping that captures it: its changes "
                            + "would not follow the backfilled rows. Add the mapping first; the request is refused",
                            table, config.file());
                    refuse(value, table, "no mapping in " + config.file() + " captures " + table);
                    return false;
                }
                LOG.info("Backfill of {} asked for (request {}); reading it in chunks of {} rows between "
                        + "watermarks", table, value, chunkRows);
                start(new BackfillProgress(value, table, List.of()));
                return true;
            }
            case SignalTable.REPAIR -> {
                String request = value.contains(" ") ? value.substring(0, value.indexOf(' ')) : value;
                if (progress != null) {
                    LOG.warn("A repair of rows of {} was asked for while the backfill of {} runs; refused: run "
                            + "mysync verify --repair again once it finished", table, progress.table());
                    refuse(request, table, "the backfill of " + progress.table() + " runs; try again when it "
                            + "finished");
                    return false;
                }
                if (!mapped(table)) {
                    refuse(request, table, "no mapping in " + config.file() + " captures " + table);
                    return false;
                }
                List<List<String>> keys = SignalTable.repairKeys(value);
                LOG.info("Repair of {} row(s) of {} asked for (request {}); reading them between watermarks",
                        keys.size(), table, request);
                start(BackfillProgress.repair(request, table, keys));
                return true;
            }
            case SignalTable.LOW -> {
                if (progress != null && table.equals(progress.table())) {
                    window = value;
                    windowEmptied = false;
                    changed.clear();
                }
            }
            case SignalTable.HIGH -> {
                if (window != null && window.equals(value)) {
                    highWatermark(value, emitter);
                }
                window = null;
                changed.clear();
            }
            case SignalTable.DONE -> {
                if (progress != null && value.startsWith(progress.request() + " failed")) {
                    LOG.error("Backfill of {} failed: {}; its rows in the stores stay as the stream left them. "
                            + "Fix the cause, then run ./mysync dump --config {} --online --tables {}",
                            progress.table(),
                            value.substring(progress.request().length() + " failed".length()).trim(),
                            config.file(), progress.table());
                    reader = null;
                    progress = null;
                    return next();
                }
            }
            default -> {
                // unknown kinds: nothing for the stream to do
            }
        }
        return false;
    }

    /** Starts the first queued resync, if any. @return whether one started */
    private boolean next() {
        if (queued.isEmpty()) {
            return false;
        }
        String table = queued.iterator().next();
        queued.remove(table);
        resync(table, "queued");
        return true;
    }

    /** Whether the configuration file, read again now, captures {@code table} (DB.TABLE). */
    private boolean mapped(String table) {
        String[] dt = table.split("\\.", 2);
        if (dt.length != 2) {
            return false;
        }
        try {
            MySyncConfig fresh = Files.exists(config.file()) ? ConfigLoader.load(config.file()) : config;
            return fresh.captures(dt[0], dt[1]);
        } catch (RuntimeException e) {
            LOG.warn("Cannot read {} again: {}", config.file(), e.getMessage());
            return config.captures(dt[0], dt[1]);
        }
    }

    /** Tells the dump tool, through {@code __mysync.signal}, that its request was refused. */
    private void refuse(String request, String table, String reason) {
        try (Connection db = DriverManager.getConnection(config.source().jdbcUrl(), config.source().user(),
                config.source().password())) {
            new SignalTable(db, sourceId).write(SignalTable.DONE, table, request + " failed " + reason);
        } catch (SQLException e) {
            LOG.warn("Cannot tell the dump tool that the backfill of {} was refused: {}", table, e.getMessage());
        }
    }

    /** A change the stream emits: inside a window, its key is noted, so the chunk's older copy is dropped. */
    public void onChange(String database, String table, Row before, Row after) {
        if (window == null || reader == null || reader.shape() == null) {
            return;
        }
        TableShape shape = reader.shape();
        if (!shape.database().equals(database) || !shape.table().equals(table)) {
            return;
        }
        if (before != null) {
            changed.add(keyOf(shape, before));
        }
        if (after != null) {
            changed.add(keyOf(shape, after));
        }
    }

    private void highWatermark(String chunkId, Emitter emitter) {
        ChunkReader.ReadChunk chunk = reader.take(chunkId);
        if (chunk == null) {
            return; // a watermark of an earlier run, met again while replaying from the checkpoint
        }
        TableShape shape = reader.shape();
        boolean repairing = progress.repair();
        int dropped = 0;
        for (Row row : chunk.rows()) {
            if (windowEmptied || changed.contains(keyOf(shape, row))) {
                dropped++;
            } else {
                emitter.emit(shape, row);
                emitted++;
            }
        }
        leftToStream += dropped;
        LOG.debug("Backfill chunk {} of {}: {} rows emitted, {} changed inside the window and left to the stream",
                chunkId, shape.name(), chunk.rows().size() - dropped, dropped);
        progress = chunk.last() ? null : progress.after(chunk.lastKey());
        reader.emitted(chunkId);
        if (chunk.last()) {
            LOG.info("{} of {} finished: {} rows emitted beside the stream, {} left to it (changed inside "
                    + "their chunk's window)", repairing ? "Repair" : "Backfill", shape.name(), emitted, leftToStream);
            reader = null;
            next();
        }
    }

    /** The chunk key's values of a row image, found by column name (stream rows and chunk rows alike). */
    private static List<Value> keyOf(TableShape shape, Row row) {
        List<Value> key = new ArrayList<>(shape.chunkKey().size());
        for (int index : shape.chunkKey()) {
            String name = shape.columns().get(index).name();
            Optional<Column> column = row.getColumnsList().stream().filter(c -> c.getName().equals(name))
                    .findFirst();
            key.add(column.map(Column::getValue).orElse(Value.getDefaultInstance()));
        }
        return key;
    }

    private void start(BackfillProgress from) {
        progress = from;
        emitted = 0;
        leftToStream = 0;
        reader = new ChunkReader(config.source(), sourceId, chunkRows, from);
        Thread thread = new Thread(reader, "mysync-backfill-" + sourceId);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        if (reader != null) {
            reader.stop();
        }
    }
}
