package io.mysync.config.keys;

import static io.mysync.config.def.ConfigType.DURATION_TYPE;
import static io.mysync.config.def.ConfigType.INT;
import static io.mysync.config.def.ConfigType.LONG;
import static io.mysync.config.def.ConfigType.STRING;
import static io.mysync.config.def.ConfigType.STRING_MAP;
import static io.mysync.config.def.ConfigType.enumOf;

import io.mysync.common.kafka.KafkaClientSettings;
import io.mysync.config.def.ConfigKey;
import io.mysync.config.def.Validators;
import io.mysync.config.model.Compression;
import io.mysync.config.model.Delivery;
import io.mysync.events.EventFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Kafka cluster events travel through. */
public final class KafkaKeys {

    private KafkaKeys() {
    }

    public static final ConfigKey<String> BOOTSTRAP = ConfigKey.of("kafka.bootstrap", STRING,
            "Kafka bootstrap servers, HOST:PORT[,HOST:PORT].").required()
            .validate(Validators.matches("[^:,\\s]+:\\d{1,5}(,[^:,\\s]+:\\d{1,5})*", "a list of HOST:PORT"));

    public static final ConfigKey<String> TOPIC = ConfigKey.of("kafka.topic", STRING,
                    "Topic name template; {source}, {database} and {table} are replaced.")
            .defaultValue("mysync.{source}.{database}.{table}")
            .validate(Validators.template())
            .validate(Validators.matches("([a-zA-Z0-9._-]|\\{source}|\\{database}|\\{table})+",
                    "a topic template of letters, digits, '.', '_', '-' and {source}/{database}/{table}"));

    public static final ConfigKey<Integer> PARTITIONS = ConfigKey.of("kafka.partitions", INT,
            "Partitions of each topic the reader creates; more partitions, more parallel writers.")
            .defaultValue(12).validate(Validators.between(1, 10_000));

    public static final ConfigKey<Integer> REPLICATION_FACTOR = ConfigKey.of("kafka.replication_factor", INT,
            "Replication factor of topics the reader creates; -1 uses the broker's default.")
            .defaultValue(-1).validate(Validators.between(-1, 32));

    public static final ConfigKey<Compression> COMPRESSION = ConfigKey.of("kafka.compression",
            enumOf(Compression.class), "Producer compression.").defaultValue(Compression.LZ4);

    public static final ConfigKey<Duration> LINGER = ConfigKey.of("kafka.linger", DURATION_TYPE,
            "How long the producer waits to fill a batch.").defaultValue(Duration.ofMillis(5));

    public static final ConfigKey<Integer> BATCH_BYTES = ConfigKey.of("kafka.batch_bytes", INT,
            "Producer batch size per partition, in bytes.").defaultValue(262_144)
            .validate(Validators.between(1024, 16_777_216));

    public static final ConfigKey<Long> BUFFER_BYTES = ConfigKey.of("kafka.buffer_bytes", LONG,
            "Memory for events not yet acknowledged; the reader waits when it is full, which bounds its heap.")
            .defaultValue(33_554_432L).validate(Validators.between(1_048_576, 1_073_741_824));

    public static final ConfigKey<EventFormat> FORMAT = ConfigKey.of("kafka.format", enumOf(EventFormat.class),
            "How change events are written: protobuf (the ChangeEvent message, what MySync's writers read fastest) or "
                    + "json (a Debezium-compatible envelope with its Kafka Connect schema, for Kafka Connect sinks "
                    + "and other consumers; docs/topics.md). MySync's writers read both, so it can be changed on a "
                    + "running pipeline.").defaultValue(EventFormat.PROTOBUF);

    public static final ConfigKey<Delivery> DELIVERY = ConfigKey.of("kafka.delivery", enumOf(Delivery.class),
            "exactly_once: events and the checkpoint are committed together in Kafka transactions (one per group of "
                    + "source transactions), so read_committed consumers never see a partial source transaction "
                    + "nor a duplicate after a reader crash, and a deposed reader is fenced by its transactional id; "
                    + "the checkpoint then lives in the topic mysync.<source>.checkpoints. at_least_once: a crash "
                    + "may re-send events (same seqs, which stores ignore) and the checkpoint stays in "
                    + "checkpoint.dir (or ZooKeeper with ha.zookeeper).").defaultValue(Delivery.AT_LEAST_ONCE);

    public static final ConfigKey<Duration> TRANSACTION_INTERVAL = ConfigKey.of("kafka.transaction_interval",
            DURATION_TYPE, "With exactly_once: the longest a Kafka transaction stays open; it is committed at the "
                    + "first source-transaction boundary after this, or when the source goes quiet.")
            .defaultValue(Duration.ofMillis(100));

    public static final ConfigKey<Map<String, String>> PROPERTIES = clientProperties("kafka.properties",
            "Kafka client properties passed to every client MySync makes (producer, consumers, admin): security "
                    + "(security.protocol, sasl.*, ssl.*), timeouts, max.request.size... Settings MySync's "
                    + "guarantees rest on (acks, idempotence, isolation, offsets, serializers) are refused. Values "
                    + "of names with password, jaas.config, secret, token or key in them are masked in logs.");

    public static final ConfigKey<Map<String, String>> PRODUCER = clientProperties("kafka.producer",
            "Properties for the producers only (the reader's, the dump's, dead letters), over kafka.properties.");

    public static final ConfigKey<Map<String, String>> CONSUMER = clientProperties("kafka.consumer",
            "Properties for the consumers only (writers, dlq, status), over kafka.properties.");

    public static final ConfigKey<Map<String, String>> ADMIN = clientProperties("kafka.admin",
            "Properties for the admin clients only (topic creation, status), over kafka.properties.");

    public static final List<ConfigKey<?>> ALL = List.of(BOOTSTRAP, TOPIC, PARTITIONS, REPLICATION_FACTOR,
            COMPRESSION, LINGER, BATCH_BYTES, BUFFER_BYTES, FORMAT, DELIVERY, TRANSACTION_INTERVAL, PROPERTIES, PRODUCER,
            CONSUMER, ADMIN);

    private static ConfigKey<Map<String, String>> clientProperties(String path, String doc) {
        return ConfigKey.of(path, STRING_MAP, doc).defaultValue(Map.of()).validate(properties -> {
            java.util.List<String> refused = new java.util.ArrayList<>();
            for (String name : properties.keySet()) {
                KafkaClientSettings.reservedReason(name)
                        .ifPresent(reason -> refused.add("'" + name + "' is set by MySync: " + reason));
            }
            return refused.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", refused));
        });
    }
}
