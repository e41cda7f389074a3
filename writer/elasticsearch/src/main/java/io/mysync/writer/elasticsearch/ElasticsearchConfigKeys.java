package io.mysync.writer.elasticsearch;

import static io.mysync.config.def.ConfigType.BOOLEAN;
import static io.mysync.config.def.ConfigType.DURATION_TYPE;
import static io.mysync.config.def.ConfigType.INT;
import static io.mysync.config.def.ConfigType.STRING;
import static io.mysync.config.def.ConfigType.STRING_LIST;
import static io.mysync.config.def.ConfigType.enumOf;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.def.Validators;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The Elasticsearch store: {@code sinks.elasticsearch} and the mappings' {@code elasticsearch:} sections. */
public final class ElasticsearchConfigKeys {

    private ElasticsearchConfigKeys() {
    }

    public static final ConfigKey<List<String>> HOSTS = ConfigKey.of("sinks.elasticsearch.hosts", STRING_LIST,
            "Nodes to send requests to, e.g. [ https://es-1:9200 ]; a path after the port (https://proxy:443/es) is "
                    + "the prefix of every request, the same on every host.").required()
            .validate(hosts -> {
                if (hosts.isEmpty()) {
                    return Optional.of("name at least one node, e.g. [ http://127.0.0.1:9200 ]");
                }
                Optional<String> bad = hosts.stream().filter(h -> !h.matches("https?://[^:/]+:\\d{1,5}(/[^\\s?#]*)?"))
                        .findFirst();
                if (bad.isPresent()) {
                    return Optional.of("'" + bad.get() + "' is not a URL like http://127.0.0.1:9200");
                }
                return hosts.stream().map(ElasticsearchConfigKeys::pathPrefix).distinct().count() > 1
                        ? Optional.of("every host needs the same path prefix, found " + hosts)
                        : Optional.empty();
            });

    public static final ConfigKey<String> API_KEY = ConfigKey.of("sinks.elasticsearch.api_key", STRING,
            "API key, as the 'encoded' value Elasticsearch returns (base64 of id:key), sent as 'Authorization: "
                    + "ApiKey ...'; instead of username/password.").defaultValue("").secret();

    public static final ConfigKey<String> SSL_CA = ConfigKey.of("sinks.elasticsearch.ssl.ca", STRING,
            "PEM file of the CA the nodes' certificates must chain to (https hosts), e.g. Elasticsearch's "
                    + "config/certs/http_ca.crt; empty: the JVM's trusted CAs.").defaultValue("");

    public static final ConfigKey<String> SSL_CA_FINGERPRINT = ConfigKey.of("sinks.elasticsearch.ssl.ca_fingerprint",
            STRING, "SHA-256 fingerprint (hex, colons allowed) of the CA certificate in the nodes' chain, as "
                    + "Elasticsearch prints it at first start; instead of ssl.ca.").defaultValue("")
            .validate(f -> f.isEmpty() || f.replace(":", "").matches("(?i)[0-9a-f]{64}") ? Optional.empty()
                    : Optional.of("a SHA-256 fingerprint has 64 hex digits (colons allowed)"));

    public static final ConfigKey<Boolean> SSL_VERIFY_HOSTNAME = ConfigKey.of(
            "sinks.elasticsearch.ssl.verify_hostname", BOOLEAN, "The nodes' certificates must name the host of "
                    + "each URL. Turn off only for certificates without the right names.").defaultValue(true);

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

    public static final ConfigKey<EsDecimals> DECIMALS = ConfigKey.of("mappings[].elasticsearch.decimals",
            enumOf(EsDecimals.class), "DECIMAL(p,s) columns in indices MySync creates: exact (scaled_float with "
                    + "factor 10^s up to precision 15, keyword above) or double (range queries on any precision, "
                    + "rounded past 15 digits). _source keeps the exact digits either way.")
            .defaultValue(EsDecimals.EXACT);

    /** The path after {@code host:port} of a hosts entry, without the trailing slash; empty when none. */
    public static String pathPrefix(String host) {
        String rest = host.replaceFirst("^https?://[^/]+", "");
        return rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
    }

    public static final List<ConfigKey<?>> ALL = List.of(HOSTS, USERNAME, PASSWORD, API_KEY, SSL_CA,
            SSL_CA_FINGERPRINT, SSL_VERIFY_HOSTNAME, BULK_ACTIONS, CONCURRENT_REQUESTS, FLUSH_INTERVAL, TIMEOUT,
            INDEX_SHARDS, INDEX_REPLICAS, TOMBSTONE_TTL, INDEX, ID, MAPPING_FILE, JSON_OBJECTS, DECIMALS);
}
