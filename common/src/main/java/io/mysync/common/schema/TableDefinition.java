package io.mysync.common.schema;

import java.util.List;

/**
 * A table's columns in row-image order and its primary key, as its DDL declares them.
 *
 * @param primaryKey the primary key's column names in key order; empty when the table has none
 */
public record TableDefinition(List<ColumnDefinition> columns, List<String> primaryKey) {

    public TableDefinition {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** The position of a column (names compare without case, as MySQL's do), or -1. */
    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnDefinition::name).toList();
    }
}
