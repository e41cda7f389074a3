package io.mysync.join;

import io.mysync.config.model.DocumentShape;
import io.mysync.config.model.NestForm;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.RowMap;
import io.mysync.events.v1.Rows;
import io.mysync.events.v1.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the parts of a joined document are put into a row: nested child rows as one column (an array ordered by the
 * child's key, or a map by it), a looked-up row as one column of its chosen fields (all null when no row matches).
 */
public final class DocumentParts {

    /** Column type names of the parts, for the stores' derived mappings (Elasticsearch: nested and object). */
    public static final String NESTED_ARRAY = "nested_array";
    public static final String NESTED_MAP = "nested_map";
    public static final String LOOKUP = "lookup";

    private static final Value NULL = Value.newBuilder().setNullValue(true).build();

    private DocumentParts() {
    }

    /** The node with column {@code name} set to {@code value} (replaced when present). */
    public static ChangeEvent withColumn(ChangeEvent node, String name, String type, Value value) {
        Row.Builder row = Row.newBuilder();
        for (Column column : node.getAfter().getColumnsList()) {
            if (!column.getName().equals(name)) {
                row.addColumns(column);
            }
        }
        row.addColumns(Column.newBuilder().setName(name).setType(type).setValue(value));
        return node.toBuilder().setAfter(row).build();
    }

    /** A child row as it is kept under its parent: the chosen columns and the child's own nested parts. */
    public static Row child(ChangeEvent node, DocumentShape.Nest nest) {
        if (nest.columns().isEmpty()) {
            return node.getAfter();
        }
        Set<String> parts = new java.util.HashSet<>(nest.columns());
        nest.shape().nests().forEach(n -> parts.add(n.path()));
        nest.shape().lookups().forEach(l -> parts.add(l.into()));
        Row.Builder row = Row.newBuilder();
        for (Column column : node.getAfter().getColumnsList()) {
            if (parts.contains(column.getName())) {
                row.addColumns(column);
            }
        }
        return row.build();
    }

    /** The column type of a nest's column. */
    public static String typeOf(io.mysync.config.model.DocumentShape.Nest nest) {
        return nest.as() == NestForm.MAP ? NESTED_MAP : NESTED_ARRAY;
    }

    /** The column of a nest: every child of the parent, by {@link JoinKeys}. */
    public static Value nested(RowMap children, NestForm form) {
        Map<String, Row> rows = children == null ? Map.of() : children.getRowsMap();
        // each key read once, not at every comparison of the sort
        List<Map.Entry<List<String>, String>> keys = new ArrayList<>(rows.size());
        rows.keySet().forEach(key -> keys.add(Map.entry(JoinKeys.values(key), key)));
        keys.sort(Map.Entry.comparingByKey(JoinKeys.ORDER));
        if (form == NestForm.MAP) {
            RowMap.Builder map = RowMap.newBuilder();
            keys.forEach(key -> map.putRows(String.join(":", key.getKey()), rows.get(key.getValue())));
            return Value.newBuilder().setMapValue(map).build();
        }
        Rows.Builder array = Rows.newBuilder();
        keys.forEach(key -> array.addRows(rows.get(key.getValue())));
        return Value.newBuilder().setRowsValue(array).build();
    }

    /** The column of a lookup: the referenced row's chosen columns, each null when there is no such row. */
    public static Value lookedUp(ChangeEvent referenced, List<String> columns) {
        Row.Builder row = Row.newBuilder();
        for (String name : columns) {
            Column found = null;
            if (referenced != null) {
                for (Column column : referenced.getAfter().getColumnsList()) {
                    if (column.getName().equals(name)) {
                        found = column;
                    }
                }
            }
            row.addColumns(found != null ? found : Column.newBuilder().setName(name).setValue(NULL).build());
        }
        return Value.newBuilder().setRowValue(row).build();
    }
}
