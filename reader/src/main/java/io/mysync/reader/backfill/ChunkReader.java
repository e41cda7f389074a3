package io.mysync.reader.backfill;

import io.mysync.events.v1.Row;
import io.mysync.common.sql.KeyRanges;
import io.mysync.common.sql.RowConverter;
import io.mysync.common.sql.SignalTable;
import io.mysync.common.sql.TableShape;
import io.mysync.common.sql.TableShapes;
import io.mysync.config.model.SourceConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backfill's own thread: for each chunk it writes a low watermark, reads the next {@code chunkRows} rows in key
 * order (a plain SELECT, no lock, no long transaction), writes a high watermark, and waits until the reader's binlog
 * thread met that high watermark and emitted the chunk. The binlog thread drops the chunk rows whose key changed
 * between the two watermarks: the stream carries their newer state (DBLog).
 */
final class ChunkReader implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkReader.class);

    /** A chunk read between its watermarks; {@code last} when the table has no rows after it. */
    record ReadChunk(String id, List<Row> rows, List<String> lastKey, boolean last) {
    }

    private final SourceConfig source;
    private final String sourceId;
    private final int chunkRows;
    private final BackfillProgress from;
    private final ConcurrentHashMap<String, ReadChunk> ready = new ConcurrentHashMap<>();
    private final Object emittedLock = new Object();
    private String emitted = "";
    private volatile boolean stopped;
    private volatile TableShape shape;
    private volatile Exception failure;

    ChunkReader(SourceConfig source, String sourceId, int chunkRows, BackfillProgress from) {
        this.source = source;
        this.sourceId = sourceId;
        this.chunkRows = chunkRows;
        this.from = from;
    }

    @Override
    public void run() {
        try (Connection db = DriverManager.getConnection(source.jdbcUrl() + RowConverter.JDBC_OPTIONS,
                source.user(), source.password())) {
            SignalTable signals = new SignalTable(db, sourceId).create();
            String[] dt = from.table().split("\\.", 2);
            shape = new TableShapes(db).read(dt[0], dt[1]).orElseThrow(() -> new IllegalStateException(
                    "table " + from.table() + " does not exist"));
            RowConverter converter = new RowConverter(shape.columns());
            KeyRanges ranges = new KeyRanges(shape);
            String select = "SELECT " + converter.selectList() + ", " + ranges.keySelectList() + " FROM "
                    + shape.quotedName();
            List<String> after = from.after();
            long rows = 0;
            while (!stopped) {
                String chunk = UUID.randomUUID().toString();
                signals.write(SignalTable.LOW, from.table(), chunk);
                List<Row> read = new ArrayList<>();
                List<String> lastKey = after;
                String sql = from.repair() ? select + " WHERE " + keysCondition(from.keys().size())
                        : select + (after.isEmpty() ? "" : " WHERE " + ranges.after()) + " ORDER BY "
                        + ranges.orderBy() + " LIMIT " + chunkRows;
                try (PreparedStatement st = db.prepareStatement(sql)) {
                    if (from.repair()) {
                        bindKeys(st);
                    } else if (!after.isEmpty()) {
                        ranges.bind(st, 1, after);
                    }
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            read.add(converter.row(rs));
                            lastKey = ranges.read(rs, shape.columns().size() + 1);
                        }
                    }
                }
                boolean last = from.repair() || read.size() < chunkRows; // a repair is one chunk of its keys
                ready.put(chunk, new ReadChunk(chunk, read, lastKey, last));
                signals.write(SignalTable.HIGH, from.table(), chunk);
                if (!awaitEmitted(chunk)) {
                    return;
                }
                rows += read.size();
                after = lastKey;
                signals.write(SignalTable.PROGRESS, from.table(), from.request() + " " + rows);
                if (last) {
                    signals.write(SignalTable.DONE, from.table(), from.request() + " ok " + rows);
                    LOG.info("Backfill of {} read its last chunk: {} rows in this run", from.table(), rows);
                    return;
                }
            }
        } catch (Exception e) {
            if (stopped) {
                LOG.debug("Backfill of {} stopped while reading: {}", from.table(), e.toString());
                return; // replaced by a new run of the same request: its end is the one to report
            }
            failure = e;
            LOG.error("Backfill of {} stopped: {}", from.table(), e.toString());
            try (Connection db = DriverManager.getConnection(source.jdbcUrl(), source.user(), source.password())) {
                new SignalTable(db, sourceId).write(SignalTable.DONE, from.table(), from.request() + " failed "
                        + e.getMessage());
            } catch (SQLException ignored) {
                // the reader's log names the failure
            }
        }
    }

    /** {@code (k1 = ? AND k2 = ?) OR ...} for a repair's keys, on the table's primary key. */
    private String keysCondition(int keys) {
        if (shape.primaryKey().isEmpty()) {
            throw new IllegalStateException("table " + from.table() + " has no primary key to repair rows by");
        }
        StringBuilder one = new StringBuilder("(");
        for (int i = 0; i < shape.primaryKey().size(); i++) {
            one.append(i == 0 ? "" : " AND ").append(TableShape.quote(shape.columns().get(shape.primaryKey().get(i))
                    .name())).append(" = ?");
        }
        one.append(')');
        return String.join(" OR ", Collections.nCopies(keys, one.toString()));
    }

    private void bindKeys(PreparedStatement st) throws SQLException {
        int index = 1;
        for (List<String> key : from.keys()) {
            if (key.size() != shape.primaryKey().size()) {
                throw new IllegalStateException("a key to repair in " + from.table() + " has " + key.size()
                        + " values for a primary key of " + shape.primaryKey().size() + " columns");
            }
            for (String value : key) {
                st.setString(index++, value);
            }
        }
    }

    /** The table as the backfill reads it, once the thread looked it up (null before). */
    TableShape shape() {
        return shape;
    }

    BackfillProgress from() {
        return from;
    }

    /** The rows read for a chunk whose high watermark the binlog thread met; null if this run did not read it. */
    ReadChunk take(String chunk) {
        return ready.remove(chunk);
    }

    void emitted(String chunk) {
        synchronized (emittedLock) {
            emitted = chunk;
            emittedLock.notifyAll();
        }
    }

    private boolean awaitEmitted(String chunk) throws InterruptedException {
        synchronized (emittedLock) {
            while (!stopped && !emitted.equals(chunk)) {
                emittedLock.wait(TimeUnit.SECONDS.toMillis(1));
            }
        }
        return !stopped;
    }

    Exception failure() {
        return failure;
    }

    void stop() {
        stopped = true;
        synchronized (emittedLock) {
            emittedLock.notifyAll();
        }
    }
}
