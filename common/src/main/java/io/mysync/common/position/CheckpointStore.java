package io.mysync.common.position;

import java.util.Optional;

/** Durable home of a source's checkpoint. Implementations must make {@link #save} atomic. */
public interface CheckpointStore {

    Optional<Checkpoint> load(String sourceId);

    void save(Checkpoint checkpoint);
}
