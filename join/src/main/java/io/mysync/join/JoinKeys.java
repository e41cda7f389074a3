package io.mysync.join;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Row;
import io.mysync.events.value.ValueText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The key a joined row is found by, whatever column holds it: the text of the key's values in key order, as a JSON
 * array ({@code ["12","A"]}). A child's {@code parent_key} columns and the parent's primary key give the same text
 * for equal values, whatever their column types (INT in one table, BIGINT UNSIGNED in the other), as SQL's
 * {@code =} compares them.
 */
public final class JoinKeys {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JoinKeys() {
    }

    /** The key of {@code row} over {@code columns}; {@code null} when a column is NULL or missing (joins nothing). */
    public static String of(Row row, List<String> columns) {
        List<String> values = new ArrayList<>(columns.size());
        for (String name : columns) {
            String text = null;
            for (Column column : row.getColumnsList()) {
                if (column.getName().equals(name)) {
                    text = ValueText.of(column.getValue());
                    break;
                }
            }
            if (text == null) {
                return null;
            }
            values.add(text);
        }
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A row's own key: its primary-key columns, or all columns for a table without one. */
    public static String primaryKeyOf(ChangeEvent node) {
        return of(node.getAfter(), keyColumns(node));
    }

    static List<String> keyColumns(ChangeEvent node) {
        return node.getPrimaryKeyCount() > 0 ? node.getPrimaryKeyList()
                : node.getAfter().getColumnsList().stream().map(Column::getName).toList();
    }

    /** The values of a key, for a map's field names ({@code 12:A}, as document ids join them). */
    public static List<String> values(String key) {
        try {
            return List.of(JSON.readValue(key, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a join key: " + key, e);
        }
    }

    /**
     * Keys' values ({@link #values}) in key order: numbers by value, other text by its characters, column by column.
     */
    static final Comparator<List<String>> ORDER = (x, y) -> {
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = compare(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    };

    private static int compare(String a, String b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        return x != null && y != null ? x.compareTo(y) : a.compareTo(b);
    }

    private static BigDecimal number(String text) {
        if (text.isEmpty() || !(Character.isDigit(text.charAt(text.length() - 1)))) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
