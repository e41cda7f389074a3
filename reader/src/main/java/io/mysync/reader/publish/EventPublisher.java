package io.mysync.reader.publish;

import io.mysync.common.event.ChangeEvent;

/** Where the reader sends change events. Implementations count each event on its transaction until acknowledged. */
public interface EventPublisher extends AutoCloseable {

    void publish(ChangeEvent event, InflightTransactions.Txn txn);

    /** Blocks until every event published so far is acknowledged or failed. */
    void flush();

    @Override
    void close();
}
