package io.mysync.writer.deadletter;

import java.util.HashMap;
import java.util.Map;

/** How far one sink's dead letters have been replayed: per partition, the first offset not yet replayed. */
public record ReplayProgress(Map<Integer, Long> nextOffsets) {

    public ReplayProgress {
        nextOffsets = Map.copyOf(nextOffsets);
    }

    public boolean covers(DeadLetter letter) {
        return letter.offset() < nextOffsets.getOrDefault(letter.partition(), 0L);
    }

    /** This progress moved past {@code letter}. */
    public ReplayProgress past(DeadLetter letter) {
        Map<Integer, Long> next = new HashMap<>(nextOffsets);
        next.merge(letter.partition(), letter.offset() + 1, Math::max);
        return new ReplayProgress(next);
    }
}
