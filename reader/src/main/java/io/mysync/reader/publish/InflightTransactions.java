package io.mysync.reader.publish;

import io.mysync.common.position.ReaderState;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Source transactions whose events are on their way to Kafka, oldest first. A transaction becomes checkpointable
 * once it has committed in the binlog, every one of its events has been acknowledged, and so has every earlier
 * transaction: the checkpoint never runs ahead of an unacknowledged event (as Kafka Connect's SubmittedRecords).
 */
public final class InflightTransactions {

    /** One source transaction. Events count up before they are sent and down when Kafka acknowledges them. */
    public static final class Txn {
        private final AtomicInteger unacknowledged = new AtomicInteger();
        private volatile ReaderState end;
        private volatile long commitTimeMs;

        public void sent() {
            unacknowledged.incrementAndGet();
        }

        public void acknowledged() {
            unacknowledged.decrementAndGet();
        }

        boolean done() {
            return end != null && unacknowledged.get() == 0;
        }
    }

    /**
     * The reader's state after the last fully acknowledged transaction (its position, the seq its successor starts
     * with, ...) and when that transaction committed on the source (0: unknown).
     */
    public record Completed(ReaderState state, long commitTimeMs) {

        public Completed(ReaderState state) {
            this(state, 0);
        }

        public java.time.Instant lastCommit() {
            return java.time.Instant.ofEpochMilli(commitTimeMs);
        }
    }

    private final ConcurrentLinkedDeque<Txn> queue = new ConcurrentLinkedDeque<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    public Txn begin() {
        Txn txn = new Txn();
        queue.addLast(txn);
        return txn;
    }

    /**
     * The transaction committed in the binlog at {@code commitTimeMs} (0: unknown); {@code end} is the reader's state
     * where the next one starts.
     */
    public void commit(Txn txn, ReaderState end, long commitTimeMs) {
        txn.commitTimeMs = commitTimeMs;
        txn.end = end;
    }

    public void fail(Throwable cause) {
        failure.compareAndSet(null, cause);
    }

    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** Removes the completed prefix and returns its last transaction's end, if any completed. */
    public Optional<Completed> drainCompleted() {
        if (failure.get() != null) {
            return Optional.empty();
        }
        Completed last = null;
        Txn head;
        while ((head = queue.peekFirst()) != null && head.done()) {
            queue.pollFirst();
            last = new Completed(head.end, head.commitTimeMs);
        }
        return Optional.ofNullable(last);
    }

    public int size() {
        return queue.size();
    }
}
