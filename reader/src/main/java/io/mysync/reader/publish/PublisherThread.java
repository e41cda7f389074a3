package io.mysync.reader.publish;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.common.position.ReaderState;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs a publisher on a thread of its own, so that serializing and sending the events read so far overlaps reading
 * and decoding the next ones (on the binlog thread, the two took about 40% and 60% of its time). Calls reach the
 * publisher in the order they were made, handed over in groups: at each source transaction's end, on idle, and every
 * {@value #HANDOVER_EVENTS} events of a long transaction. An event counts as unacknowledged on its transaction from
 * the moment it is handed in, so a checkpoint never passes an event still waiting here.
 *
 * <p>When the publisher fails, nothing after the failed call reaches it (a deposed reader must not publish again),
 * and the failure is thrown by the next call made here.
 */
public final class PublisherThread implements EventPublisher {

    static final int HANDOVER_EVENTS = 256;
    /** At most this many hand-overs wait (4,096 events in a long transaction): the binlog thread then waits. */
    private static final int QUEUED_HANDOVERS = 16;

    /** One call to pass on; {@code always} ones also run after a failure (flush, close). */
    private record Call(Runnable action, boolean always) {
    }

    private final EventPublisher target;
    private final BlockingQueue<List<Call>> queue = new ArrayBlockingQueue<>(QUEUED_HANDOVERS);
    private final Thread thread;
    /** Calls made since the last handover (the caller's thread only). */
    private List<Call> pending = new ArrayList<>();
    private volatile RuntimeException failure;
    private boolean failureThrown;
    private volatile boolean stopped;

    public PublisherThread(EventPublisher target, String name) {
        this.target = target;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void prepare(String database, String table) {
        await(() -> target.prepare(database, table), false);
    }

    @Override
    public void publish(ChangeEvent event, InflightTransactions.Txn txn) {
        throwIfFailed();
        txn.sent(); // held until the publisher has counted the event's own sends
        pending.add(new Call(() -> {
            target.publish(event, txn);
            txn.acknowledged();
        }, false));
        if (pending.size() >= HANDOVER_EVENTS) {
            handOver();
        }
    }

    @Override
    public void endOfTransaction(ReaderState end, long commitTimeMs) {
        throwIfFailed();
        pending.add(new Call(() -> target.endOfTransaction(end, commitTimeMs), false));
        handOver();
    }

    @Override
    public void idle() {
        throwIfFailed();
        pending.add(new Call(target::idle, false));
        handOver();
    }

    @Override
    public boolean checkpointsInTransactions() {
        return target.checkpointsInTransactions();
    }

    /** Waits until every call made so far has reached the publisher and its events are acknowledged or failed. */
    @Override
    public void flush() {
        await(target::flush, true);
        throwIfFailed();
    }

    @Override
    public void close() {
        try {
            await(target::close, true);
        } finally {
            stopped = true;
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void throwIfFailed() {
        RuntimeException cause = failure;
        if (cause != null && !failureThrown) {
            failureThrown = true;
            throw cause;
        }
    }

    /** Hands over what is pending plus {@code action}, and waits until the publisher thread has run it. */
    private void await(Runnable action, boolean always) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.add(new Call(() -> {
            try {
                action.run();
                done.complete(null);
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                throw e;
            }
        }, always));
        handOver();
        try {
            while (true) {
                try {
                    done.get(1, TimeUnit.SECONDS);
                    return;
                } catch (java.util.concurrent.TimeoutException e) {
                    if (!thread.isAlive()) {
                        throw new IllegalStateException("the publisher thread ended", e);
                    }
                    if (failure != null && !always) {
                        throwIfFailed();
                        return;
                    }
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                failureThrown = true; // thrown here, not again by the next call
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the publisher", e);
        }
    }

    private void handOver() {
        List<Call> calls = pending;
        pending = new ArrayList<>(Math.min(HANDOVER_EVENTS, calls.size() * 2));
        try {
            while (!queue.offer(calls, 1, TimeUnit.SECONDS)) {
                if (!thread.isAlive()) {
                    throw new IllegalStateException("the publisher thread ended");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing events to the publisher", e);
        }
    }

    private void run() {
        while (!stopped || !queue.isEmpty()) {
            List<Call> calls;
            try {
                calls = queue.take();
            } catch (InterruptedException e) {
                continue; // stopped: run what is still queued
            }
            for (Call call : calls) {
                if (failure != null && !call.always()) {
                    continue;
                }
                try {
                    call.action().run();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    }
                }
            }
        }
    }
}
