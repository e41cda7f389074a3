package io.mysync.config.load;

import static io.mysync.config.keys.MappingKeys.TABLE;

import io.mysync.common.secret.Redaction;
import io.mysync.config.def.ConfigKey;
import io.mysync.config.keys.ConfigDefinitions;
import io.mysync.config.keys.MonitoringKeys;
import io.mysync.config.keys.ReaderKeys;
import io.mysync.config.keys.SourceKeys;
import io.mysync.config.model.MySyncConfig;
import io.mysync.config.model.MySyncConfigBuilder;
import io.mysync.config.model.StartMode;
import io.mysync.config.store.InstalledStores;
import io.mysync.config.store.StoreSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        Path state = stateBase.orElse(base);
        return MySyncConfigBuilder.builder()
                .file(file)
                .source(ConfigRecords.source(v, base))
                .kafka(ConfigRecords.kafka(v))
                .reader(ConfigRecords.reader(v, state))
                .writer(ConfigRecords.writer(v, state))
                .sinks(ConfigRecords.sinks(v, base))
                .mappings(ConfigRecords.mappings(v, base))
                .dump(ConfigRecords.dump(v, state))
                .monitoring(ConfigRecords.monitoring(v))
                .settings(settings)
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
        JoinedDocumentsCheck.check(v, count, problems);
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





}
