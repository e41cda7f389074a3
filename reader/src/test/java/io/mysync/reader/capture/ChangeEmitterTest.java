package io.mysync.reader.capture;

import static io.mysync.reader.capture.CaptureFixture.CONFIG;
import static io.mysync.reader.capture.CaptureFixture.UUID;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.shyiko.mysql.binlog.event.Event;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.Value;
import io.mysync.common.position.Position;
import io.mysync.common.position.ReaderState;
import io.mysync.reader.backfill.Backfills;
import io.mysync.reader.publish.InflightTransactions;
import io.mysync.reader.schema.TableSchema;
import io.mysync.reader.schema.TableSchemaFactory;
import io.mysync.common.sql.ServerFlavor;
import org.junit.jupiter.api.Test;

/** The emitter that numbers events, fed the transaction and rows of synthetic binlog events. */
class ChangeEmitterTest {

    private final SyntheticBinlog binlog = new SyntheticBinlog();
    private final CaptureFixture.RecordingPublisher publisher = new CaptureFixture.RecordingPublisher();
    private final InflightTransactions inflight = new InflightTransactions();
    private final TransactionBoundaries transaction = new TransactionBoundaries(
            CaptureFixture.server(ServerFlavor.MYSQL), new Position("binlog.000007", 4, UUID + ":1-4", 1, UUID));
    private final ChangeEmitter emitter = new ChangeEmitter("shop", 100, transaction, publisher, inflight);

    private TableSchema orders() {
        TableSchemaFactory schemas = CaptureFixture.schemas(CaptureFixture.server(ServerFlavor.MYSQL));
        TableMaps maps = new TableMaps(schemas, CaptureFixture.schemaChanges(schemas, new Backfills(CONFIG, "")));
        maps.define(binlog.tableMap(42, "orders").getData(), true);
        return maps.schema(42);
    }

    private void gtid(String gtid) {
        Event event = binlog.gtid(gtid);
        transaction.gtid(event.getHeader(), (GtidEventData) event.getData());
    }

    private ReaderState end(long offset) {
        transaction.end();
        return new ReaderState(transaction.at(offset), emitter.nextSeq());
    }

    private static Row image(String state) {
        return Row.newBuilder().addColumns(Column.newBuilder().setName("state")
                .setValue(Value.newBuilder().setStringValue(state))).build();
    }

    @Test
    void eventsAreNumberedDenselyAndOnlyTheLastOfATransactionIsMarked() {
        TableSchema orders = orders();
        gtid(UUID + ":5");
        emitter.row(orders, 300, 1, 0, Op.INSERT, null, image("new"));
        emitter.row(orders, 400, 1, 0, Op.UPDATE, image("new"), image("paid"));
        assertThat(publisher.events).as("the last event waits for the transaction's end").hasSize(1);

        emitter.endTransaction(end(600), transaction.commitTimeMs(), true);

        assertThat(publisher.events).extracting(ChangeEvent::getSeq).containsExactly(100L, 101L);
        assertThat(publisher.events).extracting(ChangeEvent::getLastInTransaction).containsExactly(false, true);
        ChangeEvent update = publisher.events.get(1);
        assertThat(update.getSourceId()).isEqualTo("shop");
        assertThat(update.getTable()).isEqualTo("orders");
        assertThat(update.getPrimaryKeyList()).containsExactly("id");
        assertThat(update.getBefore()).isEqualTo(image("new"));
        assertThat(update.getAfter()).isEqualTo(image("paid"));
        assertThat(update.getTransactionId()).isEqualTo(UUID + ":5");
        assertThat(update.getPosition().getBinlogFile()).isEqualTo("binlog.000007");
        assertThat(update.getPosition().getBinlogPosition()).isEqualTo(400);
        assertThat(update.getCommitTimeMs()).isEqualTo(SyntheticBinlog.TIMESTAMP);
        assertThat(publisher.transactionEnds).containsExactly(102L);
        InflightTransactions.Completed done = inflight.drainCompleted().orElseThrow();
        assertThat(done.state().nextSeq()).isEqualTo(102);
        assertThat(done.state().position().gtidSet()).isEqualTo(UUID + ":1-5");
    }

    @Test
    void aTruncateIsOneEventCarryingItsStatement() {
        gtid(UUID + ":5");
        emitter.truncate("shop", "orders", "TRUNCATE TABLE orders", 300, 1);
        emitter.endTransaction(end(400), transaction.commitTimeMs(), true);

        assertThat(publisher.events).singleElement().satisfies(e -> {
            assertThat(e.getOp()).isEqualTo(Op.TRUNCATE);
            assertThat(e.getStatement()).isEqualTo("TRUNCATE TABLE orders");
            assertThat(e.getSeq()).isEqualTo(100);
            assertThat(e.getLastInTransaction()).isTrue();
        });
    }

    @Test
    void aTransactionWithoutEventsStillMovesTheCheckpointButSkippedOnesDoNot() {
        gtid(UUID + ":5");
        emitter.endTransaction(end(300), transaction.commitTimeMs(), false);
        assertThat(inflight.drainCompleted()).as("before the start point nothing is checkpointed").isEmpty();

        gtid(UUID + ":6");
        emitter.endTransaction(end(500), transaction.commitTimeMs(), true);

        assertThat(publisher.events).isEmpty();
        assertThat(inflight.drainCompleted().orElseThrow().state().position()).isEqualTo(new Position(
                "binlog.000007", 500, UUID + ":1-6", 1, UUID));
        assertThat(publisher.transactionEnds).containsExactly(100L);
    }
}
