package io.mysync.reader.capture;

import com.github.shyiko.mysql.binlog.event.TableMapEventData;
import io.mysync.reader.schema.TableSchema;
import io.mysync.reader.schema.TableSchemaFactory;
import io.mysync.reader.schema.UnknownColumnsException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The binlog's table maps by table id and the schema made from each. A table map repeats before every row event;
 * a schema is made again only when the map's shape changed (columns, types, metadata), and each new schema is
 * reported to {@link SchemaChanges}.
 */
final class TableMaps {

    private final TableSchemaFactory schemas;
    private final SchemaChanges schemaChanges;
    private final Map<Long, TableSchema> tables = new HashMap<>();
    private final Map<Long, TableMapEventData> maps = new HashMap<>();

    TableMaps(TableSchemaFactory schemas, SchemaChanges schemaChanges) {
        this.schemas = schemas;
        this.schemaChanges = schemaChanges;
    }

    /**
     * A table map arrived. Where its columns are unknown (no names in the map, none in the schema history) the
     * reader stops while {@code publishing}; before its start the table is forgotten instead, as its rows are not
     * published and a schema history describes the start, not them.
     *
     * @throws UnknownColumnsException while publishing, when the columns cannot be named
     */
    void define(TableMapEventData map, boolean publishing) {
        TableMapEventData known = maps.get(map.getTableId());
        if (known != null && sameShape(known, map)) {
            return;
        }
        TableSchema schema;
        try {
            schema = schemas.create(map);
        } catch (UnknownColumnsException e) {
            if (publishing) {
                throw e;
            }
            maps.remove(map.getTableId());
            tables.remove(map.getTableId());
            return;
        }
        maps.put(map.getTableId(), map);
        tables.put(map.getTableId(), schema);
        schemaChanges.tableMap(schema);
    }

    /** The schema of a table id, or null when no table map defined it. */
    TableSchema schema(long tableId) {
        return tables.get(tableId);
    }

    /** After a DDL: the next map of each table is read again, against the new definitions. */
    void forgetShapes() {
        maps.clear();
    }

    /** After the set of captured tables changed: every known table's schema is made again from its last map. */
    void recreateSchemas() {
        maps.forEach((id, map) -> tables.put(id, schemas.create(map)));
    }

    private static boolean sameShape(TableMapEventData a, TableMapEventData b) {
        return a.getDatabase().equals(b.getDatabase()) && a.getTable().equals(b.getTable())
                && Arrays.equals(a.getColumnTypes(), b.getColumnTypes())
                && Arrays.equals(a.getColumnMetadata(), b.getColumnMetadata())
                && a.getEventMetadata() != null && b.getEventMetadata() != null
                && Objects.equals(a.getEventMetadata().getColumnNames(), b.getEventMetadata().getColumnNames())
                && Objects.equals(a.getEventMetadata().getSimplePrimaryKeys(),
                b.getEventMetadata().getSimplePrimaryKeys());
    }
}
