package io.mysync.writer.api.mapping;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.config.model.MappingConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The first of a store's mappings that matches a table, cached per table, and the change it makes of an event. */
public final class MappingIndex<T> {

    /** A mapping together with what a store prepared for it (templates, encoders). */
    public record Entry<T>(MappingConfig mapping, T prepared) {
    }

    /** A change shaped by its table's mapping, with what the store prepared for that mapping. */
    public record Routed<T>(MappedChange change, MappingConfig mapping, T prepared) {
    }

    private final String store;
    private final List<Entry<T>> entries;
    private final Map<String, Optional<Entry<T>>> byTable = new HashMap<>();

    /** The mappings of a store that holds no joined documents. */
    public MappingIndex(List<Entry<T>> entries) {
        this("", entries);
    }

    /** The mappings of {@code store}; those that join rows take its joined documents instead of their table's rows. */
    public MappingIndex(String store, List<Entry<T>> entries) {
        this.store = store;
        this.entries = List.copyOf(entries);
    }

    /**
     * @return empty when no mapping of this store takes the event's table, or its mapping skips the operation; for a
     *     mapping whose document joins rows, the join stage's documents for this store are taken and the table's own
     *     row changes are not (they reach the store inside the documents)
     */
    public Optional<Routed<T>> route(ChangeEvent event) {
        return of(event.getDatabase(), event.getTable())
                .filter(entry -> entry.mapping().document(store).joins()
                        ? event.getJoinedFor().equals(store) && !store.isEmpty() : event.getJoinedFor().isEmpty())
                .flatMap(entry -> ChangeMapper.map(entry.mapping(), event)
                        .map(change -> new Routed<>(change, entry.mapping(), entry.prepared())));
    }

    /** A store name (an index, a table) known before any change, and the mapping entry that makes it. */
    public record FixedName<T>(String name, Entry<T> entry) {
    }

    /**
     * The store names this store's mappings make for the tables they name in full (no {@code *}) with a template
     * that holds no column: what a sink can create before the first change.
     */
    public List<FixedName<T>> fixedNames(Function<T, TemplateKey> template) {
        List<FixedName<T>> names = new ArrayList<>();
        entries.stream().map(e -> e.mapping().table().named()).flatMap(Optional::stream).distinct()
                .forEach(source -> of(source.database(), source.table())
                        .filter(entry -> !template.apply(entry.prepared()).usesColumns())
                        .ifPresent(entry -> names.add(new FixedName<>(template.apply(entry.prepared())
                                .scope(source.database(), source.table(), text -> text, ""), entry))));
        return names;
    }

    public Optional<Entry<T>> of(String database, String table) {
        return byTable.computeIfAbsent(database + "." + table,
                name -> entries.stream().filter(e -> e.mapping().matches(database, table)).findFirst());
    }
}
