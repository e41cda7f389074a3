package io.mysync.events;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drops replayed events for a consumer that applies each event once: it remembers the highest {@code mysync.seq}
 * seen per record key (one row of one table) and says whether a new event is newer. A row's events come in seq
 * order on one partition, so a replay after a reader restart or a failover shows up as a seq at or below the last
 * one. It keeps the {@code capacity} most recently seen rows; a replay of a row it forgot is let through again, so
 * keep the capacity above the rows a replay can span, or make the apply idempotent as MySync's writers are. Not
 * thread-safe: one per consumer thread.
 */
public final class SeqDeduplicator {

    private final Map<ByteBuffer, Long> newest;

    public SeqDeduplicator(int capacity) {
        this.newest = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ByteBuffer, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Whether an event with this record key and seq is newer than every one seen for the key, and remembers it.
     * Records without a key (a TRUNCATE copy) are always new: each partition's copy is meant for that partition.
     */
    public boolean isNew(byte[] key, long seq) {
        if (key == null) {
            return true;
        }
        ByteBuffer row = ByteBuffer.wrap(key.clone());
        Long last = newest.get(row);
        if (last != null && Long.compareUnsigned(seq, last) <= 0) {
            return false;
        }
        newest.put(row, seq);
        return true;
    }
}
