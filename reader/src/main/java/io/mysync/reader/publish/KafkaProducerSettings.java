package io.mysync.reader.publish;

import io.mysync.config.model.KafkaConfig;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The reader's producer settings: acks=all and idempotence always, sizes and compression from the config. */
public final class KafkaProducerSettings {

    private KafkaProducerSettings() {
    }

    public static Properties of(KafkaConfig config, String sourceId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "mysync-reader-" + sourceId);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        p.put(ProducerConfig.LINGER_MS_CONFIG, (int) config.linger().toMillis());
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, config.batchBytes());
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, config.bufferBytes());
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compression().name().toLowerCase(Locale.ROOT));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return config.clients().producer(p);
    }
}
