package io.mysync.reader.publish;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.common.position.ReaderState;

/** Where the reader sends change events. Implementations count each event on its transaction until acknowledged. */
public interface EventPublisher extends AutoCloseable {

    /**
     * Makes ready where a table's events go before its first change (its topic), so that consumers subscribed by
     * pattern take it up at start instead of rebalancing when its first row arrives.
     */
    default void prepare(String database, String table) {
    }

    void publish(ChangeEvent event, InflightTransactions.Txn txn);

    /**
     * A source transaction, committed at {@code commitTimeMs}, ended: the next one starts with the reader in state
     * {@code end} (its position and next seq).
     */
    default void endOfTransaction(ReaderState end, long commitTimeMs) {
    }

    /** The source is quiet (a binlog heartbeat arrived). */
    default void idle() {
    }

    /** Whether this publisher commits the checkpoint itself, together with the events it covers. */
    default boolean checkpointsInTransactions() {
        return false;
    }

    /** Blocks until every event published so far is acknowledged or failed. */
    void flush();

    @Override
    void close();
}
