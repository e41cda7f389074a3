package io.mysync.reader.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.common.position.Position;
import io.mysync.common.position.ReaderState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PublisherThreadTest {

    /** Records the calls it gets, on which thread; sends each event once, acknowledged when {@code acks} opens. */
    private static final class Recording implements EventPublisher {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        final List<InflightTransactions.Txn> unacknowledged = Collections.synchronizedList(new ArrayList<>());
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile RuntimeException failOnSeq;
        volatile long failSeq = -1;

        @Override
        public void publish(ChangeEvent event, InflightTransactions.Txn txn) {
            awaitGate();
            threads.add(Thread.currentThread().getName());
            if (event.getSeq() == failSeq) {
                throw failOnSeq;
            }
            txn.sent();
            unacknowledged.add(txn);
            calls.add("event " + event.getSeq());
        }

        @Override
        public void endOfTransaction(ReaderState end, long commitTimeMs) {
            calls.add("end " + end.nextSeq());
        }

        @Override
        public void flush() {
            calls.add("flush");
        }

        @Override
        public void close() {
            calls.add("close");
        }

        private void awaitGate() {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ChangeEvent event(long seq) {
        return ChangeEvent.newBuilder().setSeq(seq).build();
    }

    private static ReaderState at(long pos, long nextSeq) {
        return new ReaderState(new Position("bin.000001", pos, "", 1, ""), nextSeq);
    }

    @Test
    void callsReachThePublisherInOrderOnItsOwnThread() {
        Recording target = new Recording();
        InflightTransactions inflight = new InflightTransactions();
        try (PublisherThread publisher = new PublisherThread(target, "publish-test")) {
            for (long txnNo = 0; txnNo < 3; txnNo++) {
                InflightTransactions.Txn txn = inflight.begin();
                // the second transaction is longer than one handover
                long events = txnNo == 1 ? PublisherThread.HANDOVER_EVENTS + 5 : 2;
                for (long i = 0; i < events; i++) {
                    publisher.publish(event(txnNo * 1000 + i), txn);
                }
                inflight.commit(txn, at(txnNo, txnNo * 1000 + events), 0);
                publisher.endOfTransaction(at(txnNo, txnNo * 1000 + events), 0);
            }
            publisher.flush();
        }
        List<String> expected = new ArrayList<>();
        for (long txnNo = 0; txnNo < 3; txnNo++) {
            long events = txnNo == 1 ? PublisherThread.HANDOVER_EVENTS + 5 : 2;
            for (long i = 0; i < events; i++) {
                expected.add("event " + (txnNo * 1000 + i));
            }
            expected.add("end " + (txnNo * 1000 + events));
        }
        expected.add("flush");
        expected.add("close");
        assertThat(target.calls).containsExactlyElementsOf(expected);
        assertThat(target.threads).containsOnly("publish-test");
    }

    @Test
    void aCheckpointNeverPassesAnEventStillWaitingForThePublisher() throws Exception {
        Recording target = new Recording();
        target.gate = new CountDownLatch(1);
        InflightTransactions inflight = new InflightTransactions();
        try (PublisherThread publisher = new PublisherThread(target, "publish-test")) {
            InflightTransactions.Txn txn = inflight.begin();
            publisher.publish(event(1), txn);
            inflight.commit(txn, at(100, 2), 0);
            publisher.endOfTransaction(at(100, 2), 0);
            // handed over, not yet published: the transaction's event still counts
            assertThat(inflight.drainCompleted()).isEmpty();
            target.gate.countDown();
            publisher.flush();
            // published, not acknowledged by Kafka
            assertThat(inflight.drainCompleted()).isEmpty();
            target.unacknowledged.forEach(InflightTransactions.Txn::acknowledged);
            assertThat(inflight.drainCompleted()).hasValue(new InflightTransactions.Completed(at(100, 2)));
        }
    }

    @Test
    void afterAFailureNothingMoreIsPublishedAndTheFailureIsThrownOnce() {
        Recording target = new Recording();
        target.failSeq = 2;
        target.failOnSeq = new IllegalStateException("fenced");
        InflightTransactions inflight = new InflightTransactions();
        PublisherThread publisher = new PublisherThread(target, "publish-test");
        InflightTransactions.Txn txn = inflight.begin();
        publisher.publish(event(1), txn);
        publisher.publish(event(2), txn);
        publisher.publish(event(3), txn);
        inflight.commit(txn, at(100, 4), 0);
        publisher.endOfTransaction(at(100, 4), 0);
        // flush still reaches the publisher (it may abort an open Kafka transaction), then reports the failure
        assertThatThrownBy(publisher::flush).isInstanceOf(IllegalStateException.class).hasMessage("fenced");
        assertThat(target.calls).containsExactly("event 1", "flush");
        target.unacknowledged.forEach(InflightTransactions.Txn::acknowledged);
        assertThat(inflight.drainCompleted()).as("the failed event's transaction is never checkpointed").isEmpty();
        publisher.publish(event(4), inflight.begin());
        publisher.close();
        assertThat(target.calls).containsExactly("event 1", "flush", "close");
    }

    @Test
    void aFailureReachesTheBinlogThreadAtItsNextCall() throws Exception {
        Recording target = new Recording();
        target.failSeq = 1;
        target.failOnSeq = new IllegalStateException("fenced");
        InflightTransactions inflight = new InflightTransactions();
        try (PublisherThread publisher = new PublisherThread(target, "publish-test")) {
            InflightTransactions.Txn txn = inflight.begin();
            publisher.publish(event(1), txn);
            publisher.endOfTransaction(at(100, 2), 0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            RuntimeException thrown = null;
            while (thrown == null && System.nanoTime() < deadline) {
                try {
                    publisher.idle(); // a heartbeat
                    Thread.sleep(10);
                } catch (IllegalStateException e) {
                    thrown = e;
                }
            }
            assertThat(thrown).hasMessage("fenced");
        }
    }
}
