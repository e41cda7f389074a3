package io.mysync.config.keys;

import static io.mysync.config.def.ConfigType.BOOLEAN;
import static io.mysync.config.def.ConfigType.DURATION_TYPE;
import static io.mysync.config.def.ConfigType.LONG;
import static io.mysync.config.def.ConfigType.STRING;
import static io.mysync.config.def.ConfigType.STRING_LIST;
import static io.mysync.config.def.ConfigType.enumOf;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.def.Validators;
import io.mysync.config.model.AnchorMode;
import io.mysync.config.model.GtidMode;
import io.mysync.config.model.SslMode;
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

    public static final ConfigKey<String> REWIND_TO = ConfigKey.of("source.rewind_to", STRING,
                    "Override for a switch to a server where neither GTIDs nor the last failover marker can be "
                            + "found: an ISO-8601 instant (2026-11-21T10:15:00Z) a little before the old primary "
                            + "failed. The reader then reads the new server from its newest binlog that starts "
                            + "before that time and publishes every transaction committed from that second on, "
                            + "with new seqs above any published so far; stores apply those changes again, in order. "
                            + "Remove it once the reader runs on the new server.")
            .defaultValue("").validate(v -> {
                try {
                    if (!v.isBlank()) {
                        java.time.Instant.parse(v);
                    }
                    return java.util.Optional.empty();
                } catch (java.time.format.DateTimeParseException e) {
                    return java.util.Optional.of("'" + v + "' is not an instant like 2026-11-21T10:15:00Z");
                }
            });

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

    public static final ConfigKey<List<String>> CANDIDATES = ConfigKey.of("source.candidates", STRING_LIST,
                    "Other servers, as HOST:PORT, that may become the primary (replicas with log_slave_updates, "
                            + "same user and password). After a lost connection the reader follows the first "
                            + "writable (read_only=OFF) server of url and these; host names are resolved anew on "
                            + "every connect, so a DNS name or VIP also works.")
            .defaultValue(List.of()).validate(Validators.eachMatches("[^:/\\s]+:\\d{1,5}",
                    "HOST:PORT, like 10.0.0.12:3306"));

    public static final ConfigKey<AnchorMode> ANCHOR = ConfigKey.of("source.anchor", enumOf(AnchorMode.class),
            "Failover markers in __mysync.anchor, so the reader finds its place on a new primary without GTIDs: "
                    + "auto (when it does not resume by GTID and may write there), on (refuse to start without), "
                    + "off.").defaultValue(AnchorMode.AUTO);

    public static final ConfigKey<Duration> ANCHOR_INTERVAL = ConfigKey.of("source.anchor_interval", DURATION_TYPE,
            "How often the reader writes a marker. After a switch it replays from the last marker before its "
                    + "checkpoint: about this much, plus what it had in flight.")
            .defaultValue(Duration.ofSeconds(1)).validate(Validators.atLeast(Duration.ofMillis(100)));

    public static final ConfigKey<SslMode> SSL_MODE = ConfigKey.of("source.ssl.mode", enumOf(SslMode.class),
            "TLS of the binlog stream and every SQL connection to the source: disabled, preferred (TLS when the "
                    + "server offers it, certificate not checked), required (TLS or fail, certificate not checked), "
                    + "verify_ca (the server's certificate must chain to ssl.ca, or to the JVM's trusted CAs), "
                    + "verify_identity (and name the host of source.url).").defaultValue(SslMode.PREFERRED);

    public static final ConfigKey<String> SSL_CA = ConfigKey.of("source.ssl.ca", STRING,
            "PEM file of the CA (or CA bundle) the server's certificate must chain to, with verify_ca or "
                    + "verify_identity; relative paths start at the config file's directory.").defaultValue("");

    public static final ConfigKey<String> SSL_CERT = ConfigKey.of("source.ssl.cert", STRING,
            "PEM client certificate, for users created with REQUIRE X509 or REQUIRE SUBJECT; needs ssl.key.")
            .defaultValue("");

    public static final ConfigKey<String> SSL_KEY = ConfigKey.of("source.ssl.key", STRING,
            "The client certificate's private key: an unencrypted PKCS#8 PEM file (-----BEGIN PRIVATE KEY-----).")
            .defaultValue("");

    public static final ConfigKey<Boolean> ALLOW_PUBLIC_KEY_RETRIEVAL = ConfigKey.of(
            "source.allow_public_key_retrieval", BOOLEAN,
            "Let a user of caching_sha2_password or sha256_password log in without TLS by fetching the server's "
                    + "RSA key over the plaintext connection (open to a man in the middle). Off: such users need "
                    + "TLS (ssl.mode preferred or stronger).").defaultValue(false);

    public static final ConfigKey<String> MASK_SALT = ConfigKey.of("source.mask_salt", STRING,
            "Secret key of the columns.mask: hash HMAC, at least 16 characters; use ${file:...}. Changing it "
                    + "changes every hashed value.").defaultValue("").secret()
            .validate(salt -> salt.isEmpty() || salt.length() >= 16 ? java.util.Optional.empty()
                    : java.util.Optional.of("use at least 16 characters, e.g. the output of openssl rand -hex 16"));

    public static final List<ConfigKey<?>> ALL = List.of(ID, URL, PASSWORD, SERVER_ID, CANDIDATES, GTID, ANCHOR,
            ANCHOR_INTERVAL, REWIND_TO, START, START_GTID, START_FILE, START_POSITION, CONNECT_TIMEOUT, SSL_MODE,
            SSL_CA, SSL_CERT, SSL_KEY, ALLOW_PUBLIC_KEY_RETRIEVAL, MASK_SALT);
}
