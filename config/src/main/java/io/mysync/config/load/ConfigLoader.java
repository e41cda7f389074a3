package io.mysync.config.load;

import static io.mysync.config.keys.MappingKeys.COLUMNS_EXCLUDE;
import static io.mysync.config.keys.MappingKeys.COLUMNS_INCLUDE;
import static io.mysync.config.keys.MappingKeys.COLUMNS_RENAME;
import static io.mysync.config.keys.MappingKeys.CONSTANTS;
import static io.mysync.config.keys.MappingKeys.SKIP;
import static io.mysync.config.keys.MappingKeys.SOFT_DELETE;
import static io.mysync.config.keys.MappingKeys.TABLE;

import io.mysync.common.event.SensitiveColumns;
import io.mysync.common.kafka.KafkaClientSettingsBuilder;
import io.mysync.common.secret.Redaction;
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
import io.mysync.config.model.DumpConfigBuilder;
import io.mysync.config.model.HaConfigBuilder;
import io.mysync.config.model.KafkaConfig;
import io.mysync.config.model.KafkaConfigBuilder;
import io.mysync.config.model.LagThresholds;
import io.mysync.config.model.LagThresholdsBuilder;
import io.mysync.config.model.MappingConfig;
import io.mysync.config.model.MappingConfigBuilder;
import io.mysync.config.model.MonitoringConfig;
import io.mysync.config.model.MonitoringConfigBuilder;
import io.mysync.config.model.MySyncConfig;
import io.mysync.config.model.MySyncConfigBuilder;
import io.mysync.config.model.ReaderConfig;
import io.mysync.config.model.ReaderConfigBuilder;
import io.mysync.config.model.SchemaChangePolicyBuilder;
import io.mysync.config.model.SourceConfig;
import io.mysync.config.model.SourceConfigBuilder;
import io.mysync.config.model.SourceTls;
import io.mysync.config.model.SourceTlsBuilder;
import io.mysync.config.model.StartMode;
import io.mysync.config.model.TablePattern;
import io.mysync.config.model.WriterConfig;
import io.mysync.config.model.WriterConfigBuilder;
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
        KafkaConfig kafka = KafkaConfigBuilder.builder()
                .clients(KafkaClientSettingsBuilder.builder()
                        .bootstrap(v.get(KafkaKeys.BOOTSTRAP))
                        .properties(v.get(KafkaKeys.PROPERTIES))
                        .producer(v.get(KafkaKeys.PRODUCER))
                        .consumer(v.get(KafkaKeys.CONSUMER))
                        .admin(v.get(KafkaKeys.ADMIN))
                        .build())
                .topicTemplate(v.get(KafkaKeys.TOPIC))
                .partitions(v.get(KafkaKeys.PARTITIONS))
                .replicationFactor(v.get(KafkaKeys.REPLICATION_FACTOR))
                .compression(v.get(KafkaKeys.COMPRESSION))
                .linger(v.get(KafkaKeys.LINGER))
                .batchBytes(v.get(KafkaKeys.BATCH_BYTES))
                .bufferBytes(v.get(KafkaKeys.BUFFER_BYTES))
                .format(v.get(KafkaKeys.FORMAT))
                .delivery(v.get(KafkaKeys.DELIVERY))
                .transactionInterval(v.get(KafkaKeys.TRANSACTION_INTERVAL))
                .build();
        Path state = stateBase.orElse(base);
        ReaderConfig reader = ReaderConfigBuilder.builder()
                .checkpointDir(state.resolve(v.get(ReaderKeys.CHECKPOINT_DIR)).normalize())
                .checkpointInterval(v.get(ReaderKeys.CHECKPOINT_INTERVAL))
                .include(patterns(v.get(ReaderKeys.INCLUDE)))
                .exclude(patterns(v.get(ReaderKeys.EXCLUDE)))
                .ha(HaConfigBuilder.builder()
                        .zookeeper(v.get(ReaderKeys.HA_ZOOKEEPER))
                        .root(v.get(ReaderKeys.HA_ROOT))
                        .sessionTimeout(v.get(ReaderKeys.HA_SESSION_TIMEOUT))
                        .digest(credentials(v.get(ReaderKeys.HA_USERNAME), v.get(ReaderKeys.HA_PASSWORD)))
                        .clientProperties(v.get(ReaderKeys.HA_PROPERTIES))
                        .build())
                .build();
        WriterConfig writer = WriterConfigBuilder.builder()
                .groupTemplate(v.get(WriterKeys.GROUP))
                .batchSize(v.get(WriterKeys.BATCH_SIZE))
                .threads(v.get(WriterKeys.THREADS))
                .pollTimeout(v.get(WriterKeys.POLL_TIMEOUT))
                .retryBackoff(v.get(WriterKeys.RETRY_BACKOFF))
                .retryBackoffMax(v.get(WriterKeys.RETRY_BACKOFF_MAX))
                .sessionTimeout(v.get(WriterKeys.SESSION_TIMEOUT))
                .deadLetterTemplate(v.get(WriterKeys.DEAD_LETTER_TOPIC))
                .onUndecodable(v.get(WriterKeys.ON_UNDECODABLE))
                .build();
        Map<String, Object> sinks = new java.util.LinkedHashMap<>();
        for (StoreSettings<?, ?> store : InstalledStores.all()) {
            if (v.hasSection("sinks." + store.name())) {
                sinks.put(store.name(), store.sink(v, base));
            }
        }
        List<MappingConfig> mappings = mappings(v, base);
        DumpConfig dump = DumpConfigBuilder.builder()
                .chunkRows(v.get(DumpKeys.CHUNK_ROWS))
                .workers(v.get(DumpKeys.WORKERS))
                .rowsPerSecond(v.get(DumpKeys.ROWS_PER_SECOND))
                .stateDir(state.resolve(v.get(DumpKeys.STATE_DIR)).normalize())
                .build();
        return MySyncConfigBuilder.builder().file(file).source(source).kafka(kafka).reader(reader).writer(writer)
                .sinks(sinks).mappings(mappings).dump(dump).monitoring(monitoring(v)).settings(settings).build();
    }

    private static MonitoringConfig monitoring(ConfigValues v) {
        LagThresholds sinkLag = LagThresholdsBuilder.builder().warn(v.get(MonitoringKeys.SINK_WARN))
                .critical(v.get(MonitoringKeys.SINK_CRITICAL)).holdFor(v.get(MonitoringKeys.SINK_FOR)).build();
        Map<String, LagThresholds> perSink = new java.util.LinkedHashMap<>();
        MonitoringKeys.PER_SINK.forEach((sink, keys) -> {
            if (keys.stream().anyMatch(k -> v.isSet(k, -1))) {
                perSink.put(sink, LagThresholdsBuilder.builder()
                        .warn(v.isSet(keys.get(0), -1) ? v.get(keys.get(0)) : sinkLag.warn())
                        .critical(v.isSet(keys.get(1), -1) ? v.get(keys.get(1)) : sinkLag.critical())
                        .holdFor(v.isSet(keys.get(2), -1) ? v.get(keys.get(2)) : sinkLag.holdFor())
                        .build());
            }
        });
        String webhook = v.get(MonitoringKeys.WEBHOOK);
        return MonitoringConfigBuilder.builder()
                .metricsBind(v.get(MonitoringKeys.METRICS_BIND))
                .metricsPort(v.get(MonitoringKeys.METRICS_PORT))
                .metricsAuth(credentials(v.get(MonitoringKeys.METRICS_USERNAME),
                        v.get(MonitoringKeys.METRICS_PASSWORD)))
                .webhook(webhook.isEmpty() ? Optional.empty() : Optional.of(URI.create(webhook)))
                .reminder(v.get(MonitoringKeys.REMINDER))
                .sourceLag(LagThresholdsBuilder.builder().warn(v.get(MonitoringKeys.SOURCE_WARN))
                        .critical(v.get(MonitoringKeys.SOURCE_CRITICAL)).holdFor(v.get(MonitoringKeys.SOURCE_FOR))
                        .build())
                .sinkLag(sinkLag)
                .perSink(Map.copyOf(perSink))
                .build();
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
        SourceTls tls = SourceTlsBuilder.builder()
                .mode(v.get(SourceKeys.SSL_MODE))
                .ca(v.path(SourceKeys.SSL_CA, -1, base))
                .certificate(v.path(SourceKeys.SSL_CERT, -1, base))
                .key(v.path(SourceKeys.SSL_KEY, -1, base))
                .allowPublicKeyRetrieval(v.get(SourceKeys.ALLOW_PUBLIC_KEY_RETRIEVAL))
                .build();
        return SourceConfigBuilder.builder()
                .id(v.get(SourceKeys.ID))
                .host(url.getHost())
                .port(url.getPort())
                .user(url.getUserInfo())
                .password(v.get(SourceKeys.PASSWORD))
                .serverId(v.get(SourceKeys.SERVER_ID))
                .candidates(v.get(SourceKeys.CANDIDATES))
                .gtid(v.get(SourceKeys.GTID))
                .anchor(v.get(SourceKeys.ANCHOR))
                .anchorInterval(v.get(SourceKeys.ANCHOR_INTERVAL))
                .rewindTo(v.get(SourceKeys.REWIND_TO))
                .start(v.get(SourceKeys.START))
                .startGtid(v.get(SourceKeys.START_GTID))
                .startFile(v.get(SourceKeys.START_FILE))
                .startPosition(v.get(SourceKeys.START_POSITION))
                .connectTimeout(v.get(SourceKeys.CONNECT_TIMEOUT))
                .tls(tls)
                .maskSalt(v.get(SourceKeys.MASK_SALT))
                .build();
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
            mappings.add(MappingConfigBuilder.builder()
                    .index(i)
                    .table(TablePattern.of(v.get(TABLE, i)))
                    .includeColumns(v.get(COLUMNS_INCLUDE, i))
                    .excludeColumns(v.get(COLUMNS_EXCLUDE, i))
                    .maskColumns(masks(v.get(MappingKeys.COLUMNS_MASK, i)))
                    .rename(v.get(COLUMNS_RENAME, i))
                    .constants(v.get(CONSTANTS, i))
                    .skip(Set.copyOf(v.get(SKIP, i)))
                    .softDelete(v.get(SOFT_DELETE, i))
                    .schemaChanges(SchemaChangePolicyBuilder.builder()
                            .onTruncate(v.get(MappingKeys.ON_TRUNCATE, i))
                            .onDrop(v.get(MappingKeys.ON_DROP, i))
                            .onAlter(v.get(MappingKeys.ON_ALTER, i))
                            .build())
                    .stores(stores)
                    .build());
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
