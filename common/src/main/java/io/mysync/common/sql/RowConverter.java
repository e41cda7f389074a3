package io.mysync.common.sql;

import com.google.protobuf.ByteString;
import io.mysync.events.v1.Bits;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.Timestamp;
import io.mysync.events.v1.Value;
import io.mysync.events.value.ValueParsing;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads rows over SQL into the exact values the reader decodes from the binlog for the same rows: the SELECT list
 * asks the server for forms that convert without loss (temporal values as text, TIMESTAMP as its UTC instant, BIT
 * as a number), and FLOAT/DOUBLE arrive in binary over server-side prepared statements.
 */
public final class RowConverter {

    private static final Value NULL = Value.newBuilder().setNullValue(true).build();

    /**
     * Connection options the conversion relies on, appended to a source's JDBC URL: server-side prepared statements
     * bring FLOAT and DOUBLE unrounded, and text arrives as UTF-8 whatever the column's character set.
     */
    public static final String JDBC_OPTIONS = "&useServerPrepStmts=true&cachePrepStmts=true&characterEncoding=UTF-8";

    private final List<SourceColumn> columns;

    public RowConverter(List<SourceColumn> columns) {
        this.columns = columns;
    }

    /** The SELECT list, one expression per column, in column order. */
    public String selectList() {
        StringBuilder out = new StringBuilder();
        for (SourceColumn c : columns) {
            out.append(out.isEmpty() ? "" : ", ").append(expression(c));
        }
        return out.toString();
    }

    static String expression(SourceColumn c) {
        String col = TableShape.quote(c.name());
        return switch (c.dataType()) {
            case "timestamp" -> "UNIX_TIMESTAMP(" + col + ")";
            case "bit" -> "CAST(" + col + " AS UNSIGNED)";
            case "date", "datetime", "time", "enum", "set", "json", "decimal", "numeric" -> "CAST(" + col + " AS CHAR)";
            default -> col;
        };
    }

    public Row row(ResultSet rs) throws SQLException {
        List<Column> cells = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            SourceColumn c = columns.get(i);
            cells.add(Column.newBuilder().setNameBytes(c.nameUtf8()).setTypeBytes(c.typeNameUtf8())
                    .setValue(value(rs, i + 1, c)).build());
        }
        return Row.newBuilder().addAllColumns(cells).build();
    }

    static Value value(ResultSet rs, int index, SourceColumn c) throws SQLException {
        Value.Builder v = Value.newBuilder();
        switch (c.dataType()) {
            case "tinyint", "smallint", "mediumint", "int", "integer" -> v.setIntValue(rs.getLong(index));
            case "bigint" -> {
                if (c.unsigned()) {
                    String text = rs.getString(index);
                    v.setUintValue(text == null ? 0 : Long.parseUnsignedLong(text));
                } else {
                    v.setIntValue(rs.getLong(index));
                }
            }
            case "float" -> v.setFloatValue(rs.getFloat(index));
            case "double", "real" -> v.setDoubleValue(rs.getDouble(index));
            case "year" -> v.setYearValue(rs.getInt(index));
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext" -> {
                // the connection's results are UTF-8: the bytes go into the event as they came, never decoded
                byte[] bytes = rs.getBytes(index);
                if (bytes != null) {
                    if (c.binary()) {
                        v.setBytesValue(ByteString.copyFrom(bytes));
                    } else {
                        v.setStringValueBytes(ByteString.copyFrom(bytes));
                    }
                }
            }
            default -> {
                if (c.binary()) {
                    byte[] bytes = rs.getBytes(index);
                    if (bytes != null) {
                        v.setBytesValue(ByteString.copyFrom(bytes));
                    }
                } else {
                    String text = rs.getString(index);
                    if (text != null) {
                        text(v, c, text);
                    }
                }
            }
        }
        return rs.wasNull() ? NULL : v.build();
    }

    private static void text(Value.Builder v, SourceColumn c, String text) {
        switch (c.dataType()) {
            case "decimal", "numeric" -> v.setDecimalValue(new BigDecimal(text)
                    .setScale(c.scale(), RoundingMode.UNNECESSARY).toPlainString());
            case "bit" -> v.setBitValue(bits(Long.parseUnsignedLong(text), c.width()));
            case "date" -> v.setDateValue(ValueParsing.date(text));
            case "time" -> v.setTimeValue(ValueParsing.time(text, c.fsp()));
            case "datetime" -> v.setDatetimeValue(ValueParsing.datetime(text, c.fsp()));
            case "timestamp" -> v.setTimestampValue(timestamp(text, c.fsp()));
            case "enum" -> v.setEnumValue(text);
            case "set" -> v.setSetValue(ValueParsing.set(text));
            case "json" -> v.setJsonValue(text);
            default -> v.setStringValue(text);
        }
    }

    static Bits bits(long value, int width) {
        byte[] out = new byte[(width + 7) / 8];
        for (int i = 0; i < out.length; i++) {
            out[out.length - 1 - i] = (byte) (value >>> (8 * i));
        }
        return Bits.newBuilder().setBytes(ByteString.copyFrom(out)).setLength(width).build();
    }

    /** UNIX_TIMESTAMP's "1700000000.123456"; 0 is the zero timestamp. */
    static Timestamp timestamp(String unixSeconds, int fsp) {
        BigDecimal value = new BigDecimal(unixSeconds);
        long seconds = value.longValue();
        long micros = value.subtract(BigDecimal.valueOf(seconds)).movePointRight(6).longValue();
        return Timestamp.newBuilder().setEpochSecond(seconds).setMicros((int) micros).setFsp(fsp).build();
    }
}
