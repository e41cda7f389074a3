package io.mysync.config.keys;

import static io.mysync.config.def.ConfigType.DURATION_TYPE;
import static io.mysync.config.def.ConfigType.INT;
import static io.mysync.config.def.ConfigType.STRING;
import static io.mysync.config.def.ConfigType.enumOf;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.def.Validators;
import io.mysync.config.model.UndecodablePolicy;
import java.time.Duration;
import java.util.List;

/** Consumers that apply events to the stores. */
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

    public static final ConfigKey<String> JOIN_STATE_DIR = ConfigKey.of("writer.join_state_dir", STRING,
            "Local state of the join stage (joined documents: docs/joined-documents.md), relative to "
                    + "$MYSYNC_STATE_DIR or the config file's directory. A cache only: the join stage rebuilds it "
                    + "from its changelog topics when it is lost. One directory per writer process.")
            .defaultValue("join-state");

    public static final List<ConfigKey<?>> ALL = List.of(GROUP, BATCH_SIZE, THREADS, POLL_TIMEOUT, RETRY_BACKOFF,
            RETRY_BACKOFF_MAX, SESSION_TIMEOUT, DEAD_LETTER_TOPIC, ON_UNDECODABLE, JOIN_STATE_DIR);
}
