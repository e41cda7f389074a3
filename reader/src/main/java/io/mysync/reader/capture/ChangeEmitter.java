package io.mysync.reader.capture;

import com.google.protobuf.ByteString;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.SourcePosition;
import io.mysync.common.position.ReaderState;
import io.mysync.common.sql.TableShape;
import io.mysync.reader.publish.EventPublisher;
import io.mysync.reader.publish.InflightTransactions;
import io.mysync.reader.schema.TableSchema;

/**
 * Numbers the change events of the transaction being read with dense seqs and hands them to the publisher, one
 * behind: the last event of a transaction is only known at its end, which marks it. Ends each transaction in
 * {@link InflightTransactions} so the checkpoint can move past it once Kafka acknowledged all of it.
 */
final class ChangeEmitter {

    private final ByteString sourceIdUtf8;
    private final TransactionBoundaries transaction;
    private final EventPublisher publisher;
    private final InflightTransactions inflight;
    private long nextSeq;
    private InflightTransactions.Txn txn;
    private ChangeEvent.Builder heldBack;

    ChangeEmitter(String sourceId, long firstSeq, TransactionBoundaries transaction, EventPublisher publisher,
                  InflightTransactions inflight) {
        this.sourceIdUtf8 = ByteString.copyFromUtf8(sourceId);
        this.nextSeq = firstSeq;
        this.transaction = transaction;
        this.publisher = publisher;
        this.inflight = inflight;
    }

    /** The seq the next event gets. */
    long nextSeq() {
        return nextSeq;
    }

    /** A new transaction began before the last one ended (a GTID event): its events count apart. */
    void newTransaction() {
        txn = null;
    }

    /** A row change of {@code table}, read at binlog event {@code offset} of server {@code serverId}. */
    void row(TableSchema table, long offset, long serverId, int rowIndex, Op op, Row before, Row after) {
        ChangeEvent.Builder event = next(op, table.utf8().database(), table.utf8().table(), offset, serverId, rowIndex)
                .setSchemaVersion(table.schemaVersion());
        for (ByteString name : table.utf8().primaryKey()) {
            event.addPrimaryKeyBytes(name);
        }
        if (before != null) {
            event.setBefore(before);
        }
        if (after != null) {
            event.setAfter(after);
        }
        hold(event);
    }

    /** Every row of a table written before now is gone: one event, which the publisher sends to all partitions. */
    void truncate(String database, String table, String statement, long offset, long serverId) {
        hold(next(Op.TRUNCATE, ByteString.copyFromUtf8(database), ByteString.copyFromUtf8(table), offset, serverId, 0)
                .setStatement(statement));
    }

    /** One row of a backfill chunk, emitted at its high watermark with the stream's next seq. */
    void snapshot(TableShape table, Row row, long offset, long serverId) {
        hold(next(Op.SNAPSHOT, ByteString.copyFromUtf8(table.database()), ByteString.copyFromUtf8(table.table()),
                offset, serverId, 0).setSchemaVersion(table.schemaVersion())
                .addAllPrimaryKey(table.primaryKeyNames()).setAfter(row));
    }

    /**
     * The transaction ended: its last event goes out marked. When {@code checkpointable} (not while skipping
     * towards the start), {@code end} becomes a checkpoint candidate and the publisher learns of the boundary.
     */
    void endTransaction(ReaderState end, long commitTimeMs, boolean checkpointable) {
        if (heldBack != null) {
            publisher.publish(heldBack.setLastInTransaction(true).build(), txn);
            heldBack = null;
        }
        if (checkpointable) {
            inflight.commit(txn != null ? txn : inflight.begin(), end, commitTimeMs);
            publisher.endOfTransaction(end, commitTimeMs);
        }
        txn = null;
    }

    /**
     * An event of the transaction being read with the next seq. Its strings are set as UTF-8 made once per table,
     * file or transaction: protobuf would encode a String again for every event.
     */
    private ChangeEvent.Builder next(Op op, ByteString database, ByteString table, long offset, long serverId,
                                     int rowIndex) {
        return ChangeEvent.newBuilder()
                .setSourceIdBytes(sourceIdUtf8)
                .setSeq(nextSeq++)
                .setOp(op)
                .setDatabaseBytes(database)
                .setTableBytes(table)
                .setPosition(SourcePosition.newBuilder().setGtidBytes(transaction.gtidUtf8())
                        .setBinlogFileBytes(transaction.fileUtf8()).setBinlogPosition(offset).setRowIndex(rowIndex)
                        .setServerId(serverId))
                .setCommitTimeMs(transaction.commitTimeMs())
                .setTransactionIdBytes(transaction.idUtf8());
    }

    /** Publishes the event held back so far and holds this one instead. */
    private void hold(ChangeEvent.Builder event) {
        if (txn == null) {
            txn = inflight.begin();
        }
        if (heldBack != null) {
            publisher.publish(heldBack.build(), txn);
        }
        heldBack = event;
    }
}
