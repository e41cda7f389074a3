package io.mysync.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.protobuf.ByteString;
import io.mysync.events.v1.Bits;
import io.mysync.events.v1.Timestamp;
import io.mysync.events.v1.Value;
import io.mysync.events.value.ValueParsing;
import io.mysync.events.value.ValueText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * A value in the JSON envelope and back, exactly: integers and BIGINT UNSIGNED as JSON numbers, DECIMAL as its
 * text, bytes as base64, BIT(1) as a boolean and wider BITs as Debezium's little-endian bytes, temporal values as the
 * text MySQL prints (TIMESTAMP as an ISO-8601 UTC instant), SET as its comma-separated members.
 */
final class ConnectValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConnectValues() {
    }

    static JsonNode toJson(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> NODES.nullNode();
            case INT_VALUE -> NODES.numberNode(value.getIntValue());
            case UINT_VALUE -> NODES.numberNode(new BigInteger(Long.toUnsignedString(value.getUintValue())));
            case FLOAT_VALUE -> NODES.numberNode(value.getFloatValue());
            case DOUBLE_VALUE -> NODES.numberNode(value.getDoubleValue());
            case YEAR_VALUE -> NODES.numberNode(value.getYearValue());
            case BYTES_VALUE -> NODES.textNode(Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
            case BIT_VALUE -> bits(value.getBitValue());
            default -> NODES.textNode(ValueText.of(value));
        };
    }

    private static JsonNode bits(Bits bits) {
        byte[] bigEndian = bits.getBytes().toByteArray();
        if (bits.getLength() == 1) {
            return NODES.booleanNode(bigEndian.length > 0 && bigEndian[bigEndian.length - 1] != 0);
        }
        return NODES.textNode(Base64.getEncoder().encodeToString(reversed(bigEndian)));
    }

    /** The value of a column of type {@code columnType} from its JSON form. */
    static Value fromJson(JsonNode node, String columnType) {
        if (node == null || node.isNull()) {
            return Value.newBuilder().setNullValue(true).build();
        }
        String type = columnType.toLowerCase(Locale.ROOT);
        Value.Builder value = Value.newBuilder();
        switch (ConnectField.base(type)) {
            case "tinyint", "smallint", "mediumint", "int" -> value.setIntValue(node.longValue());
            case "bigint" -> {
                if (type.endsWith("unsigned")) {
                    value.setUintValue(unsigned(node));
                } else {
                    value.setIntValue(node.longValue());
                }
            }
            case "decimal" -> value.setDecimalValue(node.asText());
            case "float" -> value.setFloatValue((float) node.doubleValue());
            case "double" -> value.setDoubleValue(node.doubleValue());
            case "year" -> value.setYearValue(node.intValue());
            case "bit" -> {
                int width = Integer.parseInt(type.substring(4, type.indexOf(')')));
                byte[] bigEndian = node.isBoolean() ? new byte[] {(byte) (node.booleanValue() ? 1 : 0)}
                        : reversed(base64(node));
                value.setBitValue(Bits.newBuilder().setBytes(ByteString.copyFrom(bigEndian)).setLength(width));
            }
            case "date" -> value.setDateValue(ValueParsing.date(node.asText()));
            case "time" -> value.setTimeValue(ValueParsing.time(node.asText(), fsp(type)));
            case "datetime" -> value.setDatetimeValue(ValueParsing.datetime(node.asText(), fsp(type)));
            case "timestamp" -> value.setTimestampValue(timestamp(node.asText(), fsp(type)));
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "geometry" ->
                    value.setBytesValue(ByteString.copyFrom(base64(node)));
            case "enum" -> value.setEnumValue(node.asText());
            case "set" -> value.setSetValue(ValueParsing.set(node.asText()));
            case "json" -> value.setJsonValue(node.asText());
            default -> value.setStringValue(node.asText());
        }
        return value.build();
    }

    private static long unsigned(JsonNode node) {
        BigInteger number = node.isNumber() ? node.bigIntegerValue() : new BigInteger(base64(node));
        return number.longValue(); // the low 64 bits: the unsigned value's bit pattern
    }

    private static byte[] base64(JsonNode node) {
        try {
            return node.isBinary() ? node.binaryValue() : Base64.getDecoder().decode(node.asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] reversed(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }

    private static int fsp(String type) {
        int open = type.indexOf('(');
        return open < 0 ? 0 : Integer.parseInt(type.substring(open + 1, type.indexOf(')')));
    }

    /** {@code 2024-06-01T06:30:00.123456Z}, or MySQL's zero timestamp {@code 0000-00-00 00:00:00}. */
    static Timestamp timestamp(String text, int fsp) {
        if (text.startsWith("0000-00-00")) {
            return Timestamp.newBuilder().setFsp(fsp).build();
        }
        Instant instant = Instant.parse(text);
        return Timestamp.newBuilder().setEpochSecond(instant.getEpochSecond()).setMicros(instant.getNano() / 1000)
                .setFsp(fsp).build();
    }
}
