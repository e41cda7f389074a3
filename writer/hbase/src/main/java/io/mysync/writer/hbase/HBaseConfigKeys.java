package io.mysync.writer.hbase;

import static io.mysync.config.def.ConfigType.DURATION_TYPE;
import static io.mysync.config.def.ConfigType.INT;
import static io.mysync.config.def.ConfigType.STRING;
import static io.mysync.config.def.ConfigType.STRING_MAP;
import static io.mysync.config.def.ConfigType.enumOf;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.def.Validators;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The HBase store: {@code sinks.hbase} and the mappings' {@code hbase:} sections. */
public final class HBaseConfigKeys {

    private HBaseConfigKeys() {
    }

    public static final ConfigKey<String> ZOOKEEPER = ConfigKey.of("sinks.hbase.zookeeper", STRING,
            "ZooKeeper quorum of the HBase cluster, HOST:PORT[,HOST:PORT...].").required()
            .validate(Validators.matches("[^:,\\s]+:\\d{1,5}(,[^:,\\s]+:\\d{1,5})*", "HOST:PORT, e.g. 127.0.0.1:2181"));

    public static final ConfigKey<String> ZNODE_PARENT = ConfigKey.of("sinks.hbase.znode_parent", STRING,
            "The cluster's root znode (zookeeper.znode.parent).").defaultValue("/hbase");

    public static final ConfigKey<Duration> TIMEOUT = ConfigKey.of("sinks.hbase.timeout", DURATION_TYPE,
            "How long one batch may take, retries inside the client included, before the writer backs off.")
            .defaultValue(Duration.ofSeconds(30));

    public static final ConfigKey<Integer> WRITE_BUFFER = ConfigKey.of("sinks.hbase.write_buffer_bytes", INT,
            "BufferedMutator buffer; it is flushed at the end of every batch anyway.").defaultValue(4 << 20)
            .validate(Validators.between(64 << 10, 1 << 30));

    public static final ConfigKey<String> SITE_FILE = ConfigKey.of("sinks.hbase.site_file", STRING,
            "hbase-site.xml of the cluster (Kerberos, RPC protection, ...), read before the settings above and "
                    + "properties; relative paths start at the config file's directory. Empty: none.")
            .defaultValue("");

    public static final ConfigKey<Map<String, String>> PROPERTIES = ConfigKey.of("sinks.hbase.properties",
            STRING_MAP, "HBase/Hadoop client settings applied last, over site_file and the settings above, e.g. "
                    + "hbase.security.authentication: kerberos. Values of names with password, secret or token "
                    + "are masked in logs.").defaultValue(Map.of());

    public static final ConfigKey<String> TABLE = ConfigKey.of("mappings[].hbase.table", STRING,
            "Table template, NAMESPACE:TABLE or TABLE; {database} and {table} placeholders.").required()
            .validate(Validators.template());

    public static final ConfigKey<String> FAMILY = ConfigKey.of("mappings[].hbase.family", STRING,
            "Column family the columns go to.").defaultValue("d")
            .validate(Validators.matches("[A-Za-z0-9_.-]+", "a family name such as d"));

    public static final ConfigKey<String> ROWKEY = ConfigKey.of("mappings[].hbase.rowkey", STRING,
            "Row-key template, e.g. {user_id}:{id}; empty joins the primary-key values with ':'.").defaultValue("")
            .validate(Validators.template());

    public static final ConfigKey<Integer> SALT_BUCKETS = ConfigKey.of("mappings[].hbase.salt_buckets", INT,
            "Prefix row keys with a 2-hex-digit bucket (hash of the key mod N) and '|' against hot regions; 0 = none.")
            .defaultValue(0).validate(Validators.between(0, 256));

    public static final ConfigKey<HBaseEncoding> ENCODING = ConfigKey.of("mappings[].hbase.encoding",
            enumOf(HBaseEncoding.class), "Cell values as UTF-8 text (string) or HBase Bytes of the value (native: "
                    + "8-byte longs, IEEE doubles, text for the rest).").defaultValue(HBaseEncoding.STRING);

    public static final List<ConfigKey<?>> ALL = List.of(ZOOKEEPER, ZNODE_PARENT, TIMEOUT, WRITE_BUFFER, SITE_FILE,
            PROPERTIES, TABLE, FAMILY,
            ROWKEY, SALT_BUCKETS, ENCODING);
}
