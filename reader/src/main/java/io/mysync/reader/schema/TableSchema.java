package io.mysync.reader.schema;

import com.google.protobuf.ByteString;
import java.util.List;

/**
 * A table's shape at one point of the binlog, from its table map event.
 *
 * @param primaryKey     indexes of the primary-key columns, in key order; empty when the table has none
 * @param schemaVersion  a hash of the column names, types and key: changes whenever the table's DDL does
 * @param captured       whether the reader publishes this table's rows (filters and mappings)
 * @param utf8           the names every event of the table carries, encoded once
 */
public record TableSchema(String database, String table, List<ColumnSpec> columns, List<Integer> primaryKey,
                          int schemaVersion, boolean captured, Utf8Names utf8) {

    /** Database, table and primary-key column names as UTF-8: protobuf writes bytes as they are. */
    public record Utf8Names(ByteString database, ByteString table, List<ByteString> primaryKey) {
    }

    public TableSchema(String database, String table, List<ColumnSpec> columns, List<Integer> primaryKey,
                       int schemaVersion, boolean captured) {
        this(database, table, columns, primaryKey, schemaVersion, captured, new Utf8Names(
                ByteString.copyFromUtf8(database), ByteString.copyFromUtf8(table),
                primaryKey.stream().map(i -> columns.get(i).nameUtf8()).toList()));
    }

    public List<String> primaryKeyNames() {
        return primaryKey.stream().map(i -> columns.get(i).name()).toList();
    }
}
