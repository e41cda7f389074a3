package io.mysync.writer.mapping;

import io.mysync.common.event.ChangeEvent;
import io.mysync.config.model.MappingConfig;
import io.mysync.config.model.TablePattern;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The first of a store's mappings that matches a table, cached per table, and the change it makes of an event. */
public final class MappingIndex<T> {

    /** A mapping together with what a store prepared for it (templates, encoders). */
    public record Entry<T>(MappingConfig mapping, T prepared) {
    }

    /** A change shaped by its table's mapping, with what the store prepared for that mapping. */
    public record Routed<T>(MappedChange change, MappingConfig mapping, T prepared) {
    }

    private final List<Entry<T>> entries;
    private final Map<String, Optional<Entry<T>>> byTable = new HashMap<>();

    public MappingIndex(List<Entry<T>> entries) {
        this.entries = List.copyOf(entries);
    }

    /** @return empty when no mapping of this store takes the event's table, or its mapping skips the operation */
    public Optional<Routed<T>> route(ChangeEvent event) {
        return of(event.getDatabase(), event.getTable()).flatMap(entry -> ChangeMapper.map(entry.mapping(), event)
                .map(change -> new Routed<>(change, entry.mapping(), entry.prepared())));
    }

    /** The tables that this store's mappings name in full (no {@code *}), each once. */
    public List<TablePattern.Named> namedTables() {
        return entries.stream().map(e -> e.mapping().table().named()).flatMap(Optional::stream).distinct().toList();
    }

    public Optional<Entry<T>> of(String database, String table) {
        return byTable.computeIfAbsent(database + "." + table,
                name -> entries.stream().filter(e -> e.mapping().matches(database, table)).findFirst());
    }
}
