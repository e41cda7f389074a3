package io.mysync.common.position;

import java.time.Instant;
import java.util.Objects;

/**
 * What a reader needs to resume without loss: its state at the first transaction not yet acknowledged by Kafka.
 * Replaying from a checkpoint reassigns the same sequence numbers to the same rows, which is what lets stores discard
 * replays.
 *
 * @param lastCommit when the last transaction before the state's position committed on the source
 *                   ({@link Instant#EPOCH} when unknown): how far behind the source the checkpoint is
 */
public record Checkpoint(String sourceId, ReaderState state, Instant savedAt, Instant lastCommit) {

    /**
     * How far seqs jump past a checkpoint when changes are published again by other means (a rewind on a new
     * server, a dump re-loading tables): above every event a reader can have sent beyond its checkpoint (at most its
     * unacknowledged window), so the new changes are never taken for stale replays.
     */
    public static final long SEQ_GAP = 1_000_000_000L;

    public Checkpoint {
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(savedAt, "savedAt");
        lastCommit = lastCommit == null ? Instant.EPOCH : lastCommit;
    }

    /** A checkpoint that does not know when its last transaction committed (set by tools, not by the reader). */
    public Checkpoint(String sourceId, ReaderState state, Instant savedAt) {
        this(sourceId, state, savedAt, Instant.EPOCH);
    }

    /** The binlog point the reader resumes at. */
    public Position position() {
        return state.position();
    }

    /** The seq the first row at {@link #position()} gets. */
    public long nextSeq() {
        return state.nextSeq();
    }

    /** Whether the commit time of the last transaction before this position is known. */
    public boolean knowsLastCommit() {
        return !lastCommit.equals(Instant.EPOCH);
    }
}
