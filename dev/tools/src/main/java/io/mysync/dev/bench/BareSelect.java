package io.mysync.dev.bench;

import io.mysync.config.model.SourceConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The ceiling of a dump's source side: one streaming {@code SELECT *} of the table, every column fetched. */
public final class BareSelect {

    private BareSelect() {
    }

    public static double rowsPerSecond(SourceConfig source, String database, String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(source.jdbcUrl(), source.user(), source.password());
             Statement st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            st.setFetchSize(Integer.MIN_VALUE);
            long t0 = System.nanoTime();
            long rows = 0;
            try (ResultSet rs = st.executeQuery("SELECT * FROM `" + database + "`.`" + table + "`")) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        rs.getBytes(i);
                    }
                    rows++;
                }
            }
            return rows / ((System.nanoTime() - t0) / 1e9);
        }
    }
}
