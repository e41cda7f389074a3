package io.mysync.events.value;

import io.mysync.events.v1.Bits;
import io.mysync.events.v1.Date;
import io.mysync.events.v1.DateTime;
import io.mysync.events.v1.Time;
import io.mysync.events.v1.Timestamp;
import io.mysync.events.v1.Value;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * The one text form of every value, used by stores that keep strings (Redis hashes, HBase UTF-8 cells) and by the
 * row-by-row comparisons. Temporal values print as MySQL prints them ({@code CAST(x AS CHAR)}), with the column's
 * fractional precision; TIMESTAMP prints as an ISO-8601 UTC instant because it is one.
 */
public final class ValueText {

    private static final DateTimeFormatter UTC_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private ValueText() {
    }

    /** Text of a value; {@code null} for SQL NULL (stores leave the field out). Bytes are Base64. */
    public static String of(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case INT_VALUE -> Long.toString(value.getIntValue());
            case UINT_VALUE -> Long.toUnsignedString(value.getUintValue());
            case DECIMAL_VALUE -> value.getDecimalValue();
            case FLOAT_VALUE -> Float.toString(value.getFloatValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case STRING_VALUE -> value.getStringValue();
            case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
            case BIT_VALUE -> bits(value.getBitValue());
            case DATE_VALUE -> date(value.getDateValue());
            case TIME_VALUE -> time(value.getTimeValue());
            case DATETIME_VALUE -> datetime(value.getDatetimeValue());
            case TIMESTAMP_VALUE -> timestamp(value.getTimestampValue());
            case YEAR_VALUE -> pad(new StringBuilder(4), value.getYearValue(), 4).toString();
            case ENUM_VALUE -> value.getEnumValue();
            case SET_VALUE -> String.join(",", value.getSetValue().getMembersList());
            case JSON_VALUE -> value.getJsonValue();
            case ROWS_VALUE, ROW_VALUE, MAP_VALUE -> NestedJson.text(value);
        };
    }

    /** BIT as its unsigned integer value, e.g. {@code b'101'} is {@code 5}. */
    public static String bits(Bits bits) {
        return new BigInteger(1, bits.getBytes().toByteArray()).toString();
    }

    public static String date(Date d) {
        return appendDate(new StringBuilder(10), d).toString();
    }

    public static String time(Time t) {
        long micros = Math.abs(t.getMicros());
        long seconds = micros / 1_000_000;
        StringBuilder text = new StringBuilder(16);
        if (t.getMicros() < 0) {
            text.append('-');
        }
        pad(text, seconds / 3600, 2).append(':');
        pad(text, (seconds / 60) % 60, 2).append(':');
        pad(text, seconds % 60, 2);
        return appendFraction(text, micros % 1_000_000, t.getFsp()).toString();
    }

    public static String datetime(DateTime dt) {
        StringBuilder text = appendDate(new StringBuilder(26), dt.getDate()).append(' ');
        pad(text, dt.getHour(), 2).append(':');
        pad(text, dt.getMinute(), 2).append(':');
        pad(text, dt.getSecond(), 2);
        return appendFraction(text, dt.getMicros(), dt.getFsp()).toString();
    }

    private static StringBuilder appendDate(StringBuilder text, Date d) {
        pad(text, d.getYear(), 4).append('-');
        pad(text, d.getMonth(), 2).append('-');
        return pad(text, d.getDay(), 2);
    }

    /** Appends a non-negative number left-padded with zeros to {@code width} digits (String.format is slow). */
    private static StringBuilder pad(StringBuilder text, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }

    private static StringBuilder appendFraction(StringBuilder text, long micros, int fsp) {
        if (fsp <= 0) {
            return text;
        }
        String six = pad(new StringBuilder(6), micros, 6).toString();
        return text.append('.').append(six, 0, fsp);
    }

    public static String timestamp(Timestamp ts) {
        if (ts.getEpochSecond() == 0 && ts.getMicros() == 0) {
            return appendFraction(new StringBuilder("0000-00-00 00:00:00"), 0, ts.getFsp()).toString();
        }
        StringBuilder text = new StringBuilder(28).append(UTC_SECONDS.format(Instant.ofEpochSecond(ts.getEpochSecond())));
        return appendFraction(text, ts.getMicros(), ts.getFsp()).append('Z').toString();
    }
}
