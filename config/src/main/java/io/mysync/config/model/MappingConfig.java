package io.mysync.config.model;

import java.util.List;
import java.util.Optional;

/** One table pattern and the stores its rows go to. */
public record MappingConfig(int index, TablePattern table, List<String> includeColumns, List<String> excludeColumns,
                            Optional<RedisMapping> redis) {

    public boolean matches(String database, String table) {
        return this.table.matches(database, table);
    }

    /** Whether a column is copied to the stores. */
    public boolean copies(String column) {
        return !excludeColumns.contains(column) && (includeColumns.isEmpty() || includeColumns.contains(column));
    }
}
