package io.mysync.writer.elasticsearch;

import io.mysync.writer.mapping.ChangeMapper;
import java.util.Locale;
import java.util.Map;

/**
 * The field types MySync derives from column types, for the indices it creates. Numbers stay numbers (DECIMAL
 * as double for search, its exact digits kept in {@code _source}), BIGINT UNSIGNED as keyword (exact beyond 2^63),
 * temporal columns as dates except TIME, strings as text with a keyword sub-field, binaries as binary.
 */
final class EsIndexMappings {

    private EsIndexMappings() {
    }

    /** @return null to leave the field to dynamic mapping (JSON sent as an object) */
    static Map<String, Object> typeOf(String columnType, boolean jsonObjects) {
        String t = columnType.toLowerCase(Locale.ROOT);
        if (t.equals(ChangeMapper.FLAG_TYPE)) {
            return Map.of("type", "boolean");
        }
        if (t.equals(ChangeMapper.CONSTANT_TYPE) || t.startsWith("enum") || t.startsWith("set") || t.startsWith("time(")
                || t.equals("time") || t.equals("bigint unsigned")) {
            return Map.of("type", "keyword");
        }
        if (t.startsWith("tinyint") || t.startsWith("smallint") || t.startsWith("mediumint") || t.startsWith("int")
                || t.startsWith("bigint") || t.equals("year")) {
            return Map.of("type", "long");
        }
        if (t.startsWith("bit(")) {
            int width = Integer.parseInt(t.substring(4, t.indexOf(')')));
            return Map.of("type", width < 64 ? "long" : "keyword");
        }
        if (t.startsWith("decimal") || t.startsWith("double")) {
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
}
