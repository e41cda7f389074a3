package io.mysync.reader.capture;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.GtidTaggedEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.PreviousGtidSetEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import io.mysync.common.position.ReaderState;
import io.mysync.common.sql.TableShape;
import io.mysync.reader.backfill.Backfills;
import io.mysync.reader.failover.AnchorRows;
import io.mysync.reader.publish.EventPublisher;
import io.mysync.reader.publish.InflightTransactions;
import io.mysync.reader.schema.DdlStatement;
import io.mysync.reader.schema.TableSchema;
import io.mysync.reader.schema.TableSchemaFactory;
import io.mysync.reader.source.PreflightProblem;
import io.mysync.reader.source.ServerInfo;
import io.mysync.reader.source.SourceRefusedException;
import java.io.Serializable;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the binlog into change events. Dispatches each binlog event by type to small collaborators: the transaction
 * boundaries and GTIDs ({@link TransactionBoundaries}), the table-map cache ({@link TableMaps}), MySync's own tables
 * ({@link OwnTables}: failover markers, backfill signals) and the emitter that numbers events ({@link ChangeEmitter}).
 * Itself it decides what is published: nothing before the start point, statement-based changes stop the reader, and
 * after a switch by failover marker it checks that the new server holds what was published. Runs on the binlog
 * client's thread; any failure stops the stream (see {@link #failure()}), never skips.
 */
public final class BinlogEventHandler implements BinaryLogClient.EventListener {

    private static final Pattern DML = Pattern.compile("^\\s*(/\\*.*?\\*/\\s*)*(INSERT|UPDATE|DELETE|REPLACE)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final String sourceId;
    private final ServerInfo server;
    private final EventPublisher publisher;
    private final InflightTransactions inflight;
    private final TransactionBoundaries transaction;
    private final TableMaps tableMaps;
    private final OwnTables ownTables;
    private final ChangeEmitter emitter;
    private final Backfills backfills;
    private final SchemaChanges schemaChanges;
    private final SchemaHistoryFollower schemaHistory;
    private final long emitFrom;
    private final long emitFromTimeMs;
    private final long replayUntilSeq;
    private final long firstSeq;
    private boolean reachedStart;
    private EventHeaderV4 header;
    private volatile RuntimeException failure;
    private volatile long lastEventMillis = System.currentTimeMillis();

    public BinlogEventHandler(String sourceId, ServerInfo server, TableSchemaFactory schemas, StartPoint start,
                              EventPublisher publisher, InflightTransactions inflight, Backfills backfills,
                              SchemaChanges schemaChanges, SchemaHistoryFollower schemaHistory) {
        this.sourceId = sourceId;
        this.server = server;
        this.publisher = publisher;
        this.inflight = inflight;
        this.backfills = backfills;
        this.schemaChanges = schemaChanges;
        this.schemaHistory = schemaHistory;
        this.transaction = new TransactionBoundaries(server, start.position());
        this.tableMaps = new TableMaps(schemas, schemaChanges);
        this.ownTables = new OwnTables(sourceId, backfills, schemas, tableMaps, start.state().anchor());
        this.emitter = new ChangeEmitter(sourceId, start.nextSeq(), transaction, publisher, inflight);
        this.emitFrom = start.emitFrom();
        this.emitFromTimeMs = start.emitFromTimeMs();
        this.replayUntilSeq = start.replayUntilSeq();
        this.firstSeq = start.nextSeq();
    }

    /** Stops publishing: nothing after this point is emitted or checkpointed. */
    public void fail(RuntimeException cause) {
        if (failure == null) {
            failure = cause;
        }
    }

    public RuntimeException failure() {
        return failure;
    }

    public long lastEventMillis() {
        return lastEventMillis;
    }

    @Override
    public void onEvent(Event event) {
        lastEventMillis = System.currentTimeMillis();
        if (failure != null) {
            return;
        }
        try {
            handle(event);
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void handle(Event event) {
        EventHeaderV4 header = event.getHeader();
        this.header = header;
        EventType type = header.getEventType();
        if (emitFrom > 0 && !reachedStart && header.getPosition() >= emitFrom && type != EventType.ROTATE
                && type != EventType.FORMAT_DESCRIPTION) {
            // the scan from the file's start reached the requested position: the GTID set there is now known
            reachedStart = true;
            inflight.commit(inflight.begin(), state(emitFrom), 0);
        }
        switch (type) {
            case ROTATE -> transaction.rotate(((RotateEventData) event.getData()).getBinlogFilename());
            case PREVIOUS_GTIDS -> transaction.previousGtids(
                    ((PreviousGtidSetEventData) event.getData()).getGtidSet(), skipping(header));
            case GTID -> {
                transaction.gtid(header, (GtidEventData) event.getData());
                emitter.newTransaction();
            }
            case GTID_TAGGED -> {
                transaction.gtid(header, (GtidTaggedEventData) event.getData());
                emitter.newTransaction();
            }
            case MARIADB_GTID -> {
                transaction.gtid(header, (MariadbGtidEventData) event.getData());
                emitter.newTransaction();
            }
            case QUERY -> query(header, event.getData());
            case TABLE_MAP -> tableMaps.define(event.getData(), publishing(header));
            case WRITE_ROWS, EXT_WRITE_ROWS -> {
                WriteRowsEventData data = event.getData();
                TableSchema own = ownTable(header, data.getTableId());
                if (own != null) {
                    data.getRows().forEach(after -> ownTables.row(own, after, this::emitSnapshot));
                }
                rows(header, data.getTableId(), data.getIncludedColumns(), data.getRows(), Op.INSERT);
            }
            case DELETE_ROWS, EXT_DELETE_ROWS -> {
                DeleteRowsEventData data = event.getData();
                rows(header, data.getTableId(), data.getIncludedColumns(), data.getRows(), Op.DELETE);
            }
            case UPDATE_ROWS, EXT_UPDATE_ROWS -> {
                UpdateRowsEventData data = event.getData();
                TableSchema own = ownTable(header, data.getTableId());
                if (own != null) {
                    data.getRows().forEach(pair -> ownTables.row(own, pair.getValue(), this::emitSnapshot));
                }
                updates(header, data);
            }
            case XID -> commit(header);
            case HEARTBEAT -> publisher.idle();
            default -> {
                // format description, heartbeats, annotations, checkpoints: nothing to publish
            }
        }
    }

    /** Before the start point: position and GTIDs move, nothing is published or checkpointed. */
    private boolean skipping(EventHeaderV4 header) {
        return emitFrom > 0 && header.getPosition() < emitFrom;
    }

    /** Past the start point and, after a rewind by time, past that time. */
    private boolean publishing(EventHeaderV4 header) {
        return !skipping(header) && transaction.commitTimeMs() >= emitFromTimeMs;
    }

    private void query(EventHeaderV4 header, QueryEventData data) {
        String sql = data.getSql().trim();
        String upper = sql.length() > 20 ? sql.substring(0, 20).toUpperCase(Locale.ROOT) : sql.toUpperCase(Locale.ROOT);
        if (upper.equals("BEGIN") || upper.startsWith("XA START")) {
            transaction.begin(header);
        } else if (upper.equals("COMMIT") || upper.startsWith("XA COMMIT")) {
            commit(header);
        } else if (upper.startsWith("XA END") || upper.startsWith("XA PREPARE") || upper.startsWith("SAVEPOINT")
                || upper.startsWith("ROLLBACK")) {
            if (upper.equals("ROLLBACK")) {
                commit(header);
            }
        } else if (DML.matcher(sql).find()) {
            if (!skipping(header)) {
                throw new IllegalStateException("a statement-based change arrived at " + transaction.file() + ":"
                        + header.getPosition() + " (" + abbreviate(sql) + "): its rows are not in the binlog, so "
                        + "they would be lost. A session wrote with binlog_format=STATEMENT or MIXED. Fix: SET "
                        + "GLOBAL binlog_format='ROW'; make the writing sessions reconnect; then re-load the "
                        + "affected tables with the dump tool");
            }
        } else {
            if (publishing(header)) {
                String at = transaction.file() + ":" + header.getPosition();
                if (schemaHistory.follow(sql, data.getDatabase(), at)) {
                    tableMaps.forgetShapes(); // the next table map of each table is read against the new definitions
                }
                schemaChanges.statement(sql, data.getDatabase(), at, this::emitTruncate);
            }
            if (!transaction.open()) {
                commit(header); // DDL is a transaction of its own
            }
        }
    }

    private void emitTruncate(DdlStatement.TableName table, String statement) {
        emitter.truncate(table.database(), table.table(), statement, header.getPosition(), header.getServerId());
    }

    private void emitSnapshot(TableShape table, Row row) {
        emitter.snapshot(table, row, header.getPosition(), header.getServerId());
    }

    /**
     * The schema of a {@code __mysync} table (failover markers, signals) when these rows are its, else null (the
     * common case, kept cheap).
     */
    private TableSchema ownTable(EventHeaderV4 header, long tableId) {
        TableSchema schema = tableMaps.schema(tableId);
        return OwnTables.isOwn(schema) && !skipping(header) ? schema : null;
    }

    private void rows(EventHeaderV4 header, long tableId, BitSet included, java.util.List<Serializable[]> rows,
                      Op op) {
        TableSchema schema = capturedTable(header, tableId);
        if (schema == null) {
            return;
        }
        int index = 0;
        for (Serializable[] cells : rows) {
            Row image = RowImages.of(schema, included, cells);
            emit(schema, index++, op, op == Op.DELETE ? image : null, op == Op.DELETE ? null : image);
        }
    }

    private void updates(EventHeaderV4 header, UpdateRowsEventData data) {
        TableSchema schema = capturedTable(header, data.getTableId());
        if (schema == null) {
            return;
        }
        int index = 0;
        for (Map.Entry<Serializable[], Serializable[]> pair : data.getRows()) {
            Row before = RowImages.of(schema, data.getIncludedColumnsBeforeUpdate(), pair.getKey());
            Row after = RowImages.of(schema, data.getIncludedColumns(), pair.getValue());
            if (RowImages.keyChanged(schema, before, after)) {
                emit(schema, index, Op.DELETE, before, null);
                emit(schema, index++, Op.INSERT, null, after);
            } else {
                emit(schema, index++, Op.UPDATE, before, after);
            }
        }
    }

    private TableSchema capturedTable(EventHeaderV4 header, long tableId) {
        if (!publishing(header)) {
            return null; // before the start, or before a rewind's time: position and GTIDs move, nothing is published
        }
        TableSchema schema = tableMaps.schema(tableId);
        if (schema == null) {
            throw new IllegalStateException("rows for table id " + tableId + " at " + transaction.file() + ":"
                    + header.getPosition() + " without a table map: the stream started inside a transaction");
        }
        if (!schema.captured() || AnchorRows.isAnchorTable(schema.database(), schema.table())) {
            return null;
        }
        if (emitter.nextSeq() < replayUntilSeq && header.getServerId() == server.serverId()) {
            throw missingPublishedRows(header);
        }
        return schema;
    }

    private void emit(TableSchema schema, int rowIndex, Op op, Row before, Row after) {
        backfills.onChange(schema.database(), schema.table(), before, after);
        emitter.row(schema, header.getPosition(), header.getServerId(), rowIndex, op, before, after);
    }

    private void commit(EventHeaderV4 header) {
        transaction.end();
        ownTables.endTransaction(emitter.nextSeq());
        emitter.endTransaction(state(header.getNextPosition()), transaction.commitTimeMs(), !skipping(header));
    }

    /** The reader's state before the transaction that starts at {@code offset} of the current file. */
    private ReaderState state(long offset) {
        return new ReaderState(transaction.at(offset), emitter.nextSeq(), ownTables.lastAnchor(),
                backfills.progressText(), schemaHistory.text());
    }

    /**
     * After a switch by failover marker, a row written on the new server itself came where replays of rows the old
     * primary's reader published were due: the new server never received them, and reusing their seqs for other
     * changes would make stores drop those as stale.
     */
    private SourceRefusedException missingPublishedRows(EventHeaderV4 header) {
        long nextSeq = emitter.nextSeq();
        return new SourceRefusedException("source " + sourceId, java.util.List.of(new PreflightProblem("the new server",
                "missing " + (replayUntilSeq - nextSeq) + " rows (seqs " + nextSeq + " to " + (replayUntilSeq - 1)
                        + "), which the reader already published: after the failover marker it replayed "
                        + (nextSeq - firstSeq) + " rows, then rows written on the new server itself (server_id "
                        + server.serverId() + ") came at " + transaction.file() + ":" + header.getPosition(),
                "make the server that holds them the primary (another replica may have applied more), or accept "
                        + "their loss and re-load the tables with the dump tool (./mysync dump)")));
    }

    private static String abbreviate(String sql) {
        return sql.length() > 80 ? sql.substring(0, 77) + "..." : sql;
    }
}
