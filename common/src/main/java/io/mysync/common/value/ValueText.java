package io.mysync.common.value;

import io.mysync.common.event.Bits;
import io.mysync.common.event.Date;
import io.mysync.common.event.DateTime;
import io.mysync.common.event.Time;
import io.mysync.common.event.Timestamp;
import io.mysync.common.event.Value;
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
            case YEAR_VALUE -> String.format("%04d", value.getYearValue());
            case ENUM_VALUE -> value.getEnumValue();
            case SET_VALUE -> String.join(",", value.getSetValue().getMembersList());
            case JSON_VALUE -> value.getJsonValue();
        };
    }

    /** BIT as its unsigned integer value, e.g. {@code b'101'} is {@code 5}. */
    public static String bits(Bits bits) {
        return new BigInteger(1, bits.getBytes().toByteArray()).toString();
    }

    public static String date(Date d) {
        return String.format("%04d-%02d-%02d", d.getYear(), d.getMonth(), d.getDay());
    }

    public static String time(Time t) {
        long micros = Math.abs(t.getMicros());
        long seconds = micros / 1_000_000;
        String text = String.format("%s%02d:%02d:%02d", t.getMicros() < 0 ? "-" : "",
                seconds / 3600, (seconds / 60) % 60, seconds % 60);
        return text + fraction(micros % 1_000_000, t.getFsp());
    }

    public static String datetime(DateTime dt) {
        return date(dt.getDate()) + String.format(" %02d:%02d:%02d", dt.getHour(), dt.getMinute(), dt.getSecond())
                + fraction(dt.getMicros(), dt.getFsp());
    }

    public static String timestamp(Timestamp ts) {
        if (ts.getEpochSecond() == 0 && ts.getMicros() == 0) {
            return "0000-00-00 00:00:00" + fraction(0, ts.getFsp());
        }
        return UTC_SECONDS.format(Instant.ofEpochSecond(ts.getEpochSecond())) + fraction(ts.getMicros(), ts.getFsp())
                + "Z";
    }

    private static String fraction(long micros, int fsp) {
        if (fsp <= 0) {
            return "";
        }
        return "." + String.format("%06d", micros).substring(0, fsp);
    }
}
