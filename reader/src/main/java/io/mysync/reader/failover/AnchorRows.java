package io.mysync.reader.failover;

import io.mysync.reader.schema.ColumnSpec;
import io.mysync.reader.schema.TableSchema;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Recognises the failover marker rows of {@code __mysync.anchor} (and reads MySync's other own rows). */
public final class AnchorRows {

    public static final String DATABASE = "__mysync";
    public static final String TABLE = "anchor";

    private AnchorRows() {
    }

    public static boolean isAnchorTable(String database, String table) {
        return DATABASE.equals(database) && TABLE.equals(table);
    }

    /** The marker a row image carries for {@code sourceId}, or empty for another source's row. */
    public static OptionalLong marker(TableSchema schema, Serializable[] cells, String sourceId) {
        List<ColumnSpec> columns = schema.columns();
        Serializable source = null;
        Serializable marker = null;
        for (int i = 0; i < columns.size() && i < cells.length; i++) {
            switch (columns.get(i).name()) {
                case "source_id" -> source = cells[i];
                case "marker" -> marker = cells[i];
                default -> {
                }
            }
        }
        String id = source instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : source == null ? null : source.toString();
        if (!sourceId.equals(id) || !(marker instanceof Number n)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(n.longValue());
    }

    /** A row of one of MySync's own tables as column name to text (text columns only; others are left out). */
    public static Map<String, String> text(TableSchema schema, Serializable[] cells) {
        Map<String, String> out = new HashMap<>();
        List<ColumnSpec> columns = schema.columns();
        for (int i = 0; i < columns.size() && i < cells.length; i++) {
            if (cells[i] instanceof byte[] bytes) {
                out.put(columns.get(i).name(), new String(bytes, StandardCharsets.UTF_8));
            } else if (cells[i] instanceof String text) {
                out.put(columns.get(i).name(), text);
            }
        }
        return out;
    }
}
