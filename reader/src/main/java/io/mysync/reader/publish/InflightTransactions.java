package io.mysync.reader.publish;

import io.mysync.common.position.Position;
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
        private volatile Position end;
        private volatile long nextSeq;

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

    /** The position after the last fully acknowledged transaction, and the seq its successor starts with. */
    public record Completed(Position position, long nextSeq) {
    }

    private final ConcurrentLinkedDeque<Txn> queue = new ConcurrentLinkedDeque<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    public Txn begin() {
        Txn txn = new Txn();
        queue.addLast(txn);
        return txn;
    }

    /** The transaction committed in the binlog; {@code end} is where the next one starts. */
    public void commit(Txn txn, Position end, long nextSeq) {
        txn.nextSeq = nextSeq;
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
            last = new Completed(head.end, head.nextSeq);
        }
        return Optional.ofNullable(last);
    }

    public int size() {
        return queue.size();
    }
}
