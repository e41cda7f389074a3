package io.mysync.config.load;

import static io.mysync.config.keys.MappingKeys.COLUMNS_EXCLUDE;
import static io.mysync.config.keys.MappingKeys.COLUMNS_INCLUDE;
import static io.mysync.config.keys.MappingKeys.COLUMNS_RENAME;
import static io.mysync.config.keys.MappingKeys.CONSTANTS;
import static io.mysync.config.keys.MappingKeys.SKIP;
import static io.mysync.config.keys.MappingKeys.SOFT_DELETE;
import static io.mysync.config.keys.MappingKeys.TABLE;

import io.mysync.common.kafka.KafkaClientSettings;
import io.mysync.common.secret.Redaction;
import io.mysync.common.event.SensitiveColumns;
import io.mysync.config.def.ConfigKey;
import io.mysync.config.keys.ConfigDefinitions;
import io.mysync.config.keys.DumpKeys;
import io.mysync.config.keys.KafkaKeys;
import io.mysync.config.keys.MappingKeys;
import io.mysync.config.keys.MonitoringKeys;
import io.mysync.config.keys.ReaderKeys;
import io.mysync.config.keys.SourceKeys;
import io.mysync.config.keys.WriterKeys;
import io.mysync.config.model.Credentials;
import io.mysync.config.model.DumpConfig;
import io.mysync.config.model.HaConfig;
import io.mysync.config.model.KafkaConfig;
import io.mysync.config.model.LagThresholds;
import io.mysync.config.model.MappingConfig;
import io.mysync.config.model.MonitoringConfig;
import io.mysync.config.model.MySyncConfig;
import io.mysync.config.model.ReaderConfig;
import io.mysync.config.model.SchemaChangePolicy;
import io.mysync.config.model.SourceConfig;
import io.mysync.config.model.SourceTls;
import io.mysync.config.model.StartMode;
import io.mysync.config.model.TablePattern;
import io.mysync.config.model.WriterConfig;
import io.mysync.config.store.InstalledStores;
import io.mysync.config.store.StoreSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns a YAML file into a {@link MySyncConfig}, or a {@link ConfigException} listing every problem. */
public final class ConfigLoader {

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    public static MySyncConfig load(Path file) {
        return new ConfigLoader(System.getenv()).read(file);
    }

    public MySyncConfig read(Path file) {
        ConfigValues values = new ConfigParser(ConfigDefinitions.ALL, ConfigDefinitions.REQUIRED_SECTIONS, env)
                .parse(file);
        return build(file.toAbsolutePath(), values, stateBase());
    }

    public MySyncConfig read(String name, String yaml) {
        ConfigValues values = new ConfigParser(ConfigDefinitions.ALL, ConfigDefinitions.REQUIRED_SECTIONS, env)
                .parse(name, yaml);
        return build(Path.of(name).toAbsolutePath(), values, stateBase());
    }

    /** The environment variable that moves the state MySync writes out of the config file's directory. */
    public static final String STATE_DIR_VARIABLE = "MYSYNC_STATE_DIR";

    /**
     * Where relative state paths ({@code checkpoint.dir}, {@code dump.state_dir}) start: {@code $MYSYNC_STATE_DIR},
     * which the image, the systemd units and the Kubernetes manifests set to {@code /var/lib/mysync}; unset, the
     * config file's directory (the tarball's conf/, a developer's own directory).
     */
    private Optional<Path> stateBase() {
        String dir = env.get(STATE_DIR_VARIABLE);
        return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir).toAbsolutePath());
    }

    private static MySyncConfig build(Path file, ConfigValues v, Optional<Path> stateBase) {
        // a secret is masked in every message, unless it is also part of an ordinary setting (password: shop with
        // source.id: shop): masking it there would rewrite names in every line, so only its own setting is masked
        Map<String, String> settings = v.describe(ConfigDefinitions.ALL);
        var ordinary = settings.values();
        v.secretValues(ConfigDefinitions.ALL).stream()
                .filter(secret -> ordinary.stream().noneMatch(value -> value.contains(secret)))
                .forEach(Redaction::register);
        List<ConfigProblem> problems = new ArrayList<>(v.problems());
        crossCheck(v, problems);
        Path base = file.getParent() == null ? Path.of(".") : file.getParent();
        SourceTlsCheck.check(v, problems);
        for (StoreSettings<?, ?> store : InstalledStores.all()) {
            if (v.hasSection("sinks." + store.name())) {
                store.check(v, problems);
            }
        }
        FileSettingsCheck.check(v, base, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        SourceConfig source = source(v, base);
        KafkaConfig kafka = new KafkaConfig(new KafkaClientSettings(v.get(KafkaKeys.BOOTSTRAP),
                v.get(KafkaKeys.PROPERTIES), v.get(KafkaKeys.PRODUCER), v.get(KafkaKeys.CONSUMER),
                v.get(KafkaKeys.ADMIN)), v.get(KafkaKeys.TOPIC),
                v.get(KafkaKeys.PARTITIONS), v.get(KafkaKeys.REPLICATION_FACTOR), v.get(KafkaKeys.COMPRESSION),
                v.get(KafkaKeys.LINGER), v.get(KafkaKeys.BATCH_BYTES), v.get(KafkaKeys.BUFFER_BYTES),
                v.get(KafkaKeys.FORMAT), v.get(KafkaKeys.DELIVERY), v.get(KafkaKeys.TRANSACTION_INTERVAL));
        Path state = stateBase.orElse(base);
        ReaderConfig reader = new ReaderConfig(state.resolve(v.get(ReaderKeys.CHECKPOINT_DIR)).normalize(),
                v.get(ReaderKeys.CHECKPOINT_INTERVAL), patterns(v.get(ReaderKeys.INCLUDE)),
                patterns(v.get(ReaderKeys.EXCLUDE)), new HaConfig(v.get(ReaderKeys.HA_ZOOKEEPER),
                v.get(ReaderKeys.HA_ROOT), v.get(ReaderKeys.HA_SESSION_TIMEOUT),
                credentials(v.get(ReaderKeys.HA_USERNAME), v.get(ReaderKeys.HA_PASSWORD)),
                v.get(ReaderKeys.HA_PROPERTIES)));
        WriterConfig writer = new WriterConfig(v.get(WriterKeys.GROUP), v.get(WriterKeys.BATCH_SIZE), v.get(WriterKeys.THREADS),
                v.get(WriterKeys.POLL_TIMEOUT), v.get(WriterKeys.RETRY_BACKOFF), v.get(WriterKeys.RETRY_BACKOFF_MAX),
                v.get(WriterKeys.SESSION_TIMEOUT), v.get(WriterKeys.DEAD_LETTER_TOPIC),
                v.get(WriterKeys.ON_UNDECODABLE));
        Map<String, Object> sinks = new java.util.LinkedHashMap<>();
        for (StoreSettings<?, ?> store : InstalledStores.all()) {
            if (v.hasSection("sinks." + store.name())) {
                sinks.put(store.name(), store.sink(v, base));
            }
        }
        List<MappingConfig> mappings = mappings(v, base);
        DumpConfig dump = new DumpConfig(v.get(DumpKeys.CHUNK_ROWS), v.get(DumpKeys.WORKERS),
                v.get(DumpKeys.ROWS_PER_SECOND), state.resolve(v.get(DumpKeys.STATE_DIR)).normalize());
        return new MySyncConfig(file, source, kafka, reader, writer, sinks, mappings, dump, monitoring(v),
                settings);
    }

    private static MonitoringConfig monitoring(ConfigValues v) {
        LagThresholds sinkLag = new LagThresholds(v.get(MonitoringKeys.SINK_WARN), v.get(MonitoringKeys.SINK_CRITICAL),
                v.get(MonitoringKeys.SINK_FOR));
        Map<String, LagThresholds> perSink = new java.util.LinkedHashMap<>();
        MonitoringKeys.PER_SINK.forEach((sink, keys) -> {
            if (keys.stream().anyMatch(k -> v.isSet(k, -1))) {
                perSink.put(sink, new LagThresholds(
                        v.isSet(keys.get(0), -1) ? v.get(keys.get(0)) : sinkLag.warn(),
                        v.isSet(keys.get(1), -1) ? v.get(keys.get(1)) : sinkLag.critical(),
                        v.isSet(keys.get(2), -1) ? v.get(keys.get(2)) : sinkLag.holdFor()));
            }
        });
        String webhook = v.get(MonitoringKeys.WEBHOOK);
        return new MonitoringConfig(v.get(MonitoringKeys.METRICS_BIND), v.get(MonitoringKeys.METRICS_PORT),
                credentials(v.get(MonitoringKeys.METRICS_USERNAME), v.get(MonitoringKeys.METRICS_PASSWORD)),
                webhook.isEmpty() ? Optional.empty() : Optional.of(URI.create(webhook)), v.get(MonitoringKeys.REMINDER),
                new LagThresholds(v.get(MonitoringKeys.SOURCE_WARN), v.get(MonitoringKeys.SOURCE_CRITICAL),
                        v.get(MonitoringKeys.SOURCE_FOR)), sinkLag, Map.copyOf(perSink));
    }

    /** Rules that span keys; they read only values that parsed, so they run beside the per-key problems. */
    private static void crossCheck(ConfigValues v, List<ConfigProblem> problems) {
        StartMode start = v.get(SourceKeys.START);
        if (start == StartMode.GTID && v.get(SourceKeys.START_GTID).isBlank()) {
            problems.add(new ConfigProblem(v.file(), v.lineOf("source.start"), "source.start_gtid",
                    "source.start is gtid, so source.start_gtid must name the GTID set to start after"));
        }
        if (start == StartMode.POSITION && v.get(SourceKeys.START_FILE).isBlank()) {
            problems.add(new ConfigProblem(v.file(), v.lineOf("source.start"), "source.start_file",
                    "source.start is position, so source.start_file must name a binlog file"));
        }
        PairCheck.both(v, problems, MonitoringKeys.METRICS_USERNAME, MonitoringKeys.METRICS_PASSWORD,
                "basic authentication of /metrics");
        PairCheck.both(v, problems, ReaderKeys.HA_USERNAME, ReaderKeys.HA_PASSWORD, "the ZooKeeper digest login");
        checkThresholds(v, problems, "alerts.source_lag", MonitoringKeys.SOURCE_WARN, MonitoringKeys.SOURCE_CRITICAL);
        checkThresholds(v, problems, "alerts.sink_lag", MonitoringKeys.SINK_WARN, MonitoringKeys.SINK_CRITICAL);
        MonitoringKeys.PER_SINK.forEach((sink, keys) -> {
            if (keys.stream().noneMatch(k -> v.isSet(k, -1))) {
                return; // the sink_lag thresholds, checked above
            }
            var warn = v.isSet(keys.get(0), -1) ? keys.get(0) : MonitoringKeys.SINK_WARN;
            var critical = v.isSet(keys.get(1), -1) ? keys.get(1) : MonitoringKeys.SINK_CRITICAL;
            checkThresholds(v, problems, "alerts." + sink, warn, critical);
        });
        int count = v.count("mappings");
        if (count == 0 && v.hasSection("mappings")) {
            problems.add(new ConfigProblem(v.file(), v.lineOf("mappings"), "mappings",
                    "no mappings: add at least one '- table: DB.TABLE' entry"));
        }
        SensitiveColumnsCheck.check(v, count, problems);
        OverlappingMappingsCheck.check(v, count, problems);
        for (int i = 0; i < count; i++) {
            boolean any = false;
            for (String store : InstalledStores.names()) {
                String path = "mappings[" + i + "]." + store;
                if (v.hasSection(path)) {
                    any = true;
                    if (!v.hasSection("sinks." + store)) {
                        problems.add(new ConfigProblem(v.file(), v.lineOf(path), path, "maps to " + store
                                + " but there is no sinks." + store + " section saying where the server is"));
                    }
                }
            }
            if (!any) {
                problems.add(new ConfigProblem(v.file(), v.lineOf("mappings[" + i + "]"), "mappings[" + i + "]",
                        InstalledStores.names().isEmpty()
                                ? "maps to no store, and this install loads none: bin/mysync loads lib/stores/NAME/ "
                                + "for each store the file names under sinks: (or MYSYNC_STORES lists)"
                                : "maps to no store: add a " + String.join(":, ", InstalledStores.names())
                                + ": section"));
            }
        }
    }

    private static void checkThresholds(ConfigValues v, List<ConfigProblem> problems, String section,
                                        ConfigKey<java.time.Duration> warn,
                                        ConfigKey<java.time.Duration> critical) {
        if (v.get(warn).compareTo(v.get(critical)) > 0) {
            problems.add(new ConfigProblem(v.file(), v.lineOf(section), section + ".critical", "the critical lag ("
                    + v.get(critical).toMillis() + "ms, " + critical.path() + ") is below the warning lag ("
                    + v.get(warn).toMillis() + "ms, " + warn.path() + "): make critical the larger one"));
        }
    }

    private static SourceConfig source(ConfigValues v, Path base) {
        URI url = URI.create(v.get(SourceKeys.URL));
        SourceTls tls = new SourceTls(v.get(SourceKeys.SSL_MODE), v.path(SourceKeys.SSL_CA, -1, base),
                v.path(SourceKeys.SSL_CERT, -1, base), v.path(SourceKeys.SSL_KEY, -1, base),
                v.get(SourceKeys.ALLOW_PUBLIC_KEY_RETRIEVAL));
        return new SourceConfig(v.get(SourceKeys.ID), url.getHost(), url.getPort(), url.getUserInfo(),
                v.get(SourceKeys.PASSWORD), v.get(SourceKeys.SERVER_ID), v.get(SourceKeys.CANDIDATES),
                v.get(SourceKeys.GTID), v.get(SourceKeys.ANCHOR), v.get(SourceKeys.ANCHOR_INTERVAL), v.get(SourceKeys.REWIND_TO),
                v.get(SourceKeys.START), v.get(SourceKeys.START_GTID), v.get(SourceKeys.START_FILE),
                v.get(SourceKeys.START_POSITION), v.get(SourceKeys.CONNECT_TIMEOUT), tls, v.get(SourceKeys.MASK_SALT));
    }

    /** A login, empty when no username is set. */
    private static Optional<Credentials> credentials(String username, String password) {
        return username.isEmpty() ? Optional.empty() : Optional.of(new Credentials(username, password));
    }

    private static List<MappingConfig> mappings(ConfigValues v, Path base) {
        List<MappingConfig> mappings = new ArrayList<>();
        for (int i = 0; i < v.count("mappings"); i++) {
            String entry = "mappings[" + i + "].";
            Map<String, Object> stores = new java.util.LinkedHashMap<>();
            for (StoreSettings<?, ?> store : InstalledStores.all()) {
                if (v.hasSection(entry + store.name())) {
                    stores.put(store.name(), store.mapping(v, i, base));
                }
            }
            mappings.add(new MappingConfig(i, TablePattern.of(v.get(TABLE, i)), v.get(COLUMNS_INCLUDE, i),
                    v.get(COLUMNS_EXCLUDE, i), masks(v.get(MappingKeys.COLUMNS_MASK, i)), v.get(COLUMNS_RENAME, i), v.get(CONSTANTS, i),
                    Set.copyOf(v.get(SKIP, i)), v.get(SOFT_DELETE, i), new SchemaChangePolicy(
                    v.get(MappingKeys.ON_TRUNCATE, i), v.get(MappingKeys.ON_DROP, i), v.get(MappingKeys.ON_ALTER, i)),
                    stores));
        }
        return mappings;
    }

    private static Map<String, SensitiveColumns.Mask> masks(Map<String, String> masks) {
        Map<String, SensitiveColumns.Mask> out = new java.util.LinkedHashMap<>();
        masks.forEach((column, mask) -> out.put(column, SensitiveColumns.Mask.valueOf(mask.toUpperCase(Locale.ROOT))));
        return Map.copyOf(out);
    }

    private static List<TablePattern> patterns(List<String> texts) {
        return texts.stream().map(TablePattern::of).toList();
    }
}
