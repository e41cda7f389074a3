package io.mysync.dump;

import io.mysync.common.position.CheckpointStore;
import java.util.Properties;

/**
 * Where a dump's results go, as the reader keeps them: its producer settings (acks=all, idempotence, compression;
 * the dump raises batching for bulk) and the store of its checkpoint, which receives the hand-over.
 */
public record DumpOutputs(Properties producerSettings, CheckpointStore checkpoints) {
}
