package io.mysync.common.sql;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code __mysync.signal}: one row per source and kind, rewritten in place, through which the dump tool asks a
 * running reader to backfill a table and the reader's backfill writes its low and high watermarks into the binlog.
 * The reader sees every write in its binlog stream, in order with the changes around it.
 */
public final class SignalTable {

    public static final String DATABASE = "__mysync";
    public static final String TABLE = "signal";

    /** A backfill request; value: request id. */
    public static final String BACKFILL = "backfill";
    /** Written before a chunk is read; value: chunk id. */
    public static final String LOW = "low";
    /**
     * {@code mysync verify --repair} asks for exact rows: value {@code REQUEST KEYS}, see
     * {@link #repairValue} (at most {@link #VALUE_LENGTH} characters).
     */
    public static final String REPAIR = "repair";
    /** The longest value the table holds. */
    public static final int VALUE_LENGTH = 2000;
    /** Written after a chunk was read; value: chunk id. */
    public static final String HIGH = "high";
    /** Rows a backfill emitted so far; value: request id, then the count. */
    public static final String PROGRESS = "progress";
    /** The backfill ended; value: request id, then "ok ROWS" or "failed REASON". */
    public static final String DONE = "done";

    private final Connection db;
    private final String sourceId;

    public SignalTable(Connection db, String sourceId) {
        this.db = db;
        this.sourceId = sourceId;
    }

    public static boolean isSignalTable(String database, String table) {
        return DATABASE.equals(database) && TABLE.equals(table);
    }

    /** The value of a repair request: the request id, a space, then each key's values, ';' between keys. */
    public static String repairValue(String request, List<List<String>> keys) {
        return request + " " + keys.stream().map(SignalTable::keyText).collect(Collectors.joining(";"));
    }

    /** The keys of a repair request's value, each as its column values in primary-key order. */
    public static List<List<String>> repairKeys(String value) {
        String keys = value.substring(value.indexOf(' ') + 1);
        return keys.isEmpty() ? List.of() : Arrays.stream(keys.split(";", -1)).map(k -> Arrays.stream(k.split(",", -1))
                .map(v -> URLDecoder.decode(v, StandardCharsets.UTF_8)).toList()).toList();
    }

    /** One key as it appears in a repair request: its values URL-encoded, ',' between them. */
    public static String keyText(List<String> key) {
        return key.stream().map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8)).collect(Collectors.joining(","));
    }

    /** Creates the table if needed (CREATE on {@code __mysync}). */
    public SignalTable create() throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS `" + DATABASE + "`");
            st.execute("CREATE TABLE IF NOT EXISTS `" + DATABASE + "`.`" + TABLE + "` ("
                    + " source_id VARCHAR(64) NOT NULL, kind VARCHAR(16) NOT NULL,"
                    + " table_name VARCHAR(200) NOT NULL DEFAULT '', value VARCHAR(2000) NOT NULL DEFAULT '',"
                    + " written TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),"
                    + " PRIMARY KEY (source_id, kind))");
        }
        return this;
    }

    /** Writes (inserts or rewrites) this source's row of {@code kind}, in a transaction of its own. */
    public void write(String kind, String table, String value) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("INSERT INTO `" + DATABASE + "`.`" + TABLE + "` (source_id,"
                + " kind, table_name, value, written) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP(3)) ON DUPLICATE KEY"
                + " UPDATE table_name = VALUES(table_name), value = VALUES(value), written = VALUES(written)")) {
            st.setString(1, sourceId);
            st.setString(2, kind);
            st.setString(3, table);
            st.setString(4, value);
            st.executeUpdate();
        }
    }

    /** The value of this source's row of {@code kind}, if written. */
    public Optional<String> read(String kind) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("SELECT value FROM `" + DATABASE + "`.`" + TABLE
                + "` WHERE source_id = ? AND kind = ?")) {
            st.setString(1, sourceId);
            st.setString(2, kind);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
