package io.mysync.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.common.position.Position;
import io.mysync.common.position.ReaderState;
import io.mysync.reader.publish.InflightTransactions;
import org.junit.jupiter.api.Test;

class InflightTransactionsTest {

    private static ReaderState at(long pos, long nextSeq) {
        return new ReaderState(new Position("bin.000001", pos, "", 1, ""), nextSeq);
    }

    @Test
    void checkpointsOnlyPastTransactionsWhoseEventsAndPredecessorsAreAcknowledged() {
        InflightTransactions inflight = new InflightTransactions();
        InflightTransactions.Txn first = inflight.begin();
        first.sent();
        first.sent();
        inflight.commit(first, at(100, 3), 0);
        InflightTransactions.Txn second = inflight.begin();
        second.sent();
        inflight.commit(second, at(200, 4), 0);

        second.acknowledged(); // a later partition answered first
        assertThat(inflight.drainCompleted()).isEmpty();
        first.acknowledged();
        assertThat(inflight.drainCompleted()).isEmpty();
        first.acknowledged();
        assertThat(inflight.drainCompleted()).hasValue(new InflightTransactions.Completed(at(200, 4)));
        assertThat(inflight.size()).isZero();
    }

    @Test
    void anOpenTransactionHoldsTheCheckpointBack() {
        InflightTransactions inflight = new InflightTransactions();
        InflightTransactions.Txn open = inflight.begin();
        open.sent();
        open.acknowledged();
        assertThat(inflight.drainCompleted()).isEmpty();
        inflight.commit(open, at(50, 2), 0);
        assertThat(inflight.drainCompleted()).hasValue(new InflightTransactions.Completed(at(50, 2)));
    }

    @Test
    void aFailedSendStopsCheckpointing() {
        InflightTransactions inflight = new InflightTransactions();
        InflightTransactions.Txn txn = inflight.begin();
        inflight.commit(txn, at(10, 1), 0);
        inflight.fail(new RuntimeException("broker gone"));
        assertThat(inflight.drainCompleted()).isEmpty();
        assertThat(inflight.failure()).isPresent();
    }
}
