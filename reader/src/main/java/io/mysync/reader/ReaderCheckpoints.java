package io.mysync.reader;

import io.mysync.common.position.CheckpointStore;
import io.mysync.common.position.FileCheckpointStore;
import io.mysync.config.model.MySyncConfig;
import io.mysync.reader.publish.KafkaCheckpointStore;

/** Where a source's checkpoint lives without reader HA: in Kafka with exactly-once delivery, else in a file. */
public final class ReaderCheckpoints {

    private ReaderCheckpoints() {
    }

    public static CheckpointStore open(MySyncConfig config) {
        return config.kafka().exactlyOnce() ? new KafkaCheckpointStore(config.kafka(), config.source().id())
                : new FileCheckpointStore(config.reader().checkpointDir());
    }
}
