package io.mysync.config.model;

import io.mysync.common.event.SensitiveColumns;
import io.mysync.common.sql.ShadowTables;
import io.mysync.config.store.StoreSettings;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole, validated configuration file.
 *
 * @param sinks    each {@code sinks.NAME} section in the file, as its store read it, by store name
 * @param settings every key set in the file with its value, secrets masked: what to log at start-up
 */
@RecordBuilder
public record MySyncConfig(Path file, SourceConfig source, KafkaConfig kafka, ReaderConfig reader,
                           WriterConfig writer, Map<String, Object> sinks, List<MappingConfig> mappings,
                           DumpConfig dump, MonitoringConfig monitoring, Map<String, String> settings) {

    public MySyncConfig {
        sinks = Map.copyOf(sinks);
    }

    /** The same configuration with this process's metrics endpoint on {@code port}. */
    public MySyncConfig withMetricsPort(int port) {
        Map<String, String> shown = new java.util.TreeMap<>(settings);
        shown.put("metrics.port", port + " (--metrics-port)");
        return MySyncConfigBuilder.builder(this).monitoring(monitoring.withMetricsPort(port)).settings(shown).build();
    }

    /** A store's {@code sinks.NAME} section, when the file has one. */
    @SuppressWarnings("unchecked")
    public <S> Optional<S> sink(StoreSettings<S, ?> store) {
        return Optional.ofNullable((S) sinks.get(store.name()));
    }

    /** The first mapping for a table, if any (several tables may share one mapping through a pattern). */
    public Optional<MappingConfig> mappingOf(String database, String table) {
        return mappings.stream().filter(m -> m.matches(database, table)).findFirst();
    }

    /**
     * What the reader and the dump remove or mask before an event leaves the source ({@code columns.exclude},
     * {@code columns.mask} of each table's mapping).
     */
    public SensitiveColumns sensitiveColumns() {
        return new SensitiveColumns((database, table) -> mappingOf(database, table)
                .map(MappingConfig::sensitiveColumns).orElse(null),
                source.maskSalt().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The tables the mappings name in full (no {@code *}) and the reader captures, each once: their topics and store
     * tables can be made before their first change.
     */
    public List<TablePattern.Named> namedTables() {
        return mappings.stream().map(m -> m.table().named()).flatMap(Optional::stream)
                .filter(t -> captures(t.database(), t.table())).distinct().toList();
    }

    /**
     * Whether the reader captures a table: named by filters.include (or by a mapping), and not excluded. The helper
     * tables of gh-ost and pt-online-schema-change ({@link ShadowTables}) only when a pattern names them exactly.
     */
    public boolean captures(String database, String table) {
        if (reader.exclude().stream().anyMatch(p -> p.matches(database, table))) {
            return false;
        }
        if (ShadowTables.isShadow(table)) {
            String name = database + "." + table;
            return (reader.include().isEmpty() ? mappings.stream().map(MappingConfig::table)
                    : reader.include().stream()).anyMatch(p -> p.text().equals(name));
        }
        if (!reader.include().isEmpty()) {
            return reader.include().stream().anyMatch(p -> p.matches(database, table));
        }
        return mappingOf(database, table).isPresent()
                || joinedTables().contains(new TablePattern.Named(database, table));
    }

    /** The tables whose rows joined documents nest or look up: captured for the join stage, mapped or not. */
    public java.util.Set<TablePattern.Named> joinedTables() {
        return mappings.stream().flatMap(m -> m.documents().values().stream()).flatMap(DocumentShape::tables)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Whether some store's documents join rows: the writer then runs the join stage. */
    public boolean joinsDocuments() {
        return mappings.stream().anyMatch(m -> !m.documents().isEmpty());
    }

    /** Whether the documents of {@code sink} join rows (its writer then waits for, and runs, the join stage). */
    public boolean joinsDocuments(String sink) {
        return mappings.stream().anyMatch(m -> m.document(sink).joins());
    }
}
