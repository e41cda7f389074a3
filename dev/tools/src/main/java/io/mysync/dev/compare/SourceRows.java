package io.mysync.dev.compare;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a source table over plain SQL into the text form MySync stores ({@code ValueText}), computed on a path
 * independent of the binlog: SQL casts for most types, UNIX_TIMESTAMP for TIMESTAMP, raw bytes for binary types.
 * A row is column name to bytes; NULL columns are absent.
 */
public final class SourceRows {

    private static final DateTimeFormatter UTC_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    /** A column as information_schema describes it. */
    public record ColumnInfo(String name, String dataType, int fsp) {
    }

    private SourceRows() {
    }

    public static List<ColumnInfo> columns(Connection db, String database, String table) throws SQLException {
        List<ColumnInfo> out = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, DATETIME_PRECISION "
                + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            st.setString(1, database);
            st.setString(2, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new ColumnInfo(rs.getString(1), rs.getString(2).toLowerCase(Locale.ROOT), rs.getInt(3)));
                }
            }
        }
        return out;
    }

    /** Streams every row of the table to {@code each}. */
    public static void forEach(Connection db, String database, String table, Consumer<Map<String, byte[]>> each)
            throws SQLException {
        List<ColumnInfo> columns = columns(db, database, table);
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            select.append(i == 0 ? "" : ", ").append(expression(columns.get(i)));
        }
        select.append(" FROM `").append(database).append("`.`").append(table).append('`');
        try (Statement st = db.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            st.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = st.executeQuery(select.toString())) {
                while (rs.next()) {
                    Map<String, byte[]> row = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        byte[] value = text(rs, i + 1, columns.get(i));
                        if (value != null) {
                            row.put(columns.get(i).name(), value);
                        }
                    }
                    each.accept(row);
                }
            }
        }
    }

    private static String expression(ColumnInfo c) {
        String col = "`" + c.name() + "`";
        return switch (c.dataType()) {
            case "timestamp" -> "UNIX_TIMESTAMP(" + col + ")";
            case "float", "double", "real", "tinyblob", "blob", "mediumblob", "longblob", "binary", "varbinary",
                    "geometry" -> col;
            case "bit" -> "CAST(" + col + " AS UNSIGNED)";
            default -> "CAST(" + col + " AS CHAR)";
        };
    }

    private static byte[] text(ResultSet rs, int index, ColumnInfo c) throws SQLException {
        byte[] raw = rs.getBytes(index);
        if (raw == null) {
            return null;
        }
        return switch (c.dataType()) {
            case "float" -> Float.toString(rs.getFloat(index)).getBytes();
            case "double", "real" -> Double.toString(rs.getDouble(index)).getBytes();
            case "timestamp" -> timestamp(rs.getString(index), c.fsp()).getBytes();
            default -> raw;
        };
    }

    static String timestamp(String unixSeconds, int fsp) {
        BigDecimal value = new BigDecimal(unixSeconds);
        long seconds = value.longValue();
        long micros = value.subtract(BigDecimal.valueOf(seconds)).movePointRight(6).longValue();
        String fraction = fsp > 0 ? "." + String.format("%06d", micros).substring(0, fsp) : "";
        if (seconds == 0 && micros == 0) {
            return "0000-00-00 00:00:00" + fraction;
        }
        return UTC_SECONDS.format(Instant.ofEpochSecond(seconds)) + fraction + "Z";
    }
}
