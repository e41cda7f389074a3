package io.mysync.reader.capture;

import static io.mysync.reader.capture.CaptureFixture.CONFIG;
import static io.mysync.reader.capture.CaptureFixture.UUID;
import static io.mysync.reader.capture.SyntheticBinlog.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.event.Event;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import io.mysync.common.position.Position;
import io.mysync.common.position.ReaderState;
import io.mysync.reader.backfill.Backfills;
import io.mysync.reader.publish.InflightTransactions;
import io.mysync.reader.schema.TableSchemaFactory;
import io.mysync.common.sql.ServerFlavor;
import io.mysync.reader.source.ServerInfo;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The reader's binlog handler fed with synthetic binlog events, as the binlog client would deliver them: what it
 * publishes, how it numbers and groups events into transactions, and where it stops instead of losing rows.
 */
class BinlogEventHandlerTest {

    private static final long TABLE_ID = 42;
    private static final long OTHER_TABLE_ID = 43;

    private final CaptureFixture.RecordingPublisher publisher = new CaptureFixture.RecordingPublisher();
    private final InflightTransactions inflight = new InflightTransactions();
    private final SyntheticBinlog binlog = new SyntheticBinlog();

    private BinlogEventHandler handler(ServerFlavor flavor, StartPoint start) {
        ServerInfo server = CaptureFixture.server(flavor);
        TableSchemaFactory schemas = CaptureFixture.schemas(server);
        Backfills backfills = new Backfills(CONFIG, "");
        return new BinlogEventHandler("shop", server, schemas, start, publisher, inflight, backfills,
                CaptureFixture.schemaChanges(schemas, backfills), new SchemaHistoryFollower(null));
    }

    private BinlogEventHandler mysqlFromStart() {
        return handler(ServerFlavor.MYSQL, new StartPoint(new ReaderState(new Position("binlog.000007", 4,
                UUID + ":1-4", 1, UUID), 1), true, 0, "test"));
    }

    @Test
    void taggedGtidsNameTheirTransactionsAndJoinTheCheckpointsSet() {
        BinlogEventHandler handler = mysqlFromStart();
        feed(handler, binlog.taggedGtid(UUID + ":batch_7:1"), binlog.query("BEGIN"), binlog.tableMap(TABLE_ID, "orders"),
                binlog.writeRows(TABLE_ID, row(1, "new")), binlog.xid(),
                binlog.gtid(UUID + ":5"), binlog.query("BEGIN"), binlog.tableMap(TABLE_ID, "orders"),
                binlog.writeRows(TABLE_ID, row(2, "new")), binlog.xid());

        assertThat(handler.failure()).isNull();
        assertThat(publisher.events).extracting(ChangeEvent::getTransactionId)
                .containsExactly(UUID + ":batch_7:1", UUID + ":5");
        InflightTransactions.Completed last = null;
        for (var done = inflight.drainCompleted(); done.isPresent(); done = inflight.drainCompleted()) {
            last = done.get();
        }
        // MySQL's canonical form: untagged intervals first, then each tag; it reads back as the same set
        assertThat(last.state().position().gtidSet()).isEqualTo(UUID + ":1-5:batch_7:1");
    }

    @Test
    void aTransactionBecomesDenselyNumberedEventsWhoseLastOneIsMarked() {
        BinlogEventHandler handler = mysqlFromStart();
        feed(handler, binlog.gtid(UUID + ":5"), binlog.query("BEGIN"), binlog.tableMap(TABLE_ID, "orders"),
                binlog.writeRows(TABLE_ID, row(1, "new"), row(2, "new")),
                binlog.updateRows(TABLE_ID, Map.entry(row(1, "new"), row(1, "paid"))),
                binlog.deleteRows(TABLE_ID, row(2, "new")), binlog.xid());

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
        assertThat(done.state().position().binlogPosition()).isEqualTo(binlog.position);
        assertThat(done.state().position().gtidSet()).isEqualTo(UUID + ":1-5");
        assertThat(publisher.transactionEnds).containsExactly(5L);
    }

    @Test
    void aPrimaryKeyChangeIsADeleteOfTheOldRowAndAnInsertOfTheNewOne() {
        BinlogEventHandler handler = mysqlFromStart();
        feed(handler, binlog.gtid(UUID + ":5"), binlog.query("BEGIN"), binlog.tableMap(TABLE_ID, "orders"),
                binlog.updateRows(TABLE_ID, Map.entry(row(1, "new"), row(7, "new"))), binlog.xid());

        assertThat(publisher.events).extracting(ChangeEvent::getOp).containsExactly(Op.DELETE, Op.INSERT);
        assertThat(values(publisher.events.get(0).getBefore())).isEqualTo("id=1 state=new");
        assertThat(values(publisher.events.get(1).getAfter())).isEqualTo("id=7 state=new");
        assertThat(publisher.events).extracting(ChangeEvent::getSeq).containsExactly(1L, 2L);
    }

    @Test
    void rowsOfATableNoMappingCapturesMoveThePositionButPublishNothing() {
        BinlogEventHandler handler = mysqlFromStart();
        feed(handler, binlog.gtid(UUID + ":5"), binlog.query("BEGIN"), binlog.tableMap(OTHER_TABLE_ID, "audit_log"),
                binlog.writeRows(OTHER_TABLE_ID, row(1, "x")), binlog.xid(),
                binlog.gtid(UUID + ":6"), binlog.query("BEGIN"), binlog.tableMap(TABLE_ID, "orders"),
                binlog.writeRows(TABLE_ID, row(3, "new")),
                binlog.xid());

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
        feed(handler, binlog.gtid(UUID + ":5"), binlog.query("BEGIN"), binlog.tableMap(TABLE_ID, "orders"),
                binlog.writeRows(TABLE_ID, row(1, "new")), binlog.xid(),
                binlog.gtid(UUID + ":6"), binlog.query("BEGIN"), binlog.tableMap(TABLE_ID, "orders"),
                binlog.writeRows(TABLE_ID, row(2, "new")),
                binlog.xid());

        assertThat(publisher.events).extracting(ChangeEvent::getSeq).containsExactly(11L);
        assertThat(values(publisher.events.get(0).getAfter())).isEqualTo("id=2 state=new");
        InflightTransactions.Completed done = inflight.drainCompleted().orElseThrow();
        assertThat(done.state().position().gtidSet()).isEqualTo(UUID + ":5-6");
        assertThat(done.state().nextSeq()).isEqualTo(12);
    }

    @Test
    void aRotateMovesTheEventsToTheNextFile() {
        BinlogEventHandler handler = mysqlFromStart();
        feed(handler, binlog.rotate("binlog.000008"));
        binlog.position = 4;
        feed(handler, binlog.gtid(UUID + ":5"), binlog.query("BEGIN"), binlog.tableMap(TABLE_ID, "orders"),
                binlog.writeRows(TABLE_ID, row(1, "new")), binlog.xid());

        assertThat(publisher.events.get(0).getPosition().getBinlogFile()).isEqualTo("binlog.000008");
        assertThat(inflight.drainCompleted().orElseThrow().state().position().binlogFile()).isEqualTo("binlog.000008");
    }

    @Test
    void mariadbGtidsNameDomainServerAndSequence() {
        BinlogEventHandler handler = handler(ServerFlavor.MARIADB,
                new StartPoint(new ReaderState(new Position("mariadb-bin.000001", 4, "0-1-9", 1, ""), 1), true, 0,
                        "test"));
        feed(handler, binlog.mariadbGtid(0, 10, 1, false), binlog.tableMap(TABLE_ID, "orders"),
                binlog.writeRows(TABLE_ID, row(1, "new"), row(2, "new")), binlog.xid());

        assertThat(publisher.events).extracting(ChangeEvent::getTransactionId).containsOnly("0-1-10");
        assertThat(publisher.events).extracting(ChangeEvent::getLastInTransaction).containsExactly(false, true);
        assertThat(inflight.drainCompleted().orElseThrow().state().position().gtidSet()).isEqualTo("0-1-10");
    }

    @Test
    void truncateOfACapturedTableIsOneEventInATransactionOfItsOwn() {
        BinlogEventHandler handler = mysqlFromStart();
        feed(handler, binlog.gtid(UUID + ":5"), binlog.query("TRUNCATE TABLE orders"));

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
        feed(handler, binlog.gtid(UUID + ":5"), binlog.query("BEGIN"),
                binlog.query("UPDATE orders SET state = 'paid' WHERE id = 1"), binlog.xid());

        assertThat(handler.failure()).hasMessageContaining("binlog_format=STATEMENT")
                .hasMessageContaining("SET GLOBAL binlog_format='ROW'");
        assertThat(publisher.events).isEmpty();
        assertThat(inflight.drainCompleted()).as("nothing after the failure is checkpointed").isEmpty();
    }

    @Test
    void rowsWithoutATableMapStopTheReaderInsteadOfGuessingColumns() {
        BinlogEventHandler handler = mysqlFromStart();
        feed(handler, binlog.gtid(UUID + ":5"), binlog.query("BEGIN"), binlog.writeRows(TABLE_ID, row(1, "new")),
                binlog.xid());

        assertThat(handler.failure()).hasMessageContaining("without a table map");
        assertThat(publisher.events).isEmpty();
    }

    private static void feed(BinlogEventHandler handler, Event... events) {
        for (Event e : events) {
            handler.onEvent(e);
        }
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

}
