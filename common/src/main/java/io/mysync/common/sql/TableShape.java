package io.mysync.common.sql;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A table as the dump reads it.
 *
 * @param primaryKey    indexes of the primary-key columns in key order, empty without one (events carry these, as
 *                      the reader's do)
 * @param chunkKey      indexes of the columns chunks are ranges of: the primary key, or else a unique key whose
 *                      columns are all NOT NULL
 * @param chunkKeyName  "PRIMARY" or the unique index's name
 * @param estimatedRows information_schema's estimate, for planning and progress only
 */
public record TableShape(String database, String table, List<SourceColumn> columns, List<Integer> primaryKey,
                         List<Integer> chunkKey, String chunkKeyName, long estimatedRows) {

    public String name() {
        return database + "." + table;
    }

    public String quotedName() {
        return quote(database) + "." + quote(table);
    }

    public List<String> primaryKeyNames() {
        return primaryKey.stream().map(i -> columns.get(i).name()).toList();
    }

    public List<SourceColumn> chunkColumns() {
        return chunkKey.stream().map(columns::get).toList();
    }

    /** The reader's schema version of the same columns and key: a CRC32 of names, types and key indexes. */
    public int schemaVersion() {
        CRC32 crc = new CRC32();
        for (SourceColumn c : columns) {
            crc.update((c.name() + ":" + c.typeName() + ";").getBytes(StandardCharsets.UTF_8));
        }
        crc.update(primaryKey.toString().getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
