package io.mysync.dump;

import io.mysync.dump.plan.Chunk;
import io.mysync.dump.plan.DumpPlan;
import java.util.Map;

/** What a dump reports while it runs: the CLI draws progress from it. */
public interface DumpListener {

    /**
     * The plan is fixed and the workers are about to start.
     *
     * @param estimatedRows per table, information_schema's estimate
     * @param finished      chunks an earlier run of this dump already delivered, with their rows
     */
    default void started(DumpPlan plan, Map<String, Long> estimatedRows, Map<Integer, Long> finished) {
    }

    /** A chunk's rows are all acknowledged by Kafka and recorded as done. */
    default void chunkDone(Chunk chunk, long rows) {
    }
}
