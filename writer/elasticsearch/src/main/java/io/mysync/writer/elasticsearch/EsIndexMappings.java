package io.mysync.writer.elasticsearch;

import io.mysync.events.v1.Row;
import io.mysync.events.v1.Value;
import io.mysync.writer.api.mapping.ChangeMapper;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The field types MySync derives from column types, for the indices it creates. Numbers stay numbers and exact:
 * BIGINT UNSIGNED as {@code unsigned_long}, DECIMAL(p,s) as {@code scaled_float} with factor 10^s where p is at most
 * 15 (every such value fits a double exactly) and {@code keyword} above, or {@code double} when the mapping asks
 * ({@link EsDecimals}); the exact digits are in {@code _source} either way. Temporal columns are dates except TIME,
 * strings text with a keyword sub-field, binaries binary.
 */
final class EsIndexMappings {

    private EsIndexMappings() {
    }

    /**
     * The field of a column of a row or of a joined document: nested child rows are a {@code nested} field (an array)
     * or an {@code object} (a map by key), a looked-up row an {@code object}, each with the properties its first row's
     * columns give (later fields are left to dynamic mapping).
     *
     * @return null to leave the field to dynamic mapping
     */
    static Map<String, Object> fieldOf(String columnType, Value value, boolean jsonObjects, EsDecimals decimals) {
        return switch (value.getKindCase()) {
            case ROWS_VALUE -> withProperties("nested", value.getRowsValue().getRowsList().stream().findFirst(),
                    jsonObjects, decimals);
            case MAP_VALUE -> Map.of("type", "object");
            case ROW_VALUE -> withProperties("object", Optional.of(value.getRowValue()), jsonObjects, decimals);
            default -> typeOf(columnType, jsonObjects, decimals);
        };
    }

    private static Map<String, Object> withProperties(String type, Optional<Row> first, boolean jsonObjects,
                                                      EsDecimals decimals) {
        Map<String, Object> properties = new LinkedHashMap<>();
        first.ifPresent(row -> row.getColumnsList().forEach(column -> {
            Map<String, Object> field = fieldOf(column.getType(), column.getValue(), jsonObjects, decimals);
            if (field != null) {
                properties.put(column.getName(), field);
            }
        }));
        return properties.isEmpty() ? Map.of("type", type) : Map.of("type", type, "properties", properties);
    }

    /** @return null to leave the field to dynamic mapping (JSON sent as an object) */
    static Map<String, Object> typeOf(String columnType, boolean jsonObjects, EsDecimals decimals) {
        String t = columnType.toLowerCase(Locale.ROOT);
        if (t.equals(ChangeMapper.FLAG_TYPE)) {
            return Map.of("type", "boolean");
        }
        if (t.equals(ChangeMapper.CONSTANT_TYPE) || t.startsWith("enum") || t.startsWith("set") || t.startsWith("time(")
                || t.equals("time")) {
            return Map.of("type", "keyword");
        }
        if (t.startsWith("bigint") && t.endsWith("unsigned")) {
            return Map.of("type", "unsigned_long");
        }
        if (t.startsWith("decimal")) {
            return decimal(t, decimals);
        }
        if (t.startsWith("tinyint") || t.startsWith("smallint") || t.startsWith("mediumint") || t.startsWith("int")
                || t.startsWith("bigint") || t.equals("year")) {
            return Map.of("type", "long");
        }
        if (t.startsWith("bit(")) {
            int width = Integer.parseInt(t.substring(4, t.indexOf(')')));
            return Map.of("type", width < 64 ? "long" : "keyword");
        }
        if (t.startsWith("double")) {
            return Map.of("type", "double");
        }
        if (t.startsWith("float")) {
            return Map.of("type", "float");
        }
        if (t.equals("date") || t.startsWith("datetime") || t.startsWith("timestamp")) {
            return Map.of("type", "date");
        }
        if (t.equals("json")) {
            return jsonObjects ? null : Map.of("type", "text");
        }
        if (t.equals("char") || t.equals("varchar")) {
            return Map.of("type", "text", "fields", Map.of("keyword", Map.of("type", "keyword", "ignore_above", 256)));
        }
        if (t.endsWith("text")) {
            return Map.of("type", "text");
        }
        if (t.endsWith("binary") || t.endsWith("blob") || t.equals("geometry")) {
            return Map.of("type", "binary");
        }
        return Map.of("type", "keyword");
    }

    /**
     * The type, or {@code keyword} (exact text) when the cluster lacks its mapper: {@code scaled_float} comes with
     * the mapper-extras module and {@code unsigned_long} with x-pack's, which a stripped-down node may not have.
     */
    static Map<String, Object> available(Map<String, Object> type, Set<String> missingTypes) {
        return type != null && missingTypes.contains(String.valueOf(type.get("type")))
                ? Map.of("type", "keyword") : type;
    }

    /** The field type an Elasticsearch refusal says it does not know, if that is what it says. */
    static Optional<String> missingType(String refusal) {
        Matcher m = MISSING_TYPE.matcher(refusal == null ? "" : refusal);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static final Pattern MISSING_TYPE = Pattern.compile(
            "mapper type \\[(\\w+)] declared on field \\[[^]]*] does not exist");

    /** The largest precision whose every value, times 10^scale, is a long below 2^53: a double holds it exactly. */
    static final int EXACT_PRECISION = 15;

    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+)(?:,\\s*(\\d+))?\\).*");

    private static Map<String, Object> decimal(String type, EsDecimals decimals) {
        if (decimals == EsDecimals.DOUBLE) {
            return Map.of("type", "double");
        }
        Matcher m = DECIMAL.matcher(type);
        int precision = m.matches() ? Integer.parseInt(m.group(1)) : 10;
        int scale = m.matches() && m.group(2) != null ? Integer.parseInt(m.group(2)) : 0;
        if (precision > EXACT_PRECISION) {
            return Map.of("type", "keyword");
        }
        return Map.of("type", "scaled_float", "scaling_factor", Math.pow(10, scale));
    }
}
