package io.mysync.writer.mapping;

import io.mysync.config.model.MappingConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The first of a store's mappings that matches a table, cached per table. */
public final class MappingIndex<T> {

    /** A mapping together with what a store prepared for it (templates, encoders). */
    public record Entry<T>(MappingConfig mapping, T prepared) {
    }

    private final List<Entry<T>> entries;
    private final Map<String, Optional<Entry<T>>> byTable = new HashMap<>();

    public MappingIndex(List<Entry<T>> entries) {
        this.entries = List.copyOf(entries);
    }

    public Optional<Entry<T>> of(String database, String table) {
        return byTable.computeIfAbsent(database + "." + table,
                name -> entries.stream().filter(e -> e.mapping().matches(database, table)).findFirst());
    }
}
