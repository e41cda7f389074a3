package io.mysync.events;

import io.mysync.events.v1.Date;
import io.mysync.events.v1.DateTime;
import io.mysync.events.v1.Value;
import io.mysync.events.value.NestedJson;
import io.mysync.events.value.ValueText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An event's value as the Java type a consumer would pick: {@code Long} for integers, {@code BigInteger} for BIGINT
 * UNSIGNED, {@code BigDecimal} for DECIMAL, {@code Float}/{@code Double}, {@code String} for text, ENUM and JSON,
 * {@code byte[]} for binaries and BIT, {@code LocalDate}/{@code LocalDateTime} for DATE/DATETIME (wall clock, never
 * shifted), {@code Instant} for TIMESTAMP, {@code Duration} for TIME, {@code Integer} for YEAR, {@code Set<String>}
 * for SET; {@code null} for SQL NULL. Values Java's time types cannot hold (zero dates such as {@code 0000-00-00},
 * MySQL's zero TIMESTAMP) come back as MySQL's text ({@link ValueText}), so nothing is silently changed.
 */
public final class JavaValues {

    private JavaValues() {
    }

    public static Object of(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case INT_VALUE -> value.getIntValue();
            case UINT_VALUE -> new BigInteger(Long.toUnsignedString(value.getUintValue()));
            case DECIMAL_VALUE -> new BigDecimal(value.getDecimalValue());
            case FLOAT_VALUE -> value.getFloatValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            case STRING_VALUE -> value.getStringValue();
            case BYTES_VALUE -> value.getBytesValue().toByteArray();
            case BIT_VALUE -> value.getBitValue().getBytes().toByteArray();
            case DATE_VALUE -> valid(value.getDateValue()) ? date(value.getDateValue()) : ValueText.of(value);
            case TIME_VALUE -> Duration.ofNanos(value.getTimeValue().getMicros() * 1000);
            case DATETIME_VALUE -> valid(value.getDatetimeValue().getDate()) ? dateTime(value.getDatetimeValue())
                    : ValueText.of(value);
            case TIMESTAMP_VALUE -> value.getTimestampValue().getEpochSecond() == 0
                    && value.getTimestampValue().getMicros() == 0 ? ValueText.of(value)
                    : Instant.ofEpochSecond(value.getTimestampValue().getEpochSecond(),
                    value.getTimestampValue().getMicros() * 1000L);
            case YEAR_VALUE -> value.getYearValue();
            case ENUM_VALUE -> value.getEnumValue();
            case SET_VALUE -> Set.copyOf(new LinkedHashSet<>(value.getSetValue().getMembersList()));
            case JSON_VALUE -> value.getJsonValue();
            case ROWS_VALUE, ROW_VALUE, MAP_VALUE -> NestedJson.java(value, JavaValues::of);
        };
    }

    private static boolean valid(Date date) {
        return date.getYear() > 0 && date.getMonth() > 0 && date.getDay() > 0;
    }

    private static LocalDate date(Date date) {
        return LocalDate.of(date.getYear(), date.getMonth(), date.getDay());
    }

    private static LocalDateTime dateTime(DateTime dt) {
        return date(dt.getDate()).atTime(dt.getHour(), dt.getMinute(), dt.getSecond(), dt.getMicros() * 1000);
    }
}
