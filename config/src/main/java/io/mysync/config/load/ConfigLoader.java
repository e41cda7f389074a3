package io.mysync.config.load;

import static io.mysync.config.keys.MappingKeys.COLUMNS_EXCLUDE;
import static io.mysync.config.keys.MappingKeys.COLUMNS_INCLUDE;
import static io.mysync.config.keys.MappingKeys.REDIS_KEY;
import static io.mysync.config.keys.MappingKeys.REDIS_TTL;
import static io.mysync.config.keys.MappingKeys.REDIS_TYPE;
import static io.mysync.config.keys.MappingKeys.TABLE;

import io.mysync.config.keys.ConfigDefinitions;
import io.mysync.config.keys.KafkaKeys;
import io.mysync.config.keys.ReaderKeys;
import io.mysync.config.keys.SourceKeys;
import io.mysync.config.keys.WriterKeys;
import io.mysync.config.model.KafkaConfig;
import io.mysync.config.model.MappingConfig;
import io.mysync.config.model.MySyncConfig;
import io.mysync.config.model.ReaderConfig;
import io.mysync.config.model.RedisMapping;
import io.mysync.config.model.RedisSinkConfig;
import io.mysync.config.model.SourceConfig;
import io.mysync.config.model.StartMode;
import io.mysync.config.model.TablePattern;
import io.mysync.config.model.WriterConfig;
import java.net.URI;
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
        return build(file.toAbsolutePath(), values);
    }

    public MySyncConfig read(String name, String yaml) {
        ConfigValues values = new ConfigParser(ConfigDefinitions.ALL, ConfigDefinitions.REQUIRED_SECTIONS, env)
                .parse(name, yaml);
        return build(Path.of(name).toAbsolutePath(), values);
    }

    private static MySyncConfig build(Path file, ConfigValues v) {
        List<ConfigProblem> problems = new ArrayList<>(v.problems());
        crossCheck(v, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        SourceConfig source = source(v);
        KafkaConfig kafka = new KafkaConfig(v.get(KafkaKeys.BOOTSTRAP), v.get(KafkaKeys.TOPIC),
                v.get(KafkaKeys.PARTITIONS), v.get(KafkaKeys.REPLICATION_FACTOR), v.get(KafkaKeys.COMPRESSION),
                v.get(KafkaKeys.LINGER), v.get(KafkaKeys.BATCH_BYTES), v.get(KafkaKeys.BUFFER_BYTES));
        Path base = file.getParent() == null ? Path.of(".") : file.getParent();
        ReaderConfig reader = new ReaderConfig(base.resolve(v.get(ReaderKeys.CHECKPOINT_DIR)).normalize(),
                v.get(ReaderKeys.CHECKPOINT_INTERVAL), patterns(v.get(ReaderKeys.INCLUDE)),
                patterns(v.get(ReaderKeys.EXCLUDE)));
        WriterConfig writer = new WriterConfig(v.get(WriterKeys.GROUP), v.get(WriterKeys.BATCH_SIZE), v.get(WriterKeys.THREADS),
                v.get(WriterKeys.POLL_TIMEOUT), v.get(WriterKeys.RETRY_BACKOFF), v.get(WriterKeys.RETRY_BACKOFF_MAX),
                v.get(WriterKeys.SESSION_TIMEOUT));
        Optional<RedisSinkConfig> redis = v.hasSection("sinks.redis")
                ? Optional.of(new RedisSinkConfig(v.get(WriterKeys.REDIS_URL), v.get(WriterKeys.REDIS_PASSWORD),
                v.get(WriterKeys.REDIS_TIMEOUT), v.get(WriterKeys.REDIS_TOMBSTONE_TTL),
                v.get(WriterKeys.REDIS_SEQ_PREFIX)))
                : Optional.empty();
        List<MappingConfig> mappings = mappings(v);
        return new MySyncConfig(file, source, kafka, reader, writer, redis, mappings,
                v.describe(ConfigDefinitions.ALL));
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
        int count = v.count("mappings");
        if (count == 0 && v.hasSection("mappings")) {
            problems.add(new ConfigProblem(v.file(), v.lineOf("mappings"), "mappings",
                    "no mappings: add at least one '- table: DB.TABLE' entry"));
        }
        for (int i = 0; i < count; i++) {
            String redisPath = "mappings[" + i + "].redis";
            if (!v.hasSection(redisPath)) {
                problems.add(new ConfigProblem(v.file(), v.lineOf("mappings[" + i + "]"), "mappings[" + i + "]",
                        "maps to no store: add a redis: section"));
            } else if (!v.hasSection("sinks.redis")) {
                problems.add(new ConfigProblem(v.file(), v.lineOf(redisPath), redisPath,
                        "maps to Redis but there is no sinks.redis section with the server's url"));
            }
        }
    }

    private static SourceConfig source(ConfigValues v) {
        URI url = URI.create(v.get(SourceKeys.URL));
        return new SourceConfig(v.get(SourceKeys.ID), url.getHost(), url.getPort(), url.getUserInfo(),
                v.get(SourceKeys.PASSWORD), v.get(SourceKeys.SERVER_ID), v.get(SourceKeys.GTID),
                v.get(SourceKeys.START), v.get(SourceKeys.START_GTID), v.get(SourceKeys.START_FILE),
                v.get(SourceKeys.START_POSITION), v.get(SourceKeys.CONNECT_TIMEOUT));
    }

    private static List<MappingConfig> mappings(ConfigValues v) {
        List<MappingConfig> mappings = new ArrayList<>();
        for (int i = 0; i < v.count("mappings"); i++) {
            Optional<RedisMapping> redis = v.hasSection("mappings[" + i + "].redis")
                    ? Optional.of(new RedisMapping(v.get(REDIS_KEY, i), v.get(REDIS_TYPE, i), v.get(REDIS_TTL, i)))
                    : Optional.empty();
            mappings.add(new MappingConfig(i, TablePattern.of(v.get(TABLE, i)), v.get(COLUMNS_INCLUDE, i),
                    v.get(COLUMNS_EXCLUDE, i), redis));
        }
        return mappings;
    }

    private static List<TablePattern> patterns(List<String> texts) {
        return texts.stream().map(TablePattern::of).toList();
    }
}
