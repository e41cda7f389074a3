package io.mysync.writer.redis;

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

/** The Redis store's keys: {@code sinks.redis} and the mappings' {@code redis:} sections. */
public final class RedisConfigKeys {

    private RedisConfigKeys() {
    }

    private static final String NODE = "rediss?://[^:/]+:\\d{1,5}";

    public static final ConfigKey<String> URL = ConfigKey.of("sinks.redis.url", STRING,
            "One Redis server, redis://HOST:PORT[/DB], or rediss://HOST:PORT[/DB] for TLS. Give url, cluster or "
                    + "sentinel.master, one of them.").defaultValue("")
            .validate(Validators.matches("(" + NODE + "(/\\d+)?)?", "a URL like redis://127.0.0.1:6379/0"));

    public static final ConfigKey<List<String>> CLUSTER = ConfigKey.of("sinks.redis.cluster", STRING_LIST,
            "Seed nodes of a Redis Cluster, e.g. [ redis://10.0.0.1:6379, redis://10.0.0.2:6379 ] (rediss:// for "
                    + "TLS, the same scheme on every node); the writer discovers the others and follows failovers.")
            .defaultValue(List.of()).validate(RedisConfigKeys::nodes);

    public static final ConfigKey<String> SENTINEL_MASTER = ConfigKey.of("sinks.redis.sentinel.master",
            STRING, "Name of the master the Sentinels watch (sentinel monitor NAME ...); the writer asks them for "
                    + "the current master and follows their failovers.").defaultValue("");

    public static final ConfigKey<List<String>> SENTINEL_NODES = ConfigKey.of("sinks.redis.sentinel.nodes",
            STRING_LIST, "Sentinels to ask, e.g. [ redis://10.0.0.1:26379 ] (rediss:// when the Sentinels and the "
                    + "data nodes use TLS).").defaultValue(List.of()).validate(RedisConfigKeys::nodes);

    public static final ConfigKey<String> SENTINEL_USERNAME = ConfigKey.of("sinks.redis.sentinel.username",
            STRING, "ACL user on the Sentinels, when they require one (sentinel sentinel-user).").defaultValue("");

    public static final ConfigKey<String> SENTINEL_PASSWORD = ConfigKey.of("sinks.redis.sentinel.password",
            STRING, "Password of the Sentinels (sentinel sentinel-pass / requirepass); the data nodes use "
                    + "sinks.redis.password.").defaultValue("").secret();

    public static final ConfigKey<Integer> WAIT_REPLICAS = ConfigKey.of("sinks.redis.wait_replicas", INT,
            "With cluster or sentinel: replicas that must confirm each batch (Redis WAIT, within sinks.redis.timeout) "
                    + "before the writer commits it, so a failover cannot lose what was committed; 0 turns this off. "
                    + "A single server (url) does not wait.").defaultValue(1).validate(Validators.between(0, 16));

    public static final ConfigKey<String> USERNAME = ConfigKey.of("sinks.redis.username", STRING,
            "Redis ACL user (AUTH username password); empty: the default user.").defaultValue("");

    public static final ConfigKey<String> PASSWORD = ConfigKey.of("sinks.redis.password", STRING,
            "Redis password (AUTH); use ${ENV_VAR} or ${file:...}.").defaultValue("").secret();

    public static final ConfigKey<String> SSL_CA = ConfigKey.of("sinks.redis.ssl.ca", STRING,
            "PEM file of the CA the server's certificate must chain to (rediss:// only); empty: the JVM's trusted "
                    + "CAs. Relative paths start at the config file's directory.").defaultValue("");

    public static final ConfigKey<String> SSL_CERT = ConfigKey.of("sinks.redis.ssl.cert", STRING,
            "PEM client certificate, for servers with tls-auth-clients yes (with ssl.key).").defaultValue("");

    public static final ConfigKey<String> SSL_KEY = ConfigKey.of("sinks.redis.ssl.key", STRING,
            "Unencrypted PKCS#8 PEM key of ssl.cert.").defaultValue("");

    public static final ConfigKey<Boolean> SSL_VERIFY_HOSTNAME = ConfigKey.of(
            "sinks.redis.ssl.verify_hostname", BOOLEAN, "The server's certificate must name the URL's host (an IP "
                    + "address in its IP SANs). Turn off only for certificates without the right names.")
            .defaultValue(true);

    public static final ConfigKey<Duration> TIMEOUT = ConfigKey.of("sinks.redis.timeout", DURATION_TYPE,
            "Connect and read timeout of Redis calls.").defaultValue(Duration.ofSeconds(5));

    public static final ConfigKey<Duration> TOMBSTONE_TTL = ConfigKey.of("sinks.redis.tombstone_ttl",
            DURATION_TYPE, "How long the sequence number of a deleted row is kept so that a replayed older event "
                    + "cannot bring the row back; keep it at least as long as the Kafka retention.")
            .defaultValue(Duration.ofDays(7));

    public static final ConfigKey<String> SEQ_PREFIX = ConfigKey.of("sinks.redis.seq_prefix", STRING,
            "Prefix of the companion key that holds each row key's last applied sequence number; the key is "
                    + "PREFIX{TAG}ROWKEY, TAG putting it in the row key's hash slot.")
            .defaultValue("__mysync:seq:").validate(prefix -> prefix.contains("{") || prefix.contains("}")
                    ? Optional.of("no { or } in the prefix: the seq key's hash tag follows it")
                    : Optional.empty());

    public static final ConfigKey<String> KEY = ConfigKey.of("mappings[].redis.key", STRING,
                    "Redis key template; {column} is replaced by the row's value, {database} and {table} too: "
                            + "order:{id}.").required().validate(Validators.template());

    public static final ConfigKey<RedisValueType> TYPE = ConfigKey.of("mappings[].redis.type",
            enumOf(RedisValueType.class), "hash (field per column) or json (the row as one JSON string).")
            .defaultValue(RedisValueType.HASH);

    public static final ConfigKey<Duration> TTL = ConfigKey.of("mappings[].redis.ttl", DURATION_TYPE,
            "Expire keys this long after their last change; 0 keeps them.").defaultValue(Duration.ZERO);

    public static final List<ConfigKey<?>> ALL = List.of(URL, CLUSTER, SENTINEL_MASTER, SENTINEL_NODES,
            SENTINEL_USERNAME, SENTINEL_PASSWORD, WAIT_REPLICAS, USERNAME, PASSWORD, SSL_CA, SSL_CERT, SSL_KEY,
            SSL_VERIFY_HOSTNAME, TIMEOUT, TOMBSTONE_TTL, SEQ_PREFIX, KEY, TYPE, TTL);

    private static Optional<String> nodes(List<String> nodes) {
        Optional<String> bad = nodes.stream().filter(node -> !node.matches(NODE)).findFirst();
        if (bad.isPresent()) {
            return Optional.of("'" + bad.get() + "' is not a node URL like redis://127.0.0.1:6379");
        }
        return nodes.stream().map(node -> node.startsWith("rediss:")).distinct().count() > 1
                ? Optional.of("use one scheme for every node, redis:// or rediss://: " + nodes)
                : Optional.empty();
    }
}
