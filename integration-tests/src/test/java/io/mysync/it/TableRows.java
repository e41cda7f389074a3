package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.dev.demo.DemoSchema;
import io.mysync.sandbox.server.SqlServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The demo shop's tables in a copy database compared with the source, column by column, row by row. */
final class TableRows {

    private TableRows() {
    }

    /** Every table's rows as the same driver reads them from both servers; MySync's {@code _mysync_seq} aside. */
    static void assertEqual(SqlServer source, String database, SqlServer target, String copy) throws Exception {
        int checked = 0;
        for (String table : DemoSchema.TABLES) {
            List<Map<String, String>> expected = rows(source, database, table);
            List<Map<String, String>> copied = rows(target, copy, table);
            copied.forEach(row -> row.remove("_mysync_seq"));
            assertThat(copied).as(table).isEqualTo(expected);
            checked += expected.size();
        }
        assertThat(checked).isGreaterThan(100);
    }

    static List<Map<String, String>> rows(SqlServer server, String database, String table) throws Exception {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Connection c = TestEnv.root(server, database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY "
                     + DemoSchema.PRIMARY_KEYS.get(table))) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    row.put(meta.getColumnLabel(i), value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes)
                            : String.valueOf(value));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
