package io.mysync.reader.capture;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.GtidTaggedEventData;
import com.github.shyiko.mysql.binlog.event.MySqlGtid;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.XidEventData;
import io.mysync.reader.schema.ColumnTypes;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Binlog events as the binlog client delivers them, each 100 bytes long and following the one before in the same
 * file, for tests of the reader's capture classes.
 */
final class SyntheticBinlog {

    static final long TIMESTAMP = 1_700_000_000_000L;

    /** Where the next event starts in the binlog file. */
    long position = 4;

    /** An event of 100 bytes at the current position (its header's position is its next position minus 100). */
    Event event(EventType type, EventData data, long serverId) {
        EventHeaderV4 header = new EventHeaderV4();
        header.setEventType(type);
        header.setServerId(serverId);
        header.setTimestamp(TIMESTAMP);
        header.setEventLength(type == EventType.ROTATE ? 0 : 100);
        header.setNextPosition(position + header.getEventLength());
        position = header.getNextPosition();
        return new Event(header, data);
    }

    Event gtid(String gtid) {
        GtidEventData data = new GtidEventData();
        data.setGtid(gtid);
        return event(EventType.GTID, data, 1);
    }

    /** A MySQL 8.3+ tagged GTID event, {@code uuid:tag:n}, decoded as the binlog client library decodes it. */
    Event taggedGtid(String gtid) {
        GtidTaggedEventData data = new GtidTaggedEventData(MySqlGtid.fromString(gtid), (byte) 0, 0, 0, 0,
                1_700_000_000_000_000L, 0, 0, 0, 0);
        return event(EventType.GTID_TAGGED, data, 1);
    }

    Event mariadbGtid(long domain, long sequence, long serverId, boolean standalone) {
        MariadbGtidEventData data = new MariadbGtidEventData();
        data.setDomainId(domain);
        data.setSequence(sequence);
        data.setFlags(standalone ? MariadbGtidEventData.FL_STANDALONE : MariadbGtidEventData.FL_TRANSACTIONAL);
        return event(EventType.MARIADB_GTID, data, serverId);
    }

    Event query(String sql) {
        QueryEventData data = new QueryEventData();
        data.setDatabase("shop");
        data.setSql(sql);
        return event(EventType.QUERY, data, 1);
    }

    Event xid() {
        return event(EventType.XID, new XidEventData(), 1);
    }

    Event rotate(String file) {
        RotateEventData rotate = new RotateEventData();
        rotate.setBinlogFilename(file);
        rotate.setBinlogPosition(4);
        return event(EventType.ROTATE, rotate, 0);
    }

    /** shop.TABLE (id INT PRIMARY KEY, state VARCHAR(20)) with full row metadata. */
    Event tableMap(long tableId, String table) {
        return tableMap(tableId, "shop", table, List.of("id", "state"));
    }

    /**
     * {@code database.table} with an INT first column (the primary key) and VARCHAR(20) columns after it, named
     * {@code columns}; {@code columns} empty: a map without names, as with {@code binlog_row_metadata=MINIMAL}.
     */
    Event tableMap(long tableId, String database, String table, List<String> columns) {
        int count = Math.max(columns.size(), 2);
        TableMapEventData data = new TableMapEventData();
        data.setTableId(tableId);
        data.setDatabase(database);
        data.setTable(table);
        byte[] types = new byte[count];
        int[] metadata = new int[count];
        types[0] = (byte) ColumnTypes.LONG;
        for (int i = 1; i < count; i++) {
            types[i] = (byte) ColumnTypes.VARCHAR;
            metadata[i] = 80;
        }
        data.setColumnTypes(types);
        data.setColumnMetadata(metadata);
        data.setColumnNullability(new BitSet());
        TableMapEventMetadata meta = new TableMapEventMetadata();
        meta.setSignedness(new BitSet());
        meta.setColumnCharsets(Collections.nCopies(count - 1, 255));
        if (!columns.isEmpty()) {
            meta.setColumnNames(columns);
            meta.setSimplePrimaryKeys(List.of(0));
        }
        data.setEventMetadata(meta);
        return event(EventType.TABLE_MAP, data, 1);
    }

    static Serializable[] row(int id, String... texts) {
        Serializable[] cells = new Serializable[1 + texts.length];
        cells[0] = id;
        for (int i = 0; i < texts.length; i++) {
            cells[i + 1] = texts[i].getBytes(StandardCharsets.UTF_8);
        }
        return cells;
    }

    private static BitSet columns(int count) {
        BitSet columns = new BitSet();
        columns.set(0, count);
        return columns;
    }

    Event writeRows(long tableId, Serializable[]... rows) {
        WriteRowsEventData data = new WriteRowsEventData();
        data.setTableId(tableId);
        data.setIncludedColumns(columns(rows[0].length));
        data.setRows(List.of(rows));
        return event(EventType.EXT_WRITE_ROWS, data, 1);
    }

    @SafeVarargs
    final Event updateRows(long tableId, Map.Entry<Serializable[], Serializable[]>... rows) {
        UpdateRowsEventData data = new UpdateRowsEventData();
        data.setTableId(tableId);
        data.setIncludedColumnsBeforeUpdate(columns(rows[0].getKey().length));
        data.setIncludedColumns(columns(rows[0].getValue().length));
        data.setRows(List.of(rows));
        return event(EventType.EXT_UPDATE_ROWS, data, 1);
    }

    Event deleteRows(long tableId, Serializable[]... rows) {
        DeleteRowsEventData data = new DeleteRowsEventData();
        data.setTableId(tableId);
        data.setIncludedColumns(columns(rows[0].length));
        data.setRows(List.of(rows));
        return event(EventType.EXT_DELETE_ROWS, data, 1);
    }
}
