package io.mysync.config.keys;

import static io.mysync.config.def.ConfigType.BOOLEAN;
import static io.mysync.config.def.ConfigType.DURATION_TYPE;
import static io.mysync.config.def.ConfigType.INT;
import static io.mysync.config.def.ConfigType.STRING;
import static io.mysync.config.def.ConfigType.STRING_LIST;
import static io.mysync.config.def.ConfigType.enumOf;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.def.Validators;
import io.mysync.config.model.UndecodablePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Consumers that apply events to the stores, and the stores themselves. */
public final class WriterKeys {

    private WriterKeys() {
    }

    public static final ConfigKey<String> GROUP = ConfigKey.of("writer.group", STRING,
            "Consumer group template, one group per sink; {source} and {sink} are replaced.")
            .defaultValue("mysync.{source}.{sink}").validate(Validators.template());

    public static final ConfigKey<Integer> BATCH_SIZE = ConfigKey.of("writer.batch_size", INT,
            "Most events applied to a store in one batch.").defaultValue(2000).validate(Validators.between(1, 100_000));

    public static final ConfigKey<Integer> THREADS = ConfigKey.of("writer.threads", INT,
            "Threads applying one sink's batches, each with its own store connection; a partition always goes to the "
                    + "same thread, so each row's changes stay in order.").defaultValue(1)
            .validate(Validators.between(1, 64));

    public static final ConfigKey<Duration> POLL_TIMEOUT = ConfigKey.of("writer.poll_timeout", DURATION_TYPE,
            "Longest wait for new events before an empty poll.").defaultValue(Duration.ofMillis(200));

    public static final ConfigKey<Duration> RETRY_BACKOFF = ConfigKey.of("writer.retry_backoff", DURATION_TYPE,
            "First wait after a store failed a batch; doubles on each failure.").defaultValue(Duration.ofMillis(200));

    public static final ConfigKey<Duration> RETRY_BACKOFF_MAX = ConfigKey.of("writer.retry_backoff_max",
            DURATION_TYPE, "Longest wait between two attempts of the same batch.").defaultValue(Duration.ofSeconds(30));

    public static final ConfigKey<Duration> SESSION_TIMEOUT = ConfigKey.of("writer.session_timeout", DURATION_TYPE,
                    "How long Kafka waits for a silent writer before giving its partitions to another; a crashed "
                    + "writer's partitions wait this long.")
            .defaultValue(Duration.ofSeconds(10))
            .validate(d -> d.compareTo(Duration.ofSeconds(6)) < 0 || d.compareTo(Duration.ofMinutes(5)) > 0
                    ? java.util.Optional.of("must be between 6s and 5m (the broker's group session limits)")
                    : java.util.Optional.empty());

    public static final ConfigKey<String> DEAD_LETTER_TOPIC = ConfigKey.of("writer.dead_letter_topic", STRING,
            "Topic for events a store rejects for good, with the sink, error, attempts and time; {source} is "
                    + "replaced. Inspect and re-apply with 'mysync dlq list|replay'.")
            .defaultValue("mysync.{source}.dead_letters").validate(Validators.template());

    public static final ConfigKey<UndecodablePolicy> ON_UNDECODABLE = ConfigKey.of("writer.on_undecodable",
            enumOf(UndecodablePolicy.class),
            "A record on a captured topic that is no MySync ChangeEvent (another program wrote there): "
                    + "dead_letter keeps it, as it came, in the dead-letter topic with the reason and moves on; fail "
                    + "stops the writer at it with one line.").defaultValue(UndecodablePolicy.DEAD_LETTER);

    private static final String REDIS_NODE = "rediss?://[^:/]+:\\d{1,5}";

    public static final ConfigKey<String> REDIS_URL = ConfigKey.of("sinks.redis.url", STRING,
            "One Redis server, redis://HOST:PORT[/DB], or rediss://HOST:PORT[/DB] for TLS. Give url, cluster or "
                    + "sentinel.master, one of them.").defaultValue("")
            .validate(Validators.matches("(" + REDIS_NODE + "(/\\d+)?)?", "a URL like redis://127.0.0.1:6379/0"));

    public static final ConfigKey<List<String>> REDIS_CLUSTER = ConfigKey.of("sinks.redis.cluster", STRING_LIST,
            "Seed nodes of a Redis Cluster, e.g. [ redis://10.0.0.1:6379, redis://10.0.0.2:6379 ] (rediss:// for "
                    + "TLS, the same scheme on every node); the writer discovers the others and follows failovers.")
            .defaultValue(List.of()).validate(WriterKeys::redisNodes);

    public static final ConfigKey<String> REDIS_SENTINEL_MASTER = ConfigKey.of("sinks.redis.sentinel.master",
            STRING, "Name of the master the Sentinels watch (sentinel monitor NAME ...); the writer asks them for "
                    + "the current master and follows their failovers.").defaultValue("");

    public static final ConfigKey<List<String>> REDIS_SENTINEL_NODES = ConfigKey.of("sinks.redis.sentinel.nodes",
            STRING_LIST, "Sentinels to ask, e.g. [ redis://10.0.0.1:26379 ] (rediss:// when the Sentinels and the "
                    + "data nodes use TLS).").defaultValue(List.of()).validate(WriterKeys::redisNodes);

    public static final ConfigKey<String> REDIS_SENTINEL_USERNAME = ConfigKey.of("sinks.redis.sentinel.username",
            STRING, "ACL user on the Sentinels, when they require one (sentinel sentinel-user).").defaultValue("");

    public static final ConfigKey<String> REDIS_SENTINEL_PASSWORD = ConfigKey.of("sinks.redis.sentinel.password",
            STRING, "Password of the Sentinels (sentinel sentinel-pass / requirepass); the data nodes use "
                    + "sinks.redis.password.").defaultValue("").secret();

    public static final ConfigKey<Integer> REDIS_WAIT_REPLICAS = ConfigKey.of("sinks.redis.wait_replicas", INT,
            "With cluster or sentinel: replicas that must confirm each batch (Redis WAIT, within sinks.redis.timeout) "
                    + "before the writer commits it, so a failover cannot lose what was committed; 0 turns this off. "
                    + "A single server (url) does not wait.").defaultValue(1).validate(Validators.between(0, 16));

    public static final ConfigKey<String> REDIS_USERNAME = ConfigKey.of("sinks.redis.username", STRING,
            "Redis ACL user (AUTH username password); empty: the default user.").defaultValue("");

    public static final ConfigKey<String> REDIS_PASSWORD = ConfigKey.of("sinks.redis.password", STRING,
            "Redis password (AUTH); use ${ENV_VAR} or ${file:...}.").defaultValue("").secret();

    public static final ConfigKey<String> REDIS_SSL_CA = ConfigKey.of("sinks.redis.ssl.ca", STRING,
            "PEM file of the CA the server's certificate must chain to (rediss:// only); empty: the JVM's trusted "
                    + "CAs. Relative paths start at the config file's directory.").defaultValue("");

    public static final ConfigKey<String> REDIS_SSL_CERT = ConfigKey.of("sinks.redis.ssl.cert", STRING,
            "PEM client certificate, for servers with tls-auth-clients yes (with ssl.key).").defaultValue("");

    public static final ConfigKey<String> REDIS_SSL_KEY = ConfigKey.of("sinks.redis.ssl.key", STRING,
            "Unencrypted PKCS#8 PEM key of ssl.cert.").defaultValue("");

    public static final ConfigKey<Boolean> REDIS_SSL_VERIFY_HOSTNAME = ConfigKey.of(
            "sinks.redis.ssl.verify_hostname", BOOLEAN, "The server's certificate must name the URL's host (an IP "
                    + "address in its IP SANs). Turn off only for certificates without the right names.")
            .defaultValue(true);

    public static final ConfigKey<Duration> REDIS_TIMEOUT = ConfigKey.of("sinks.redis.timeout", DURATION_TYPE,
            "Connect and read timeout of Redis calls.").defaultValue(Duration.ofSeconds(5));

    public static final ConfigKey<Duration> REDIS_TOMBSTONE_TTL = ConfigKey.of("sinks.redis.tombstone_ttl",
            DURATION_TYPE, "How long the sequence number of a deleted row is kept so that a replayed older event "
                    + "cannot bring the row back; keep it at least as long as the Kafka retention.")
            .defaultValue(Duration.ofDays(7));

    public static final ConfigKey<String> REDIS_SEQ_PREFIX = ConfigKey.of("sinks.redis.seq_prefix", STRING,
            "Prefix of the companion key that holds each row key's last applied sequence number; the key is "
                    + "PREFIX{TAG}ROWKEY, TAG putting it in the row key's hash slot.")
            .defaultValue("__mysync:seq:").validate(prefix -> prefix.contains("{") || prefix.contains("}")
                    ? Optional.of("no { or } in the prefix: the seq key's hash tag follows it")
                    : Optional.empty());

    public static final List<ConfigKey<?>> ALL = List.of(GROUP, BATCH_SIZE, THREADS, POLL_TIMEOUT, RETRY_BACKOFF,
            RETRY_BACKOFF_MAX, SESSION_TIMEOUT, DEAD_LETTER_TOPIC, ON_UNDECODABLE, REDIS_URL, REDIS_CLUSTER, REDIS_SENTINEL_MASTER, REDIS_SENTINEL_NODES,
            REDIS_SENTINEL_USERNAME, REDIS_SENTINEL_PASSWORD, REDIS_WAIT_REPLICAS, REDIS_USERNAME, REDIS_PASSWORD,
            REDIS_SSL_CA, REDIS_SSL_CERT, REDIS_SSL_KEY, REDIS_SSL_VERIFY_HOSTNAME, REDIS_TIMEOUT, REDIS_TOMBSTONE_TTL, REDIS_SEQ_PREFIX);

    private static Optional<String> redisNodes(List<String> nodes) {
        Optional<String> bad = nodes.stream().filter(node -> !node.matches(REDIS_NODE)).findFirst();
        if (bad.isPresent()) {
            return Optional.of("'" + bad.get() + "' is not a node URL like redis://127.0.0.1:6379");
        }
        return nodes.stream().map(node -> node.startsWith("rediss:")).distinct().count() > 1
                ? Optional.of("use one scheme for every node, redis:// or rediss://: " + nodes)
                : Optional.empty();
    }
}
