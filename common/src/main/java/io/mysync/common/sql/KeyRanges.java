package io.mysync.common.sql;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * SQL for key ranges over a (possibly composite) chunk key, written as expanded lexicographic comparisons that
 * MySQL and MariaDB both turn into index range scans, and the typed binding of bound values.
 */
public final class KeyRanges {

    private final List<SourceColumn> key;

    public KeyRanges(TableShape table) {
        this.key = table.chunkColumns();
    }

    /** The key columns as a SELECT list in their bound text form. */
    public String keySelectList() {
        StringBuilder out = new StringBuilder();
        for (SourceColumn c : key) {
            String col = TableShape.quote(c.name());
            out.append(out.isEmpty() ? "" : ", ").append(c.integral() || c.binaryKey() ? col
                    : "CAST(" + col + " AS CHAR)");
        }
        return out.toString();
    }

    public String orderBy() {
        return String.join(", ", key.stream().map(c -> TableShape.quote(c.name())).toList());
    }

    /** {@code key >= bound} (inclusive) or {@code key < bound}; binds with {@link #bind} in the same order. */
    public String condition(boolean lowerInclusive) {
        return condition(lowerInclusive ? ">=" : "<");
    }

    /** {@code key > bound}: keyset paging after the last key read; binds with {@link #bind}. */
    public String after() {
        return condition(">");
    }

    private String condition(String op) {
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            StringBuilder term = new StringBuilder("(");
            for (int j = 0; j < i; j++) {
                term.append(TableShape.quote(key.get(j).name())).append(" = ? AND ");
            }
            boolean last = i == key.size() - 1;
            String cmp = op.equals(">=") ? (last ? " >= ?" : " > ?") : " " + op + " ?";
            term.append(TableShape.quote(key.get(i).name())).append(cmp).append(')');
            alternatives.add(term.toString());
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    /** Binds a bound for {@link #condition}; returns the next parameter index. */
    public int bind(PreparedStatement st, int from, List<String> bound) throws SQLException {
        int p = from;
        for (int i = 0; i < key.size(); i++) {
            for (int j = 0; j <= i; j++) {
                set(st, p++, key.get(j), bound.get(j));
            }
        }
        return p;
    }

    private static void set(PreparedStatement st, int index, SourceColumn c, String value) throws SQLException {
        if (c.binaryKey()) {
            st.setBytes(index, HexFormat.of().parseHex(value));
        } else if (c.integral() && !c.unsigned()) {
            st.setLong(index, Long.parseLong(value));
        } else if (c.integral() || c.dataType().equals("decimal")) {
            st.setBigDecimal(index, new BigDecimal(value));
        } else {
            st.setString(index, value);
        }
    }

    /** The key of the current row of a result set selected with {@link #keySelectList}. */
    public List<String> read(ResultSet rs) throws SQLException {
        return read(rs, 1);
    }

    /** The same, with the key columns selected from result column {@code first} on. */
    public List<String> read(ResultSet rs, int first) throws SQLException {
        List<String> out = new ArrayList<>(key.size());
        for (int i = 0; i < key.size(); i++) {
            int index = first + i;
            out.add(key.get(i).binaryKey() ? HexFormat.of().formatHex(rs.getBytes(index)) : rs.getString(index));
        }
        return out;
    }
}
