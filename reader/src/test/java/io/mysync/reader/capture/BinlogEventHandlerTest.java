package io.mysync.reader.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.event.DeleteRowsEventData;
import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.EventData;
import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.EventType;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.github.shyiko.mysql.binlog.event.QueryEventData;
import com.github.shyiko.mysql.binlog.event.RotateEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import com.github.shyiko.mysql.binlog.event.TableMapEventMetadata;
import com.github.shyiko.mysql.binlog.event.UpdateRowsEventData;
import com.github.shyiko.mysql.binlog.event.WriteRowsEventData;
import com.github.shyiko.mysql.binlog.event.XidEventData;
import io.mysync.common.event.ChangeEvent;
import io.mysync.common.event.Column;
import io.mysync.common.event.Op;
import io.mysync.common.event.Row;
import io.mysync.common.position.Position;
import io.mysync.common.position.ReaderState;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MappingConfig;
import io.mysync.config.model.MySyncConfig;
import io.mysync.config.model.SchemaChangePolicy;
import io.mysync.reader.backfill.Backfills;
import io.mysync.reader.publish.EventPublisher;
import io.mysync.reader.publish.InflightTransactions;
import io.mysync.reader.schema.ColumnTypes;
import io.mysync.reader.schema.TableSchemaFactory;
import io.mysync.reader.source.ServerFlavor;
import io.mysync.reader.source.ServerInfo;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The reader's binlog handler fed with synthetic binlog events, as the binlog client would deliver them: what it
 * publishes, how it numbers and groups events into transactions, and where it stops instead of losing rows.
 */
class BinlogEventHandlerTest {

    private static final String UUID = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private static final long TABLE_ID = 42;
    private static final long OTHER_TABLE_ID = 43;
    private static final MySyncConfig CONFIG = new ConfigLoader(Map.of()).read("t.yaml", """
            source: { id: shop, url: "mysql://u@h:1", server_id: 99 }
            kafka: { bootstrap: "h:1" }
            sinks: { redis: { url: "redis://h:1" } }
            mappings: [ { table: shop.orders, redis: { key: "order:{id}" } } ]
            """);

    private final RecordingPublisher publisher = new RecordingPublisher();
    private final InflightTransactions inflight = new InflightTransactions();
    /** Where the next synthetic event starts in the binlog file. */
    private long position = 4;

    private BinlogEventHandler handler(ServerFlavor flavor, StartPoint start) {
        ServerInfo server = new ServerInfo(flavor, "8.0.36", 1, UUID, true, Map.of(255, StandardCharsets.UTF_8));
        TableSchemaFactory schemas = new TableSchemaFactory(server, CONFIG::captures);
        Backfills backfills = new Backfills(CONFIG, "");
        SchemaChanges schemaChanges = new SchemaChanges((db, table) -> CONFIG.mappingOf(db, table)
                .map(MappingConfig::schemaChanges).orElse(SchemaChangePolicy.DEFAULT), schemas::captureFilter,
                backfills);
        return new BinlogEventHandler("shop", server, schemas, start, publisher, inflight, backfills, schemaChanges,
                new SchemaHistoryFollower(null));
    }

    private BinlogEventHandler mysqlFromStart() {
        return handler(ServerFlavor.MYSQL, new StartPoint(new ReaderState(new Position("binlog.000007", 4,
                UUID + ":1-4", 1, UUID), 1), true, 0, "test"));
    }

    @Test
    void aTransactionBecomesDenselyNumberedEventsWhoseLastOneIsMarked() {
        BinlogEventHandler handler = mysqlFromStart();
        feed(handler, gtid(UUID + ":5"), query("BEGIN"), tableMap(TABLE_ID, "orders"),
                writeRows(TABLE_ID, row(1, "new"), row(2, "new")),
                updateRows(TABLE_ID, Map.entry(row(1, "new"), row(1, "paid"))),
                deleteRows(TABLE_ID, row(2, "new")), xid());

        assertThat(handler.failure()).isNull();
        assertThat(publisher.events).extracting(ChangeEvent::getSeq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(publisher.events).extracting(ChangeEvent::getOp)
                .containsExactly(Op.INSERT, Op.INSERT, Op.UPDATE, Op.DELETE);
        assertThat(publisher.events).extracting(ChangeEvent::getLastInTransaction)
                .containsExactly(false, false, false, true);
        assertThat(publisher.events).extracting(ChangeEvent::getTransactionId).containsOnly(UUID + ":5");
        assertThat(publisher.events).extracting(e -> e.getPosition().getGtid()).containsOnly(UUID + ":5");
        assertThat(publisher.events).extracting(e -> List.copyOf(e.getPrimaryKeyList())).containsOnly(List.of("id"));

        ChangeEvent update = publisher.events.get(2);
        assertThat(values(update.getBefore())).isEqualTo("id=1 state=new");
        assertThat(values(update.getAfter())).isEqualTo("id=1 state=paid");
        ChangeEvent delete = publisher.events.get(3);
        assertThat(values(delete.getBefore())).isEqualTo("id=2 state=new");
        assertThat(delete.hasAfter()).isFalse();

        InflightTransactions.Completed done = inflight.drainCompleted().orElseThrow();
        assertThat(done.state().nextSeq()).isEqualTo(5);
        assertThat(done.state().position().binlogFile()).isEqualTo("binlog.000007");
        assertThat(done.state().position().binlogPosition()).isEqualTo(position);
        assertThat(done.state().position().gtidSet()).isEqualTo(UUID + ":1-5");
        assertThat(publisher.transactionEnds).containsExactly(5L);
    }

    @Test
    void aPrimaryKeyChangeIsADeleteOfTheOldRowAndAnInsertOfTheNewOne() {
        BinlogEventHandler handler = mysqlFromStart();
        feed(handler, gtid(UUID + ":5"), query("BEGIN"), tableMap(TABLE_ID, "orders"),
                updateRows(TABLE_ID, Map.entry(row(1, "new"), row(7, "new"))), xid());

        assertThat(publisher.events).extracting(ChangeEvent::getOp).containsExactly(Op.DELETE, Op.INSERT);
        assertThat(values(publisher.events.get(0).getBefore())).isEqualTo("id=1 state=new");
        assertThat(values(publisher.events.get(1).getAfter())).isEqualTo("id=7 state=new");
        assertThat(publisher.events).extracting(ChangeEvent::getSeq).containsExactly(1L, 2L);
    }

    @Test
    void rowsOfATableNoMappingCapturesMoveThePositionButPublishNothing() {
        BinlogEventHandler handler = mysqlFromStart();
        feed(handler, gtid(UUID + ":5"), query("BEGIN"), tableMap(OTHER_TABLE_ID, "audit_log"),
                writeRows(OTHER_TABLE_ID, row(1, "x")), xid(),
                gtid(UUID + ":6"), query("BEGIN"), tableMap(TABLE_ID, "orders"), writeRows(TABLE_ID, row(3, "new")),
                xid());

        assertThat(publisher.events).extracting(ChangeEvent::getSeq).containsExactly(1L);
        assertThat(publisher.events.get(0).getTransactionId()).isEqualTo(UUID + ":6");
        InflightTransactions.Completed done = inflight.drainCompleted().orElseThrow();
        assertThat(done.state().position().gtidSet()).isEqualTo(UUID + ":1-6");
        assertThat(done.state().nextSeq()).isEqualTo(2);
    }

    @Test
    void eventsBeforeTheStartPositionAreSkippedWhileTheirGtidsAreStillCounted() {
        // the reader resumes at a file position: it reads the file from its start to learn the GTID set there
        long resumeAt = 4 + 5 * 100; // after the first transaction's five events
        BinlogEventHandler handler = handler(ServerFlavor.MYSQL,
                new StartPoint(new ReaderState(new Position("binlog.000007", resumeAt, "", 1, UUID), 11), false,
                        resumeAt, "test"));
        feed(handler, gtid(UUID + ":5"), query("BEGIN"), tableMap(TABLE_ID, "orders"),
                writeRows(TABLE_ID, row(1, "new")), xid(),
                gtid(UUID + ":6"), query("BEGIN"), tableMap(TABLE_ID, "orders"), writeRows(TABLE_ID, row(2, "new")),
                xid());

        assertThat(publisher.events).extracting(ChangeEvent::getSeq).containsExactly(11L);
        assertThat(values(publisher.events.get(0).getAfter())).isEqualTo("id=2 state=new");
        InflightTransactions.Completed done = inflight.drainCompleted().orElseThrow();
        assertThat(done.state().position().gtidSet()).isEqualTo(UUID + ":5-6");
        assertThat(done.state().nextSeq()).isEqualTo(12);
    }

    @Test
    void aRotateMovesTheEventsToTheNextFile() {
        BinlogEventHandler handler = mysqlFromStart();
        RotateEventData rotate = new RotateEventData();
        rotate.setBinlogFilename("binlog.000008");
        rotate.setBinlogPosition(4);
        feed(handler, event(EventType.ROTATE, rotate, 0));
        position = 4;
        feed(handler, gtid(UUID + ":5"), query("BEGIN"), tableMap(TABLE_ID, "orders"),
                writeRows(TABLE_ID, row(1, "new")), xid());

        assertThat(publisher.events.get(0).getPosition().getBinlogFile()).isEqualTo("binlog.000008");
        assertThat(inflight.drainCompleted().orElseThrow().state().position().binlogFile()).isEqualTo("binlog.000008");
    }

    @Test
    void mariadbGtidsNameDomainServerAndSequence() {
        BinlogEventHandler handler = handler(ServerFlavor.MARIADB,
                new StartPoint(new ReaderState(new Position("mariadb-bin.000001", 4, "0-1-9", 1, ""), 1), true, 0,
                        "test"));
        MariadbGtidEventData gtid = new MariadbGtidEventData();
        gtid.setDomainId(0);
        gtid.setSequence(10);
        gtid.setFlags(MariadbGtidEventData.FL_TRANSACTIONAL);
        feed(handler, event(EventType.MARIADB_GTID, gtid, 1), tableMap(TABLE_ID, "orders"),
                writeRows(TABLE_ID, row(1, "new"), row(2, "new")), xid());

        assertThat(publisher.events).extracting(ChangeEvent::getTransactionId).containsOnly("0-1-10");
        assertThat(publisher.events).extracting(ChangeEvent::getLastInTransaction).containsExactly(false, true);
        assertThat(inflight.drainCompleted().orElseThrow().state().position().gtidSet()).isEqualTo("0-1-10");
    }

    @Test
    void truncateOfACapturedTableIsOneEventInATransactionOfItsOwn() {
        BinlogEventHandler handler = mysqlFromStart();
        feed(handler, gtid(UUID + ":5"), query("TRUNCATE TABLE orders"));

        assertThat(publisher.events).singleElement().satisfies(e -> {
            assertThat(e.getOp()).isEqualTo(Op.TRUNCATE);
            assertThat(e.getTable()).isEqualTo("orders");
            assertThat(e.getLastInTransaction()).isTrue();
        });
        assertThat(inflight.drainCompleted().orElseThrow().state().position().gtidSet()).isEqualTo(UUID + ":1-5");
    }

    @Test
    void aStatementBasedChangeStopsTheReaderNamingTheFix() {
        BinlogEventHandler handler = mysqlFromStart();
        feed(handler, gtid(UUID + ":5"), query("BEGIN"), query("UPDATE orders SET state = 'paid' WHERE id = 1"),
                xid());

        assertThat(handler.failure()).hasMessageContaining("binlog_format=STATEMENT")
                .hasMessageContaining("SET GLOBAL binlog_format='ROW'");
        assertThat(publisher.events).isEmpty();
        assertThat(inflight.drainCompleted()).as("nothing after the failure is checkpointed").isEmpty();
    }

    @Test
    void rowsWithoutATableMapStopTheReaderInsteadOfGuessingColumns() {
        BinlogEventHandler handler = mysqlFromStart();
        feed(handler, gtid(UUID + ":5"), query("BEGIN"), writeRows(TABLE_ID, row(1, "new")), xid());

        assertThat(handler.failure()).hasMessageContaining("without a table map");
        assertThat(publisher.events).isEmpty();
    }

    // ---- synthetic binlog events

    private void feed(BinlogEventHandler handler, Event... events) {
        for (Event e : events) {
            handler.onEvent(e);
        }
    }

    /** An event of 100 bytes at the current position (the header's position is its next position minus its length). */
    private Event event(EventType type, EventData data, long serverId) {
        EventHeaderV4 header = new EventHeaderV4();
        header.setEventType(type);
        header.setServerId(serverId);
        header.setTimestamp(1_700_000_000_000L);
        header.setEventLength(type == EventType.ROTATE ? 0 : 100);
        header.setNextPosition(position + header.getEventLength());
        position = header.getNextPosition();
        return new Event(header, data);
    }

    private Event gtid(String gtid) {
        GtidEventData data = new GtidEventData();
        data.setGtid(gtid);
        return event(EventType.GTID, data, 1);
    }

    private Event query(String sql) {
        QueryEventData data = new QueryEventData();
        data.setDatabase("shop");
        data.setSql(sql);
        return event(EventType.QUERY, data, 1);
    }

    private Event xid() {
        return event(EventType.XID, new XidEventData(), 1);
    }

    /** shop.TABLE (id INT PRIMARY KEY, state VARCHAR(20)) with full row metadata. */
    private Event tableMap(long tableId, String table) {
        TableMapEventData data = new TableMapEventData();
        data.setTableId(tableId);
        data.setDatabase("shop");
        data.setTable(table);
        data.setColumnTypes(new byte[] {(byte) ColumnTypes.LONG, (byte) ColumnTypes.VARCHAR});
        data.setColumnMetadata(new int[] {0, 80});
        data.setColumnNullability(new BitSet());
        TableMapEventMetadata metadata = new TableMapEventMetadata();
        metadata.setSignedness(new BitSet());
        metadata.setColumnCharsets(List.of(255));
        metadata.setColumnNames(List.of("id", "state"));
        metadata.setSimplePrimaryKeys(List.of(0));
        data.setEventMetadata(metadata);
        return event(EventType.TABLE_MAP, data, 1);
    }

    private static Serializable[] row(int id, String state) {
        return new Serializable[] {id, state.getBytes(StandardCharsets.UTF_8)};
    }

    private static BitSet allColumns() {
        BitSet columns = new BitSet();
        columns.set(0, 2);
        return columns;
    }

    private Event writeRows(long tableId, Serializable[]... rows) {
        WriteRowsEventData data = new WriteRowsEventData();
        data.setTableId(tableId);
        data.setIncludedColumns(allColumns());
        data.setRows(List.of(rows));
        return event(EventType.EXT_WRITE_ROWS, data, 1);
    }

    @SafeVarargs
    private Event updateRows(long tableId, Map.Entry<Serializable[], Serializable[]>... rows) {
        UpdateRowsEventData data = new UpdateRowsEventData();
        data.setTableId(tableId);
        data.setIncludedColumnsBeforeUpdate(allColumns());
        data.setIncludedColumns(allColumns());
        data.setRows(List.of(rows));
        return event(EventType.EXT_UPDATE_ROWS, data, 1);
    }

    private Event deleteRows(long tableId, Serializable[]... rows) {
        DeleteRowsEventData data = new DeleteRowsEventData();
        data.setTableId(tableId);
        data.setIncludedColumns(allColumns());
        data.setRows(List.of(rows));
        return event(EventType.EXT_DELETE_ROWS, data, 1);
    }

    private static String values(Row row) {
        return row.getColumnsList().stream().map(BinlogEventHandlerTest::text).collect(Collectors.joining(" "));
    }

    private static String text(Column column) {
        return column.getName() + "=" + switch (column.getValue().getKindCase()) {
            case INT_VALUE -> Long.toString(column.getValue().getIntValue());
            case STRING_VALUE -> column.getValue().getStringValue();
            default -> column.getValue().toString().trim();
        };
    }

    /** Keeps what the handler publishes, acknowledged at once as Kafka would acknowledge it. */
    private static final class RecordingPublisher implements EventPublisher {
        final List<ChangeEvent> events = new ArrayList<>();
        final List<Long> transactionEnds = new ArrayList<>();

        @Override
        public void publish(ChangeEvent event, InflightTransactions.Txn txn) {
            events.add(event);
        }

        @Override
        public void endOfTransaction(ReaderState end, long commitTimeMs) {
            transactionEnds.add(end.nextSeq());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
