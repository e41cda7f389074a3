package io.mysync.writer;

import io.mysync.config.model.MySyncConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How a sink's consumer reads: its own group, committed records only, offsets committed by the writer, a batch at
 * most {@code writer.batch_size} records, and a rebalance noticed within a second.
 */
final class WriterConsumerSettings {

    private WriterConsumerSettings() {
    }

    static Properties of(MySyncConfig config, String sinkName) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.writer().groupOf(config.source().id(), sinkName));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "mysync-writer-" + config.source().id() + "-" + sinkName);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.writer().batchSize());
        int session = (int) config.writer().sessionTimeout().toMillis();
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, session);
        // heartbeats carry the news of a rebalance: at a sixth of the session (not Kafka's 3 s) the writers rejoin
        // within a second of a crashed writer's session running out
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(500, session / 6));
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1_000); // find new tables' topics within a second
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config.kafka().clients().consumer(p);
    }

}
