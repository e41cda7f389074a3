package io.mysync.events;

import java.util.Locale;
import java.util.Map;

/**
 * How one column travels in the JSON envelope: its Kafka Connect schema type, the logical name Debezium gives such
 * values (when there is one), and the column's exact MySQL type in the parameter {@value #TYPE_PARAMETER}, from which
 * {@link JsonEnvelope#decode} restores the exact value.
 */
record ConnectField(String type, String name, Map<String, String> parameters) {

    /** The column's type as the binlog spells it: {@code decimal(12,2)}, {@code bigint unsigned}, ... */
    static final String TYPE_PARAMETER = "mysync.type";

    static ConnectField of(String columnType) {
        String t = columnType.toLowerCase(Locale.ROOT);
        String base = base(t);
        Map<String, String> mysync = Map.of(TYPE_PARAMETER, columnType,
                "__debezium.source.column.type", base.toUpperCase(Locale.ROOT));
        return switch (base) {
            case "tinyint", "smallint", "mediumint", "int" -> new ConnectField("int64", null, mysync);
            case "bigint" -> t.endsWith("unsigned")
                    ? new ConnectField("bytes", "org.apache.kafka.connect.data.Decimal", with(mysync, "scale", "0"))
                    : new ConnectField("int64", null, mysync);
            case "float" -> new ConnectField("float", null, mysync);
            case "double" -> new ConnectField("double", null, mysync);
            case "decimal" -> new ConnectField("string", null, decimal(t, mysync));
            case "bit" -> t.equals("bit(1)") ? new ConnectField("boolean", null, mysync)
                    : new ConnectField("bytes", "io.debezium.data.Bits", with(mysync, "length", width(t)));
            case "year" -> new ConnectField("int32", "io.debezium.time.Year", mysync);
            case "timestamp" -> new ConnectField("string", "io.debezium.time.ZonedTimestamp", mysync);
            case "json" -> new ConnectField("string", "io.debezium.data.Json", mysync);
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "geometry" ->
                    new ConnectField("bytes", null, mysync);
            default -> new ConnectField("string", null, mysync);
        };
    }

    /** {@code decimal(12,2) unsigned} is {@code decimal}. */
    static String base(String type) {
        int end = type.length();
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (c == '(' || c == ' ') {
                end = i;
                break;
            }
        }
        return type.substring(0, end);
    }

    private static String width(String type) {
        return type.substring(type.indexOf('(') + 1, type.indexOf(')'));
    }

    private static Map<String, String> decimal(String type, Map<String, String> mysync) {
        int open = type.indexOf('(');
        if (open < 0) {
            return mysync;
        }
        String[] ps = type.substring(open + 1, type.indexOf(')')).split(",");
        return with(with(mysync, "__debezium.source.column.length", ps[0].trim()),
                "__debezium.source.column.scale", ps.length > 1 ? ps[1].trim() : "0");
    }

    private static Map<String, String> with(Map<String, String> map, String key, String value) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }
}
