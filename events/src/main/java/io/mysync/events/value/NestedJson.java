package io.mysync.events.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.Value;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The JSON of a joined document's nested values: {@code rows_value} as an array of objects, {@code row_value} as an
 * object, {@code map_value} as an object of objects by key. Each store passes how it writes a plain value, so a
 * nested DECIMAL is written exactly as the same store writes a top-level one.
 */
public final class NestedJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private NestedJson() {
    }

    public static boolean isNested(Value value) {
        return switch (value.getKindCase()) {
            case ROWS_VALUE, ROW_VALUE, MAP_VALUE -> true;
            default -> false;
        };
    }

    /** The nested value as JSON; {@code leaf} writes every value that is not itself nested. */
    public static JsonNode of(Value value, Function<Value, JsonNode> leaf) {
        return switch (value.getKindCase()) {
            case ROWS_VALUE -> {
                ArrayNode array = NODES.arrayNode();
                value.getRowsValue().getRowsList().forEach(row -> array.add(object(row, leaf)));
                yield array;
            }
            case ROW_VALUE -> object(value.getRowValue(), leaf);
            case MAP_VALUE -> {
                ObjectNode object = NODES.objectNode();
                new TreeMap<>(value.getMapValue().getRowsMap()).forEach((key, row) -> object.set(key, object(row, leaf)));
                yield object;
            }
            default -> leaf.apply(value);
        };
    }

    private static ObjectNode object(Row row, Function<Value, JsonNode> leaf) {
        ObjectNode object = NODES.objectNode();
        for (Column column : row.getColumnsList()) {
            object.set(column.getName(), of(column.getValue(), leaf));
        }
        return object;
    }

    /** Text form: every plain value as {@link ValueText} writes it, SQL NULL as null. */
    static String text(Value value) {
        return of(value, v -> {
            String text = ValueText.of(v);
            return text == null ? NODES.nullNode() : NODES.textNode(text);
        }).toString();
    }

    /** Java form: lists of maps and maps, every plain value as {@code JavaValues} reads it. */
    public static Object java(Value value, Function<Value, Object> leaf) {
        return switch (value.getKindCase()) {
            case ROWS_VALUE -> value.getRowsValue().getRowsList().stream().map(row -> map(row, leaf)).toList();
            case ROW_VALUE -> map(value.getRowValue(), leaf);
            case MAP_VALUE -> {
                Map<String, Object> byKey = new TreeMap<>();
                value.getMapValue().getRowsMap().forEach((key, row) -> byKey.put(key, map(row, leaf)));
                yield byKey;
            }
            default -> leaf.apply(value);
        };
    }

    private static Map<String, Object> map(Row row, Function<Value, Object> leaf) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (Column column : row.getColumnsList()) {
            out.put(column.getName(), java(column.getValue(), leaf));
        }
        return out;
    }
}
