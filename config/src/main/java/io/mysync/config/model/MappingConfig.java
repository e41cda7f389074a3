package io.mysync.config.model;

import io.mysync.common.event.SensitiveColumns;
import io.mysync.config.store.StoreSettings;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One table pattern, how its rows are shaped, and the stores they go to.
 *
 * @param excludeColumns columns the reader and the dump drop before Kafka
 * @param maskColumns columns the reader and the dump mask before Kafka
 * @param rename     store field name by source column name
 * @param constants  fields with a fixed value added to every row
 * @param skip       operations not applied: "insert", "update", "delete"
 * @param softDelete field set to true instead of deleting; empty deletes
 * @param schemaChanges how TRUNCATE, DROP and column changes reach the stores
 * @param stores     each store section of the mapping ({@code NAME:}), as its store read it, by store name
 * @param documents  the joined document shape of each store section that nests or looks up rows, by store name
 */
@RecordBuilder
public record MappingConfig(int index, TablePattern table, List<String> includeColumns, List<String> excludeColumns,
                            Map<String, SensitiveColumns.Mask> maskColumns, Map<String, String> rename,
                            Map<String, String> constants, Set<String> skip, String softDelete,
                            SchemaChangePolicy schemaChanges, Map<String, Object> stores,
                            Map<String, DocumentShape> documents) {

    public MappingConfig {
        stores = Map.copyOf(stores);
        documents = documents == null ? Map.of() : Map.copyOf(documents);
    }

    /** The document a store makes of this mapping's rows: {@link DocumentShape#PLAIN} unless it joins rows. */
    public DocumentShape document(String store) {
        return documents.getOrDefault(store, DocumentShape.PLAIN);
    }

    /** This mapping's options for a store, when its rows go there. */
    @SuppressWarnings("unchecked")
    public <M> Optional<M> options(StoreSettings<?, M> store) {
        return Optional.ofNullable((M) stores.get(store.name()));
    }

    public boolean matches(String database, String table) {
        return this.table.matches(database, table);
    }

    /** The name a source column has in the stores. */
    public String fieldName(String column) {
        return rename.getOrDefault(column, column);
    }

    /** Whether the rows' shape differs from the source row's (columns dropped, renamed or added). */
    public boolean reshapes() {
        return !includeColumns.isEmpty() || !excludeColumns.isEmpty() || !rename.isEmpty() || !constants.isEmpty()
                || !softDelete.isEmpty();
    }

    /** What the reader and the dump remove or mask in this mapping's rows. */
    public SensitiveColumns.Rule sensitiveColumns() {
        return new SensitiveColumns.Rule(Set.copyOf(excludeColumns), maskColumns);
    }

    /** Whether a column is copied to the stores. */
    public boolean copies(String column) {
        return !excludeColumns.contains(column) && (includeColumns.isEmpty() || includeColumns.contains(column));
    }
}
