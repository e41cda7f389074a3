package io.mysync.reader.schema;

import java.util.List;

/**
 * A table's shape at one point of the binlog, from its table map event.
 *
 * @param primaryKey     indexes of the primary-key columns, in key order; empty when the table has none
 * @param schemaVersion  a hash of the column names, types and key: changes whenever the table's DDL does
 * @param captured       whether the reader publishes this table's rows (filters and mappings)
 */
public record TableSchema(String database, String table, List<ColumnSpec> columns, List<Integer> primaryKey,
                          int schemaVersion, boolean captured) {

    public List<String> primaryKeyNames() {
        return primaryKey.stream().map(i -> columns.get(i).name()).toList();
    }
}
