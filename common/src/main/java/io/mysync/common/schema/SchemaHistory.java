package io.mysync.common.schema;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The definitions of a source's tables at one point of its binlog, for servers whose table maps carry no column
 * names ({@code binlog_row_metadata=MINIMAL}): read from information_schema where the binlog's end and the schema
 * are known to match, then moved along by the DDL statements the reader meets, and saved with every checkpoint so a
 * restart decodes the rows after it with the columns they were written with.
 *
 * <p>Holds every table outside the system schemas (a table renamed or newly mapped into the capture keeps its
 * columns known). Not thread-safe: the binlog thread changes it; {@link #text()} is what other threads read.
 */
public final class SchemaHistory {

    private static final String FORMAT = "mysync-schema-history/1";
    private static final String SYSTEM_SCHEMAS = "('mysql', 'sys', 'information_schema', 'performance_schema')";

    /** DB.TABLE, kept apart so names with dots stay what they are. */
    public record TableId(String database, String table) implements Comparable<TableId> {
        @Override
        public int compareTo(TableId o) {
            int c = database.compareTo(o.database);
            return c != 0 ? c : table.compareTo(o.table);
        }

        @Override
        public String toString() {
            return database + "." + table;
        }
    }

    private final Map<TableId, TableDefinition> tables;
    private long version;
    private volatile String text;

    private SchemaHistory(Map<TableId, TableDefinition> tables, long version) {
        this.tables = new TreeMap<>(tables);
        this.version = version;
    }

    public static SchemaHistory of(Map<TableId, TableDefinition> tables) {
        return new SchemaHistory(tables, 1);
    }

    /** Every table of the server outside the system schemas, as information_schema shows them now. */
    public static SchemaHistory read(Connection db) throws SQLException {
        Map<TableId, List<ColumnDefinition>> columns = new LinkedHashMap<>();
        try (PreparedStatement st = db.prepareStatement("SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.COLUMN_NAME, "
                + "c.COLUMN_TYPE FROM information_schema.COLUMNS c JOIN information_schema.TABLES t "
                + "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME "
                + "WHERE t.TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') AND c.TABLE_SCHEMA NOT IN "
                + SYSTEM_SCHEMAS + " ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                columns.computeIfAbsent(new TableId(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                        .add(new ColumnDefinition(rs.getString(3), rs.getString(4)));
            }
        }
        Map<TableId, List<String>> keys = new LinkedHashMap<>();
        try (PreparedStatement st = db.prepareStatement("SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME "
                + "FROM information_schema.STATISTICS WHERE INDEX_NAME = 'PRIMARY' AND TABLE_SCHEMA NOT IN "
                + SYSTEM_SCHEMAS + " ORDER BY TABLE_SCHEMA, TABLE_NAME, SEQ_IN_INDEX");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                keys.computeIfAbsent(new TableId(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                        .add(rs.getString(3));
            }
        }
        Map<TableId, TableDefinition> tables = new TreeMap<>();
        columns.forEach((id, cols) -> tables.put(id, new TableDefinition(cols, keys.getOrDefault(id, List.of()))));
        return of(tables);
    }

    public Optional<TableDefinition> table(String database, String table) {
        return Optional.ofNullable(tables.get(new TableId(database, table)));
    }

    /** Creates or replaces a table's definition. */
    public void define(String database, String table, TableDefinition definition) {
        tables.put(new TableId(database, table), definition);
        changed();
    }

    /** Forgets a table: dropped, or its columns are no longer known. */
    public void remove(String database, String table) {
        if (tables.remove(new TableId(database, table)) != null) {
            changed();
        }
    }

    /** Moves a definition to another name; the new name holds nothing known when the old one held nothing. */
    public void rename(String fromDatabase, String fromTable, String toDatabase, String toTable) {
        TableDefinition moved = tables.remove(new TableId(fromDatabase, fromTable));
        if (moved == null) {
            tables.remove(new TableId(toDatabase, toTable));
        } else {
            tables.put(new TableId(toDatabase, toTable), moved);
        }
        changed();
    }

    public void dropDatabase(String database) {
        if (tables.keySet().removeIf(id -> id.database().equals(database))) {
            changed();
        }
    }

    /** Counts the DDL statements applied since the history was read: one step per change. */
    public long version() {
        return version;
    }

    public int size() {
        return tables.size();
    }

    /** Whether both hold the same tables with the same definitions (versions aside). */
    public boolean sameTables(SchemaHistory other) {
        return tables.equals(other.tables);
    }

    private void changed() {
        version++;
        text = null;
    }

    /** The compressed text form kept in checkpoints; computed once per change. */
    public String text() {
        String t = text;
        if (t == null) {
            StringBuilder out = new StringBuilder(FORMAT).append('\t').append(version).append('\n');
            tables.forEach((id, def) -> {
                out.append(escape(id.database())).append('\t').append(escape(id.table())).append('\t')
                        .append(def.primaryKey().size());
                def.primaryKey().forEach(k -> out.append('\t').append(escape(k)));
                def.columns().forEach(c -> out.append('\t').append(escape(c.name())).append('\t')
                        .append(escape(c.type())));
                out.append('\n');
            });
            t = deflate(out.toString());
            text = t;
        }
        return t;
    }

    /** @throws IllegalArgumentException when the text is not a schema history */
    public static SchemaHistory parse(String text) {
        String plain = inflate(text);
        String[] lines = plain.split("\n");
        String[] head = lines[0].split("\t");
        if (!head[0].equals(FORMAT) || head.length < 2) {
            throw new IllegalArgumentException("not a schema history (" + head[0] + ")");
        }
        Map<TableId, TableDefinition> tables = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t", -1);
            int keys = Integer.parseInt(f[2]);
            List<String> pk = new ArrayList<>();
            for (int k = 0; k < keys; k++) {
                pk.add(unescape(f[3 + k]));
            }
            List<ColumnDefinition> columns = new ArrayList<>();
            for (int c = 3 + keys; c + 1 < f.length; c += 2) {
                columns.add(new ColumnDefinition(unescape(f[c]), unescape(f[c + 1])));
            }
            tables.put(new TableId(unescape(f[0]), unescape(f[1])), new TableDefinition(columns, pk));
        }
        return new SchemaHistory(tables, Long.parseLong(head[1]));
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String deflate(String plain) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(plain.getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static String inflate(String text) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(Base64.getDecoder().decode(text.strip()));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("the schema history's text is cut short");
                }
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("the schema history's text is damaged: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
