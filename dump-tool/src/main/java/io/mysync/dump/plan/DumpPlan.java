package io.mysync.dump.plan;

import io.mysync.common.position.Checkpoint;
import java.util.List;

/**
 * What a dump reads and where the reader takes over.
 *
 * @param handover    the reader's checkpoint once every chunk is in Kafka: the binlog position the first snapshot
 *                    was taken at (no later than any chunk's snapshot) and the seq after {@code snapshotSeq}
 * @param snapshotSeq the seq of every snapshot row: below every change the reader publishes from the hand-over
 *                    on, above every change published before the dump, so neither overwrites the newer state
 * @param tables      DB.TABLE names in dump order
 */
public record DumpPlan(Checkpoint handover, long snapshotSeq, List<String> tables, List<Chunk> chunks) {

    public List<Chunk> chunksOf(String table) {
        return chunks.stream().filter(c -> c.table().equals(table)).toList();
    }
}
