package io.mysync.writer.mysql;

import static io.mysync.config.def.ConfigType.BOOLEAN;
import static io.mysync.config.def.ConfigType.DURATION_TYPE;
import static io.mysync.config.def.ConfigType.STRING;
import static io.mysync.config.def.ConfigType.enumOf;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.def.Validators;
import io.mysync.config.model.SslMode;
import java.time.Duration;
import java.util.List;

/** The MySQL/MariaDB table store's keys: {@code sinks.mysql_table} and the mappings' {@code mysql_table:} sections. */
public final class MySqlConfigKeys {

    private MySqlConfigKeys() {
    }

    public static final ConfigKey<String> URL = ConfigKey.of("sinks.mysql_table.url", STRING,
            "Server and database the copies live in, mysql://USER@HOST:PORT/DATABASE (MySQL 8 or MariaDB). Each "
                    + "mapped table must exist there with the mapped columns, the same primary key and a "
                    + "_mysync_seq BIGINT NOT NULL DEFAULT 0 column.").required()
            .validate(Validators.matches("mysql://[^@/\\s]+@[^:/\\s]+:\\d{1,5}/[^/\\s?]+",
                    "mysql://USER@HOST:PORT/DATABASE, e.g. mysql://copier@127.0.0.1:3306/shop_copy"));

    public static final ConfigKey<String> PASSWORD = ConfigKey.of("sinks.mysql_table.password", STRING,
            "Password of the URL's user; use ${ENV_VAR} or ${file:...}.").defaultValue("").secret();

    public static final ConfigKey<SslMode> SSL_MODE = ConfigKey.of("sinks.mysql_table.ssl.mode", enumOf(SslMode.class),
            "TLS of the connection: disabled, preferred, required, verify_ca (the certificate must chain to "
                    + "ssl.ca), verify_identity (and name the URL's host).").defaultValue(SslMode.PREFERRED);

    public static final ConfigKey<String> SSL_CA = ConfigKey.of("sinks.mysql_table.ssl.ca", STRING,
            "PEM file of the CA the server's certificate must chain to (verify_ca, verify_identity); empty: the "
                    + "JVM's trusted CAs.").defaultValue("");

    public static final ConfigKey<String> SSL_CERT = ConfigKey.of("sinks.mysql_table.ssl.cert", STRING,
            "PEM client certificate, for users created with REQUIRE X509 (with ssl.key).").defaultValue("");

    public static final ConfigKey<String> SSL_KEY = ConfigKey.of("sinks.mysql_table.ssl.key", STRING,
            "Unencrypted PKCS#8 PEM key of ssl.cert.").defaultValue("");

    public static final ConfigKey<Boolean> ALLOW_PUBLIC_KEY_RETRIEVAL = ConfigKey.of(
            "sinks.mysql_table.allow_public_key_retrieval", BOOLEAN, "Let a caching_sha2_password user log in without "
                    + "TLS by fetching the server's RSA key (open to a man in the middle; prefer TLS).")
            .defaultValue(false);

    public static final ConfigKey<Duration> TIMEOUT = ConfigKey.of("sinks.mysql_table.timeout", DURATION_TYPE,
            "Connect and statement timeout.").defaultValue(Duration.ofSeconds(10));

    public static final ConfigKey<String> VERSIONS_TABLE = ConfigKey.of("sinks.mysql_table.versions_table", STRING,
            "Table MySync creates in the database for the seq of each deleted row and of each table's last "
                    + "TRUNCATE, so that a replayed older event cannot bring rows back.")
            .defaultValue("mysync_row_versions")
            .validate(Validators.matches("[A-Za-z0-9_]{1,64}", "letters, digits and _ (at most 64)"));

    public static final ConfigKey<String> TABLE = ConfigKey.of("mappings[].mysql_table.table", STRING,
            "Table the rows go to in sinks.mysql_table's database; {database} and {table} are replaced.")
            .defaultValue("{table}").validate(Validators.template());

    public static final List<ConfigKey<?>> ALL = List.of(URL, PASSWORD, SSL_MODE, SSL_CA, SSL_CERT, SSL_KEY,
            ALLOW_PUBLIC_KEY_RETRIEVAL, TIMEOUT, VERSIONS_TABLE, TABLE);
}
