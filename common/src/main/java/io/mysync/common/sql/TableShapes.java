package io.mysync.common.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads tables' columns and keys from information_schema. */
public final class TableShapes {

    private final Connection db;

    public TableShapes(Connection db) {
        this.db = db;
    }

    /** Every base table of the server outside the system schemas, as DB.TABLE. */
    public List<String> allTables() throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME "
                + "FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA NOT IN ('mysql', "
                + "'sys', 'information_schema', 'performance_schema', '__mysync') ORDER BY TABLE_SCHEMA, TABLE_NAME");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1) + "." + rs.getString(2));
            }
        }
        return out;
    }

    /**
     * The table's shape, or a {@link UnchunkableTableException} when it has neither a primary key nor a unique key
     * on NOT NULL columns; empty when the table does not exist.
     */
    public Optional<TableShape> read(String database, String table) throws SQLException {
        List<SourceColumn> columns = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        Map<String, Boolean> nullable = new LinkedHashMap<>();
        try (PreparedStatement st = db.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, "
                + "CHARACTER_SET_NAME, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, IS_NULLABLE "
                + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                + "ORDER BY ORDINAL_POSITION")) {
            st.setString(1, database);
            st.setString(2, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    index.put(name, columns.size());
                    nullable.put(name, "YES".equals(rs.getString(8)));
                    columns.add(SourceColumn.of(name, rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getInt(6), rs.getInt(7)));
                }
            }
        }
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<String>> uniqueKeys = new LinkedHashMap<>();
        try (PreparedStatement st = db.prepareStatement("SELECT INDEX_NAME, COLUMN_NAME, SUB_PART "
                + "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND NON_UNIQUE = 0 "
                + "ORDER BY INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, SEQ_IN_INDEX")) {
            st.setString(1, database);
            st.setString(2, table);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    // a prefix index does not order whole values: such a key cannot bound chunks
                    String key = rs.getObject(3) == null ? rs.getString(1) : "\0" + rs.getString(1);
                    uniqueKeys.computeIfAbsent(key, k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        List<Integer> primaryKey = uniqueKeys.getOrDefault("PRIMARY", List.of()).stream().map(index::get).toList();
        Map.Entry<String, List<String>> chunkKey = uniqueKeys.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("\0"))
                .filter(e -> e.getValue().stream().noneMatch(nullable::get))
                .findFirst().orElse(null);
        long estimate = estimatedRows(database, table);
        if (chunkKey == null) {
            throw new UnchunkableTableException(database + "." + table, uniqueKeys.isEmpty()
                    ? "it has neither a primary key nor a unique key"
                    : "its unique keys (" + String.join(", ", uniqueKeys.keySet()).replace("\0", "prefix ")
                    + ") allow NULL or index only a prefix");
        }
        return Optional.of(new TableShape(database, table, List.copyOf(columns), primaryKey,
                chunkKey.getValue().stream().map(index::get).toList(), chunkKey.getKey(), estimate));
    }

    private long estimatedRows(String database, String table) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(
                "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            st.setString(1, database);
            st.setString(2, table);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }
}
