package io.mysync.common.kafka;

import io.mysync.common.secret.Redaction;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The one place every Kafka client of MySync (the reader's producer, writer and status consumers, admin clients, the
 * dead-letter and checkpoint topics, the dump) gets its settings from: the bootstrap servers, then the user's
 * {@code kafka.properties} (security, timeouts, sizes), then the overrides for the client's role
 * ({@code kafka.producer}, {@code kafka.consumer}, {@code kafka.admin}), then the settings MySync's guarantees rest
 * on, which no user property can change ({@link #reservedReason}).
 *
 * @param properties passed to every client
 */
@RecordBuilder
public record KafkaClientSettings(String bootstrap, Map<String, String> properties, Map<String, String> producer,
                                  Map<String, String> consumer, Map<String, String> admin) {

    /** Properties MySync sets itself, each with the reason a user may not. */
    private static final Map<String, String> RESERVED = Map.ofEntries(
            Map.entry("bootstrap.servers", "set kafka.bootstrap instead"),
            Map.entry("key.serializer", "events are bytes MySync encodes itself"),
            Map.entry("value.serializer", "events are bytes MySync encodes itself"),
            Map.entry("key.deserializer", "events are bytes MySync decodes itself"),
            Map.entry("value.deserializer", "events are bytes MySync decodes itself"),
            Map.entry("acks", "no-loss needs acks=all, always set"),
            Map.entry("enable.idempotence", "ordered, duplicate-free sends need idempotence, always on"),
            Map.entry("max.in.flight.requests.per.connection", "ordering under idempotence allows at most 5; "
                    + "MySync uses 5"),
            Map.entry("retries", "a send is retried until delivery.timeout.ms; set that instead"),
            Map.entry("transactional.id", "kafka.delivery: exactly_once sets it per source"),
            Map.entry("enable.auto.commit", "writers commit offsets only after the store accepted a batch"),
            Map.entry("isolation.level", "writers read committed events only"),
            Map.entry("auto.offset.reset", "a new writer group starts at the earliest event, so none is skipped"),
            Map.entry("group.id", "set writer.group instead"),
            Map.entry("compression.type", "set kafka.compression instead"),
            Map.entry("linger.ms", "set kafka.linger instead"),
            Map.entry("batch.size", "set kafka.batch_bytes instead"),
            Map.entry("buffer.memory", "set kafka.buffer_bytes instead"),
            Map.entry("max.poll.records", "set writer.batch_size instead"),
            Map.entry("session.timeout.ms", "set writer.session_timeout instead"));

    public KafkaClientSettings {
        properties = Map.copyOf(properties);
        producer = Map.copyOf(producer);
        consumer = Map.copyOf(consumer);
        admin = Map.copyOf(admin);
    }

    /** Settings with the bootstrap servers only (plaintext, no authentication). */
    public static KafkaClientSettings plain(String bootstrap) {
        return KafkaClientSettingsBuilder.builder().bootstrap(bootstrap).properties(Map.of()).producer(Map.of())
                .consumer(Map.of()).admin(Map.of()).build();
    }

    /** Why a user may not set {@code name}, or empty when it may be set. */
    public static Optional<String> reservedReason(String name) {
        return Optional.ofNullable(RESERVED.get(name));
    }

    /** @param own what this client needs (serializers, client id, acks...): wins over the user's properties */
    public Properties producer(Map<String, ?> own) {
        return build(producer, own);
    }

    public Properties consumer(Map<String, ?> own) {
        return build(consumer, own);
    }

    public Properties admin(Map<String, ?> own) {
        return build(admin, own);
    }

    /** The user's properties of every role, secrets masked: what may be logged or shown. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        properties.forEach((k, v) -> out.put(k, mask(k, v)));
        producer.forEach((k, v) -> out.put("producer." + k, mask(k, v)));
        consumer.forEach((k, v) -> out.put("consumer." + k, mask(k, v)));
        admin.forEach((k, v) -> out.put("admin." + k, mask(k, v)));
        return out;
    }

    /** Whether clients authenticate or encrypt: {@code security.protocol} other than PLAINTEXT. */
    public boolean secured() {
        return !properties.getOrDefault("security.protocol", "PLAINTEXT").equalsIgnoreCase("PLAINTEXT");
    }

    private Properties build(Map<String, String> role, Map<String, ?> own) {
        Properties p = new Properties();
        p.putAll(properties);
        p.putAll(role);
        p.putAll(own);
        p.put("bootstrap.servers", bootstrap);
        return p;
    }

    private static String mask(String name, String value) {
        return Redaction.isSecretName(name) ? Redaction.MASK : value;
    }
}
