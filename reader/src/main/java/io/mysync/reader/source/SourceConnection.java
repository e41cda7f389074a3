package io.mysync.reader.source;

import io.mysync.config.model.SourceConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A plain SQL connection to the source for checks and positions; never used for the stream itself. */
public final class SourceConnection implements AutoCloseable {

    private final Connection connection;

    private SourceConnection(Connection connection) {
        this.connection = connection;
    }

    public static SourceConnection open(SourceConfig source) throws SQLException {
        return new SourceConnection(DriverManager.getConnection(source.jdbcUrl(), source.user(), source.password()));
    }

    /** The JDBC connection, for readers of information_schema shared with the dump tool. */
    public Connection jdbc() {
        return connection;
    }

    public Optional<String> string(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
    }

    /** Rows of a query, each as its columns' text. */
    public List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** A server variable's value, or empty when this server has no such variable. */
    public Optional<String> variable(String name) throws SQLException {
        List<List<String>> rows = rows("SHOW GLOBAL VARIABLES LIKE '" + name.replace("'", "") + "'");
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0).get(1));
    }

    /** Runs a statement that returns no rows. */
    public void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /** Whether the server refuses writes from ordinary users ({@code read_only}, implied by super_read_only). */
    public boolean readOnly() throws SQLException {
        return string("SELECT @@GLOBAL.read_only").map(v -> !v.equals("0")).orElse(false);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
