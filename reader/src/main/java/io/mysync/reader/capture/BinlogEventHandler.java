package io.mysync.reader.capture;

import com.github.shyiko.mysql.binlog.BinaryLogClient;
import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.PreviousGtidSetEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.google.protobuf.ByteString;
import io.mysync.common.event.ChangeEvent;
import io.mysync.common.event.Op;
import io.mysync.common.event.Row;
import io.mysync.common.event.SourcePosition;
import io.mysync.common.position.Anchor;
import io.mysync.common.position.Position;
import io.mysync.common.position.ReaderState;
import io.mysync.common.sql.SignalTable;
import io.mysync.common.sql.TableShape;
import io.mysync.reader.backfill.Backfills;
import io.mysync.reader.failover.AnchorRows;
import io.mysync.reader.publish.EventPublisher;
import io.mysync.reader.publish.InflightTransactions;
import io.mysync.reader.schema.DdlStatement;
import io.mysync.reader.schema.TableSchema;
import io.mysync.reader.schema.TableSchemaFactory;
import io.mysync.reader.schema.UnknownColumnsException;
import io.mysync.reader.source.PreflightProblem;
import io.mysync.reader.source.ServerInfo;
import io.mysync.reader.source.SourceRefusedException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Turns the binlog into change events: follows position and GTIDs, numbers rows with dense sequence numbers,
 * marks the last event of each transaction and hands transaction boundaries to {@link InflightTransactions}.
 * Runs on the binlog client's thread; any failure stops the stream (see {@link #failure()}), never skips.
 */
public final class BinlogEventHandler implements BinaryLogClient.EventListener {

    private static final Pattern DML = Pattern.compile("^\\s*(/\\*.*?\\*/\\s*)*(INSERT|UPDATE|DELETE|REPLACE)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final String sourceId;
    private final ServerInfo server;
    private final TableSchemaFactory schemas;
    private final EventPublisher publisher;
    private final InflightTransactions inflight;
    private final GtidTracker gtids;
    private final Map<Long, TableSchema> tables = new HashMap<>();
    private final Map<Long, TableMapEventData> tableMaps = new HashMap<>();
    private final long emitFrom;
    private final long emitFromTimeMs;
    private final long replayUntilSeq;
    private final long firstSeq;
    private boolean reachedStart;

    private String file;
    private long nextSeq;
    private boolean inTransaction;
    private String txnGtid = "";
    /** The current transaction's GTID and id, and the binlog file name, as UTF-8; null until the next event needs them. */
    private ByteString txnGtidUtf8;
    private ByteString txnIdUtf8;
    private ByteString fileUtf8;
    private final ByteString sourceIdUtf8;
    private long txnStart;
    private long commitTimeMs;
    private InflightTransactions.Txn txn;
    private Anchor lastAnchor;
    private Long txnAnchorMarker;
    private ChangeEvent.Builder heldBack;
    private final Backfills backfills;
    private final SchemaChanges schemaChanges;
    private final SchemaHistoryFollower schemaHistory;
    private EventHeaderV4 header;
    private volatile RuntimeException failure;
    private volatile long lastEventMillis = System.currentTimeMillis();

    public BinlogEventHandler(String sourceId, ServerInfo server, TableSchemaFactory schemas, StartPoint start,
                              EventPublisher publisher, InflightTransactions inflight, Backfills backfills,
                              SchemaChanges schemaChanges, SchemaHistoryFollower schemaHistory) {
        this.backfills = backfills;
        this.schemaChanges = schemaChanges;
        this.schemaHistory = schemaHistory;
        this.sourceId = sourceId;
        this.sourceIdUtf8 = ByteString.copyFromUtf8(sourceId);
        this.server = server;
        this.schemas = schemas;
        this.publisher = publisher;
        this.inflight = inflight;
        this.gtids = new GtidTracker(server.flavor(), start.position().gtidSet());
        this.file = start.position().binlogFile();
        this.nextSeq = start.nextSeq();
        this.emitFrom = start.emitFrom();
        this.emitFromTimeMs = start.emitFromTimeMs();
        this.replayUntilSeq = start.replayUntilSeq();
        this.firstSeq = start.nextSeq();
        this.lastAnchor = start.state().anchor();
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
            case ROTATE -> {
                file = ((RotateEventData) event.getData()).getBinlogFilename();
                fileUtf8 = null;
                txnIdUtf8 = null;
            }
            case PREVIOUS_GTIDS -> {
                if (skipping(header) || gtids.isEmpty()) {
                    gtids.reset(((PreviousGtidSetEventData) event.getData()).getGtidSet());
                }
            }
            case GTID -> {
                GtidEventData data = event.getData();
                long micros = data.getOriginalCommitTimestamp();
                begin(header, data.getGtid(), micros > 0 ? micros / 1000 : header.getTimestamp(), false);
            }
            case MARIADB_GTID -> {
                MariadbGtidEventData data = event.getData();
                String gtid = data.getDomainId() + "-" + header.getServerId() + "-" + data.getSequence();
                boolean standalone = (data.getFlags() & MariadbGtidEventData.FL_STANDALONE) != 0;
                begin(header, gtid, header.getTimestamp(), !standalone);
            }
            case QUERY -> query(header, event.getData());
            case TABLE_MAP -> tableMap(header, event.getData());
            case WRITE_ROWS, EXT_WRITE_ROWS -> {
                WriteRowsEventData data = event.getData();
                TableSchema own = ownTable(header, data.getTableId());
                if (own != null) {
                    data.getRows().forEach(after -> ownRow(own, after));
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
                    data.getRows().forEach(pair -> ownRow(own, pair.getValue()));
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

    private boolean skipping(EventHeaderV4 header) {
        return emitFrom > 0 && header.getPosition() < emitFrom;
    }

    private void begin(EventHeaderV4 header, String gtid, long commitTime, boolean transactional) {
        txnGtid = gtid;
        txnStart = header.getPosition();
        txnIdUtf8 = null;
        commitTimeMs = commitTime;
        inTransaction = transactional;
        txn = null;
    }

    private void query(EventHeaderV4 header, QueryEventData data) {
        String sql = data.getSql().trim();
        String upper = sql.length() > 20 ? sql.substring(0, 20).toUpperCase(Locale.ROOT) : sql.toUpperCase(Locale.ROOT);
        if (upper.equals("BEGIN") || upper.startsWith("XA START")) {
            if (txnGtid.isEmpty() || !inTransaction) {
                if (txnGtid.isEmpty()) {
                    txnStart = header.getPosition();
                    txnIdUtf8 = null;
                    commitTimeMs = header.getTimestamp();
                }
                inTransaction = true;
            }
        } else if (upper.equals("COMMIT") || upper.startsWith("XA COMMIT") || upper.startsWith("XA END")
                || upper.startsWith("XA PREPARE")) {
            if (!upper.startsWith("XA END") && !upper.startsWith("XA PREPARE")) {
                commit(header);
            }
        } else if (upper.startsWith("SAVEPOINT") || upper.startsWith("ROLLBACK")) {
            if (upper.equals("ROLLBACK")) {
                commit(header);
            }
        } else if (DML.matcher(sql).find()) {
            if (!skipping(header)) {
                throw new IllegalStateException("a statement-based change arrived at " + file + ":"
                        + header.getPosition() + " (" + abbreviate(sql) + "): its rows are not in the binlog, so "
                        + "they would be lost. A session wrote with binlog_format=STATEMENT or MIXED. Fix: SET "
                        + "GLOBAL binlog_format='ROW'; make the writing sessions reconnect; then re-load the "
                        + "affected tables with the dump tool");
            }
        } else {
            if (!skipping(header) && commitTimeMs >= emitFromTimeMs) {
                String at = file + ":" + header.getPosition();
                if (schemaHistory.follow(sql, data.getDatabase(), at)) {
                    tableMaps.clear(); // the next table map of each table is read against the new definitions
                }
                schemaChanges.statement(sql, data.getDatabase(), at, this::emitTruncate);
            }
            if (!inTransaction) {
                commit(header); // DDL is a transaction of its own
            }
        }
    }

    /** Every row of a table written before now is gone: one event, which the publisher sends to all partitions. */
    private void emitTruncate(DdlStatement.TableName table, String statement) {
        hold(next(Op.TRUNCATE, ByteString.copyFromUtf8(table.database()), ByteString.copyFromUtf8(table.table()), 0)
                .setStatement(statement));
    }

    private void tableMap(EventHeaderV4 header, TableMapEventData data) {
        TableMapEventData known = tableMaps.get(data.getTableId());
        if (known == null || !sameShape(known, data)) {
            TableSchema schema;
            try {
                schema = schemas.create(data);
            } catch (UnknownColumnsException e) {
                if (!skipping(header) && commitTimeMs >= emitFromTimeMs) {
                    throw e;
                }
                // rows before the start are not published; a schema history describes the start, not them
                tableMaps.remove(data.getTableId());
                tables.remove(data.getTableId());
                return;
            }
            tableMaps.put(data.getTableId(), data);
            tables.put(data.getTableId(), schema);
            schemaChanges.tableMap(schema);
        }
    }

    private static boolean sameShape(TableMapEventData a, TableMapEventData b) {
        return a.getDatabase().equals(b.getDatabase()) && a.getTable().equals(b.getTable())
                && Arrays.equals(a.getColumnTypes(), b.getColumnTypes())
                && Arrays.equals(a.getColumnMetadata(), b.getColumnMetadata())
                && a.getEventMetadata() != null && b.getEventMetadata() != null
                && Objects.equals(a.getEventMetadata().getColumnNames(), b.getEventMetadata().getColumnNames())
                && Objects.equals(a.getEventMetadata().getSimplePrimaryKeys(),
                b.getEventMetadata().getSimplePrimaryKeys());
    }

    /**
     * The schema of a {@code __mysync} table (failover markers, signals) when these rows are its, else null (the
     * common case, kept cheap).
     */
    private TableSchema ownTable(EventHeaderV4 header, long tableId) {
        TableSchema schema = tables.get(tableId);
        return schema != null && !skipping(header) && AnchorRows.DATABASE.equals(schema.database()) ? schema : null;
    }

    /**
     * A row of MySync's own tables: this source's failover marker (it counts once its transaction commits), or a
     * signal to this source's backfill.
     */
    private void ownRow(TableSchema table, Serializable[] after) {
        if (AnchorRows.isAnchorTable(table.database(), table.table())) {
            AnchorRows.marker(table, after, sourceId).ifPresent(m -> txnAnchorMarker = m);
        } else if (SignalTable.isSignalTable(table.database(), table.table())) {
            Map<String, String> row = AnchorRows.text(table, after);
            if (sourceId.equals(row.get("source_id")) && backfills.onSignal(row.getOrDefault("kind", ""),
                    row.getOrDefault("table_name", ""), row.getOrDefault("value", ""), this::emitSnapshot)) {
                schemas.capture(backfills.captureFilter(schemas.captureFilter()));
                tableMaps.forEach((id, map) -> tables.put(id, schemas.create(map)));
            }
        }
    }

    /** One row of a backfill chunk, emitted at its high watermark with the stream's next seq. */
    private void emitSnapshot(TableShape table, Row row) {
        hold(next(Op.SNAPSHOT, ByteString.copyFromUtf8(table.database()), ByteString.copyFromUtf8(table.table()), 0)
                .setSchemaVersion(table.schemaVersion())
                .addAllPrimaryKey(table.primaryKeyNames()).setAfter(row));
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
        if (skipping(header) || commitTimeMs < emitFromTimeMs) {
            return null; // before the start, or before a rewind's time: position and GTIDs move, nothing is published
        }
        TableSchema schema = tables.get(tableId);
        if (schema == null) {
            throw new IllegalStateException("rows for table id " + tableId + " at " + file + ":"
                    + header.getPosition() + " without a table map: the stream started inside a transaction");
        }
        if (!schema.captured() || AnchorRows.isAnchorTable(schema.database(), schema.table())) {
            return null;
        }
        if (nextSeq < replayUntilSeq && header.getServerId() == server.serverId()) {
            throw missingPublishedRows(header);
        }
        return schema;
    }

    private void emit(TableSchema schema, int rowIndex, Op op, Row before, Row after) {
        ChangeEvent.Builder event = next(op, schema.utf8().database(), schema.utf8().table(), rowIndex)
                .setSchemaVersion(schema.schemaVersion());
        for (ByteString name : schema.utf8().primaryKey()) {
            event.addPrimaryKeyBytes(name);
        }
        if (before != null) {
            event.setBefore(before);
        }
        if (after != null) {
            event.setAfter(after);
        }
        backfills.onChange(schema.database(), schema.table(), before, after);
        hold(event);
    }

    /**
     * An event of the transaction being read, at the current binlog event, with the next seq. Its strings are set
     * as UTF-8 made once per table, file or transaction: protobuf would encode a String again for every event.
     */
    private ChangeEvent.Builder next(Op op, ByteString database, ByteString table, int rowIndex) {
        if (txnIdUtf8 == null) {
            txnGtidUtf8 = ByteString.copyFromUtf8(txnGtid);
            txnIdUtf8 = txnGtid.isEmpty() ? ByteString.copyFromUtf8(file + ":" + txnStart) : txnGtidUtf8;
        }
        if (fileUtf8 == null) {
            fileUtf8 = ByteString.copyFromUtf8(file);
        }
        return ChangeEvent.newBuilder()
                .setSourceIdBytes(sourceIdUtf8)
                .setSeq(nextSeq++)
                .setOp(op)
                .setDatabaseBytes(database)
                .setTableBytes(table)
                .setPosition(SourcePosition.newBuilder().setGtidBytes(txnGtidUtf8).setBinlogFileBytes(fileUtf8)
                        .setBinlogPosition(header.getPosition()).setRowIndex(rowIndex)
                        .setServerId(header.getServerId()))
                .setCommitTimeMs(commitTimeMs)
                .setTransactionIdBytes(txnIdUtf8);
    }

    /**
     * Publishes the event held back so far and holds this one instead: the last event of a transaction is only
     * known at its commit, which marks it.
     */
    private void hold(ChangeEvent.Builder event) {
        if (txn == null) {
            txn = inflight.begin();
        }
        if (heldBack != null) {
            publisher.publish(heldBack.build(), txn);
        }
        heldBack = event;
    }

    private void commit(EventHeaderV4 header) {
        gtids.add(txnGtid);
        if (txnAnchorMarker != null) {
            lastAnchor = new Anchor(txnAnchorMarker, nextSeq);
            txnAnchorMarker = null;
        }
        ReaderState end = state(header.getNextPosition());
        if (heldBack != null) {
            publisher.publish(heldBack.setLastInTransaction(true).build(), txn);
            heldBack = null;
        }
        if (!skipping(header)) {
            inflight.commit(txn != null ? txn : inflight.begin(), end, commitTimeMs);
            publisher.endOfTransaction(end, commitTimeMs);
        }
        txn = null;
        txnGtid = "";
        txnIdUtf8 = null;
        inTransaction = false;
    }

    /** The reader's state before the transaction that starts at {@code offset} of the current file. */
    private ReaderState state(long offset) {
        return new ReaderState(new Position(file, offset, gtids.toString(), server.serverId(), server.serverUuid()),
                nextSeq, lastAnchor, backfills.progressText(), schemaHistory.text());
    }

    /**
     * After a switch by failover marker, a row written on the new server itself came where replays of rows the old
     * primary's reader published were due: the new server never received them, and reusing their seqs for other
     * changes would make stores drop those as stale.
     */
    private SourceRefusedException missingPublishedRows(EventHeaderV4 header) {
        return new SourceRefusedException("source " + sourceId, java.util.List.of(new PreflightProblem("the new server",
                "missing " + (replayUntilSeq - nextSeq) + " rows (seqs " + nextSeq + " to " + (replayUntilSeq - 1)
                        + "), which the reader already published: after the failover marker it replayed "
                        + (nextSeq - firstSeq) + " rows, then rows written on the new server itself (server_id "
                        + server.serverId() + ") came at " + file + ":" + header.getPosition(),
                "make the server that holds them the primary (another replica may have applied more), or accept "
                        + "their loss and re-load the tables with the dump tool (./mysync dump)")));
    }

    private static String abbreviate(String sql) {
        return sql.length() > 80 ? sql.substring(0, 77) + "..." : sql;
    }
}
