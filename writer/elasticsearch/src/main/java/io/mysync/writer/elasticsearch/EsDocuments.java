package io.mysync.writer.elasticsearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Value;
import io.mysync.writer.api.PoisonEventException;
import io.mysync.events.value.NestedJson;
import io.mysync.events.value.ValueText;
import io.mysync.writer.api.mapping.ChangeMapper;
import io.mysync.writer.api.mapping.MappedChange;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A row as an Elasticsearch document with faithful JSON types: integers and BIGINT UNSIGNED as exact numbers,
 * DECIMAL as an exact decimal number, DATE/DATETIME as ISO-8601 local date-times (micros kept in the source),
 * TIMESTAMP as a UTC instant, SET as an array, BLOB as Base64, JSON as its text or, when configured, as an object.
 */
final class EsDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EsDocuments() {
    }

    static Map<String, Object> of(MappedChange change, boolean jsonObjects) throws PoisonEventException {
        Map<String, Object> document = new LinkedHashMap<>();
        for (MappedChange.Field field : change.fields()) {
            document.put(field.name(), valueOf(change.event(), field, jsonObjects));
        }
        return document;
    }

    private static Object valueOf(ChangeEvent event, MappedChange.Field field, boolean jsonObjects)
            throws PoisonEventException {
        Value value = field.value();
        if (ChangeMapper.FLAG_TYPE.equals(field.type())) {
            return Boolean.parseBoolean(value.getStringValue());
        }
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case INT_VALUE -> value.getIntValue();
            case UINT_VALUE -> new BigInteger(Long.toUnsignedString(value.getUintValue()));
            case DECIMAL_VALUE -> new BigDecimal(value.getDecimalValue());
            case FLOAT_VALUE -> value.getFloatValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            case YEAR_VALUE -> value.getYearValue();
            case BIT_VALUE -> new BigInteger(ValueText.bits(value.getBitValue()));
            case SET_VALUE -> List.copyOf(value.getSetValue().getMembersList());
            case DATETIME_VALUE -> ValueText.of(value).replace(' ', 'T');
            case JSON_VALUE -> jsonObjects ? parse(event, value.getJsonValue()) : value.getJsonValue();
            case ROWS_VALUE, ROW_VALUE, MAP_VALUE -> NestedJson.java(value, EsDocuments::nestedValueOf);
            default -> ValueText.of(value);
        };
    }

    /** A value inside a joined document's nested rows: as at the top level, JSON columns as their text. */
    private static Object nestedValueOf(Value value) {
        try {
            return valueOf(ChangeEvent.getDefaultInstance(), new MappedChange.Field("", "", value), false);
        } catch (PoisonEventException e) {
            throw new IllegalStateException(e); // only JSON parsing throws, and nested JSON stays text
        }
    }

    private static Object parse(ChangeEvent event, String json) throws PoisonEventException {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PoisonEventException(event, "JSON column holds invalid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
