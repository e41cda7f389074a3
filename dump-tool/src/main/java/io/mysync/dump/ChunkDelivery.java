package io.mysync.dump;

import io.mysync.dump.plan.Chunk;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts a chunk's rows that Kafka has not acknowledged yet. The count starts at one for the reading itself, so the
 * chunk completes only after its last row was both sent ({@link #sealed}) and acknowledged, in either order.
 */
final class ChunkDelivery {

    /** A chunk whose rows are all in Kafka. */
    record Delivered(Chunk chunk, long rows) {
    }

    private final Chunk chunk;
    private final BlockingQueue<Delivered> delivered;
    private final AtomicLong pending = new AtomicLong(1);
    private long rows;

    ChunkDelivery(Chunk chunk, BlockingQueue<Delivered> delivered) {
        this.chunk = chunk;
        this.delivered = delivered;
    }

    void sending() {
        pending.incrementAndGet();
        rows++;
    }

    void acknowledged() {
        if (pending.decrementAndGet() == 0) {
            delivered.add(new Delivered(chunk, rows));
        }
    }

    /** Every row of the chunk was handed to the producer. */
    void sealed() {
        acknowledged();
    }
}
