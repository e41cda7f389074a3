package io.mysync.config.keys;

import static io.mysync.config.def.ConfigType.BOOLEAN;
import static io.mysync.config.def.ConfigType.DURATION_TYPE;
import static io.mysync.config.def.ConfigType.INT;
import static io.mysync.config.def.ConfigType.STRING;
import static io.mysync.config.def.ConfigType.STRING_LIST;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.def.Validators;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The Elasticsearch store: {@code sinks.elasticsearch} and the mappings' {@code elasticsearch:} sections. */
public final class ElasticsearchKeys {

    private ElasticsearchKeys() {
    }

    public static final ConfigKey<List<String>> HOSTS = ConfigKey.of("sinks.elasticsearch.hosts", STRING_LIST,
            "Nodes to send requests to, e.g. [ http://127.0.0.1:9200 ].").required()
            .validate(hosts -> hosts.isEmpty() ? Optional.of("name at least one node, e.g. [ http://127.0.0.1:9200 ]")
                    : hosts.stream().filter(h -> !h.matches("https?://[^:/]+:\\d{1,5}/?")).findFirst()
                    .map(h -> "'" + h + "' is not a URL like http://127.0.0.1:9200"));

    public static final ConfigKey<String> USERNAME = ConfigKey.of("sinks.elasticsearch.username", STRING,
            "User for basic authentication; empty sends none.").defaultValue("");

    public static final ConfigKey<String> PASSWORD = ConfigKey.of("sinks.elasticsearch.password", STRING,
            "Password for basic authentication; use ${ENV_VAR}.").defaultValue("").secret();

    public static final ConfigKey<Integer> BULK_ACTIONS = ConfigKey.of("sinks.elasticsearch.bulk_actions", INT,
            "Most index/delete actions in one bulk request; a larger batch is sent as several requests.")
            .defaultValue(1000).validate(Validators.between(1, 100_000));

    public static final ConfigKey<Integer> CONCURRENT_REQUESTS = ConfigKey.of(
            "sinks.elasticsearch.concurrent_requests", INT, "Bulk requests of one batch in flight at once. Safe for "
                    + "order: every action carries its row's seq as external version, so the order in which they "
                    + "land does not matter.").defaultValue(2).validate(Validators.between(1, 16));

    public static final ConfigKey<Duration> FLUSH_INTERVAL = ConfigKey.of("sinks.elasticsearch.flush_interval",
            DURATION_TYPE, "How long the writer may gather events before sending them, so that a low rate still "
                    + "makes bulk requests of up to bulk_actions; 0 sends what each poll returned at once.")
            .defaultValue(Duration.ZERO);

    public static final ConfigKey<Duration> TIMEOUT = ConfigKey.of("sinks.elasticsearch.timeout", DURATION_TYPE,
            "Connect and response timeout of one request; a timeout is retried.").defaultValue(Duration.ofSeconds(30));

    public static final ConfigKey<Integer> INDEX_SHARDS = ConfigKey.of("sinks.elasticsearch.index_shards", INT,
            "Primary shards of indices MySync creates.").defaultValue(1).validate(Validators.between(1, 1024));

    public static final ConfigKey<Integer> INDEX_REPLICAS = ConfigKey.of("sinks.elasticsearch.index_replicas", INT,
            "Replicas of indices MySync creates (0 on a single-node cluster).").defaultValue(1)
            .validate(Validators.between(0, 32));

    public static final ConfigKey<Duration> TOMBSTONE_TTL = ConfigKey.of("sinks.elasticsearch.tombstone_ttl",
            DURATION_TYPE, "index.gc_deletes of indices MySync creates: how long a deleted document's version is "
                    + "kept so a replayed older event cannot bring it back; at least the Kafka retention.")
            .defaultValue(Duration.ofDays(7));

    public static final ConfigKey<String> INDEX = ConfigKey.of("mappings[].elasticsearch.index", STRING,
            "Index template; {database}, {table} and {column} placeholders: orders or {database}_{table}.")
            .required().validate(Validators.template());

    public static final ConfigKey<String> ID = ConfigKey.of("mappings[].elasticsearch.id", STRING,
            "Document id template, e.g. {id} or {table}:{id}; empty joins the primary-key values with ':'.")
            .defaultValue("").validate(Validators.template());

    public static final ConfigKey<String> MAPPING_FILE = ConfigKey.of("mappings[].elasticsearch.mapping_file",
            STRING, "JSON file with the index's \"mappings\" to use instead of the one derived from the column types "
                    + "(relative to this file).").defaultValue("");

    public static final ConfigKey<Boolean> JSON_OBJECTS = ConfigKey.of("mappings[].elasticsearch.json_objects",
            BOOLEAN, "Send JSON columns as objects (searchable fields) instead of their text.").defaultValue(false);

    public static final List<ConfigKey<?>> ALL = List.of(HOSTS, USERNAME, PASSWORD, BULK_ACTIONS, CONCURRENT_REQUESTS, FLUSH_INTERVAL, TIMEOUT,
            INDEX_SHARDS, INDEX_REPLICAS, TOMBSTONE_TTL, INDEX, ID, MAPPING_FILE, JSON_OBJECTS);
}
