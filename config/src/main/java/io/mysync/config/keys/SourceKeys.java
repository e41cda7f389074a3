package io.mysync.config.keys;

import static io.mysync.config.def.ConfigType.DURATION_TYPE;
import static io.mysync.config.def.ConfigType.LONG;
import static io.mysync.config.def.ConfigType.STRING;
import static io.mysync.config.def.ConfigType.enumOf;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.def.Validators;
import io.mysync.config.model.GtidMode;
import io.mysync.config.model.StartMode;
import java.time.Duration;
import java.util.List;

/** The MySQL or MariaDB server the reader follows. */
public final class SourceKeys {

    private SourceKeys() {
    }

    public static final ConfigKey<String> ID = ConfigKey.of("source.id", STRING,
                    "Name of this source; part of topic names, consumer groups and checkpoints. Never change it "
                            + "once events were published.")
            .required().validate(Validators.matches("[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}",
                    "a name of letters, digits, '_' and '-' (at most 64)"));

    public static final ConfigKey<String> URL = ConfigKey.of("source.url", STRING,
                    "Server to read, as mysql://USER@HOST:PORT (MySQL 8) or mariadb://USER@HOST:PORT (MariaDB).")
            .required().validate(Validators.matches("(mysql|mariadb)://[^@/:]+@[^:/]+:\\d{1,5}/?",
                    "a URL like mysql://cdc@127.0.0.1:3306 or mariadb://cdc@127.0.0.1:3306"));

    public static final ConfigKey<String> PASSWORD = ConfigKey.of("source.password", STRING,
            "Password of the URL's user; use ${ENV_VAR} rather than a literal.").defaultValue("").secret();

    public static final ConfigKey<Long> SERVER_ID = ConfigKey.of("source.server_id", LONG,
                    "Replica server id the reader presents; unique among all replicas of this server.")
            .required().validate(Validators.between(1, 4_294_967_295L));

    public static final ConfigKey<GtidMode> GTID = ConfigKey.of("source.gtid", enumOf(GtidMode.class),
            "Checkpoint and resume by GTID: auto (when the server has GTIDs), on (refuse to start without), "
                    + "off (binlog file and position only).").defaultValue(GtidMode.AUTO);

    public static final ConfigKey<StartMode> START = ConfigKey.of("source.start", enumOf(StartMode.class),
            "Where to start when there is no checkpoint yet: earliest, latest, gtid or position. "
                    + "A checkpoint always wins.").defaultValue(StartMode.LATEST);

    public static final ConfigKey<String> START_GTID = ConfigKey.of("source.start_gtid", STRING,
            "GTID set to start after when start is gtid: MySQL 'uuid:1-42' or MariaDB '0-1-42'.")
            .defaultValue("");

    public static final ConfigKey<String> START_FILE = ConfigKey.of("source.start_file", STRING,
            "Binlog file to start in when start is position.").defaultValue("");

    public static final ConfigKey<Long> START_POSITION = ConfigKey.of("source.start_position", LONG,
            "Byte offset in start_file of a transaction's first event when start is position.")
            .defaultValue(4L).validate(Validators.between(4, Long.MAX_VALUE));

    public static final ConfigKey<Duration> CONNECT_TIMEOUT = ConfigKey.of("source.connect_timeout", DURATION_TYPE,
            "Time allowed to connect to the server.").defaultValue(Duration.ofSeconds(10));

    public static final List<ConfigKey<?>> ALL = List.of(ID, URL, PASSWORD, SERVER_ID, GTID, START, START_GTID,
            START_FILE, START_POSITION, CONNECT_TIMEOUT);
}
