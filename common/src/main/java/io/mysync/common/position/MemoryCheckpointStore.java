package io.mysync.common.position;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps checkpoints in memory: for tests and for throw-away runs. */
public final class MemoryCheckpointStore implements CheckpointStore {

    private final Map<String, Checkpoint> checkpoints = new ConcurrentHashMap<>();

    @Override
    public Optional<Checkpoint> load(String sourceId) {
        return Optional.ofNullable(checkpoints.get(sourceId));
    }

    @Override
    public void save(Checkpoint checkpoint) {
        checkpoints.put(checkpoint.sourceId(), checkpoint);
    }
}
