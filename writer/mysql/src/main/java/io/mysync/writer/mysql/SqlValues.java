package io.mysync.writer.mysql;

import io.mysync.events.v1.Value;
import io.mysync.events.value.ValueText;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Binds an event's values as the server takes them back into the same column types: numbers as numbers (BIGINT
 * UNSIGNED and DECIMAL exactly), bytes and BIT as bytes, temporal values as their text (TIMESTAMP in UTC: the sink's
 * session runs at time_zone +00:00), SET as its comma-separated members.
 */
final class SqlValues {

    private SqlValues() {
    }

    static void bind(PreparedStatement statement, int index, Value value) throws SQLException {
        switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> statement.setNull(index, Types.NULL);
            case INT_VALUE -> statement.setLong(index, value.getIntValue());
            case UINT_VALUE -> statement.setBigDecimal(index,
                    new BigDecimal(Long.toUnsignedString(value.getUintValue())));
            case DECIMAL_VALUE -> statement.setBigDecimal(index, new BigDecimal(value.getDecimalValue()));
            case FLOAT_VALUE -> statement.setFloat(index, value.getFloatValue());
            case DOUBLE_VALUE -> statement.setDouble(index, value.getDoubleValue());
            case BYTES_VALUE -> statement.setBytes(index, value.getBytesValue().toByteArray());
            case BIT_VALUE -> statement.setBytes(index, value.getBitValue().getBytes().toByteArray());
            case YEAR_VALUE -> statement.setInt(index, value.getYearValue());
            case TIMESTAMP_VALUE -> {
                String utc = ValueText.of(value);
                statement.setString(index, utc.endsWith("Z") ? utc.substring(0, utc.length() - 1) : utc);
            }
            default -> statement.setString(index, ValueText.of(value));
        }
    }
}
