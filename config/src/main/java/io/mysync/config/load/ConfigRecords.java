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
import io.mysync.config.keys.DumpKeys;
import io.mysync.config.keys.KafkaKeys;
import io.mysync.config.keys.DocumentKeys;
import io.mysync.config.keys.MappingKeys;
import io.mysync.config.model.DocumentShape;
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
import io.mysync.config.model.ReaderConfig;
import io.mysync.config.model.ReaderConfigBuilder;
import io.mysync.config.model.SchemaChangePolicyBuilder;
import io.mysync.config.model.SourceConfig;
import io.mysync.config.model.SourceConfigBuilder;
import io.mysync.config.model.SourceTls;
import io.mysync.config.model.SourceTlsBuilder;
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

/**
 * The records of a configuration file, each read from the checked values with every component set by name (the
 * builders RecordBuilder generates): the source, Kafka, the reader, the writer, each store's section, the mappings,
 * the dump and monitoring.
 */
final class ConfigRecords {

    private ConfigRecords() {
    }

    static KafkaConfig kafka(ConfigValues v) {
        return KafkaConfigBuilder.builder()
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
    }

    static ReaderConfig reader(ConfigValues v, Path state) {
        return ReaderConfigBuilder.builder()
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
    }

    static WriterConfig writer(ConfigValues v, Path state) {
        return WriterConfigBuilder.builder()
                .groupTemplate(v.get(WriterKeys.GROUP))
                .batchSize(v.get(WriterKeys.BATCH_SIZE))
                .threads(v.get(WriterKeys.THREADS))
                .pollTimeout(v.get(WriterKeys.POLL_TIMEOUT))
                .retryBackoff(v.get(WriterKeys.RETRY_BACKOFF))
                .retryBackoffMax(v.get(WriterKeys.RETRY_BACKOFF_MAX))
                .sessionTimeout(v.get(WriterKeys.SESSION_TIMEOUT))
                .deadLetterTemplate(v.get(WriterKeys.DEAD_LETTER_TOPIC))
                .onUndecodable(v.get(WriterKeys.ON_UNDECODABLE))
                .joinStateDir(state.resolve(v.get(WriterKeys.JOIN_STATE_DIR)).normalize())
                .build();
    }

    static Map<String, Object> sinks(ConfigValues v, Path base) {
        Map<String, Object> sinks = new java.util.LinkedHashMap<>();
        for (StoreSettings<?, ?> store : InstalledStores.all()) {
            if (v.hasSection("sinks." + store.name())) {
                sinks.put(store.name(), store.sink(v, base));
            }
        }
        return sinks;
    }

    static DumpConfig dump(ConfigValues v, Path state) {
        return DumpConfigBuilder.builder()
                .chunkRows(v.get(DumpKeys.CHUNK_ROWS))
                .workers(v.get(DumpKeys.WORKERS))
                .rowsPerSecond(v.get(DumpKeys.ROWS_PER_SECOND))
                .stateDir(state.resolve(v.get(DumpKeys.STATE_DIR)).normalize())
                .build();
    }

    static MonitoringConfig monitoring(ConfigValues v) {
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

    static SourceConfig source(ConfigValues v, Path base) {
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

    static List<MappingConfig> mappings(ConfigValues v, Path base) {
        List<MappingConfig> mappings = new ArrayList<>();
        for (int i = 0; i < v.count("mappings"); i++) {
            String entry = "mappings[" + i + "].";
            Map<String, Object> stores = new java.util.LinkedHashMap<>();
            Map<String, DocumentShape> documents = new java.util.LinkedHashMap<>();
            for (StoreSettings<?, ?> store : InstalledStores.all()) {
                if (v.hasSection(entry + store.name())) {
                    stores.put(store.name(), store.mapping(v, i, base));
                    DocumentShape shape = store.holdsJoinedDocuments()
                            ? DocumentKeys.read(v, entry + store.name()) : DocumentShape.PLAIN;
                    if (shape.joins()) {
                        documents.put(store.name(), shape);
                    }
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
                    .documents(documents)
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
