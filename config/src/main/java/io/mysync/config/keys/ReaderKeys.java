package io.mysync.config.keys;

import static io.mysync.config.def.ConfigType.DURATION_TYPE;
import static io.mysync.config.def.ConfigType.STRING;
import static io.mysync.config.def.ConfigType.STRING_MAP;
import static io.mysync.config.def.ConfigType.STRING_LIST;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.def.Validators;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Checkpointing and table filters of the reader. */
public final class ReaderKeys {

    private ReaderKeys() {
    }

    public static final ConfigKey<String> CHECKPOINT_DIR = ConfigKey.of("checkpoint.dir", STRING,
            "Directory of the reader's checkpoint file; relative paths start at $MYSYNC_STATE_DIR (the image, the "
                    + "systemd units and the Kubernetes manifests set /var/lib/mysync), else at the config file's "
                    + "directory.")
            .defaultValue("checkpoints");

    public static final ConfigKey<Duration> CHECKPOINT_INTERVAL = ConfigKey.of("checkpoint.interval",
            DURATION_TYPE, "Longest time between two checkpoint writes while events flow.")
            .defaultValue(Duration.ofSeconds(1));

    public static final ConfigKey<List<String>> INCLUDE = ConfigKey.of("filters.include", STRING_LIST,
            "Tables to capture as DB.TABLE patterns ('*' matches any run of characters); empty means every "
                    + "table some mapping names.").defaultValue(List.of());

    public static final ConfigKey<List<String>> EXCLUDE = ConfigKey.of("filters.exclude", STRING_LIST,
            "Tables never captured, as DB.TABLE patterns; wins over include.").defaultValue(List.of());

    public static final ConfigKey<String> HA_ZOOKEEPER = ConfigKey.of("ha.zookeeper", STRING,
            "ZooKeeper connect string (host:port,...) for reader high availability: readers of one source elect one "
                    + "leader, the others stand by, and the checkpoint lives in ZooKeeper where a deposed leader "
                    + "cannot overwrite it. Empty: one reader, checkpoint in checkpoint.dir.").defaultValue("");

    public static final ConfigKey<String> HA_ROOT = ConfigKey.of("ha.root", STRING,
            "ZooKeeper path under which each source keeps its leader latch and checkpoint.").defaultValue("/mysync")
            .validate(Validators.matches("/[A-Za-z0-9_./-]*[A-Za-z0-9_-]", "an absolute path such as /mysync"));

    public static final ConfigKey<Duration> HA_SESSION_TIMEOUT = ConfigKey.of("ha.session_timeout", DURATION_TYPE,
            "A leader that cannot reach ZooKeeper for this long is deposed and a standby takes over; the leader "
                    + "stops publishing as soon as its connection is in doubt.").defaultValue(Duration.ofSeconds(10));

    public static final ConfigKey<String> HA_USERNAME = ConfigKey.of("ha.username", STRING,
            "ZooKeeper digest user (with ha.password). Set, MySync logs in as it and creates its znodes so that only "
                    + "this identity may read or change them; znodes made earlier without it get that ACL too. "
                    + "Empty: no login, world-writable znodes.").defaultValue("");

    public static final ConfigKey<String> HA_PASSWORD = ConfigKey.of("ha.password", STRING,
            "Password of ha.username; use ${ENV_VAR} or ${file:...}.").defaultValue("").secret();

    public static final ConfigKey<Map<String, String>> HA_PROPERTIES = ConfigKey.of("ha.properties", STRING_MAP,
            "ZooKeeper client settings (ZKClientConfig): SASL with zookeeper.sasl.client: \"true\" and "
                    + "zookeeper.sasl.clientconfig (the JAAS section; the JAAS file comes from "
                    + "-Djava.security.auth.login.config), TLS with zookeeper.client.secure, "
                    + "zookeeper.clientCnxnSocket: org.apache.zookeeper.ClientCnxnSocketNetty and zookeeper.ssl.*. "
                    + "With SASL on, MySync's znodes are its identity's only.").defaultValue(Map.of());

    public static final List<ConfigKey<?>> ALL = List.of(CHECKPOINT_DIR, CHECKPOINT_INTERVAL, INCLUDE, EXCLUDE,
            HA_ZOOKEEPER, HA_ROOT, HA_SESSION_TIMEOUT, HA_USERNAME, HA_PASSWORD, HA_PROPERTIES);
}
