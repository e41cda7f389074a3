package io.mysync.reader.schema;

import io.mysync.common.schema.ColumnDefinition;
import io.mysync.common.schema.SchemaHistory;
import io.mysync.common.schema.TableDefinition;
import io.mysync.reader.schema.SqlTokens.Kind;
import io.mysync.reader.schema.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Moves a {@link SchemaHistory} along one DDL statement: CREATE TABLE (with columns, LIKE another), ALTER TABLE
 * column and primary-key clauses (ADD, DROP, CHANGE, MODIFY, RENAME COLUMN with FIRST/AFTER, CONVERT TO), RENAME,
 * DROP TABLE and DROP DATABASE. A clause it cannot follow makes the history forget that table rather than guess.
 */
public final class DdlApplier {

    /**
     * What a statement did to the history.
     *
     * @param changed   the tables whose definition changed, appeared or went
     * @param forgotten tables whose definition is no longer known, each with the reason
     */
    public record Applied(List<SchemaHistory.TableId> changed, Map<SchemaHistory.TableId, String> forgotten) {
        static Applied none() {
            return new Applied(List.of(), Map.of());
        }

        public boolean isEmpty() {
            return changed.isEmpty() && forgotten.isEmpty();
        }
    }

    /** First words of items in CREATE TABLE's parentheses that declare a key or constraint, not a column. */
    private static final Set<String> TABLE_CONSTRAINTS = Set.of("PRIMARY", "CONSTRAINT", "KEY", "INDEX", "UNIQUE",
            "FULLTEXT", "SPATIAL", "FOREIGN", "CHECK", "PERIOD", "VECTOR");
    /** Words after ADD or DROP that make the clause about an index, constraint or partition. */
    private static final Set<String> NOT_COLUMNS = Set.of("INDEX", "KEY", "UNIQUE", "FULLTEXT", "SPATIAL",
            "FOREIGN", "CHECK", "CONSTRAINT", "PARTITION", "PERIOD", "SYSTEM", "VECTOR");
    /** Type names spelled as two words, and synonyms, mapped to information_schema's spelling. */
    private static final Map<String, String> SYNONYMS = Map.ofEntries(Map.entry("integer", "int"),
            Map.entry("int1", "tinyint"), Map.entry("int2", "smallint"), Map.entry("int3", "mediumint"),
            Map.entry("middleint", "mediumint"), Map.entry("int4", "int"), Map.entry("int8", "bigint"),
            Map.entry("bool", "tinyint"), Map.entry("boolean", "tinyint"), Map.entry("dec", "decimal"),
            Map.entry("numeric", "decimal"), Map.entry("fixed", "decimal"), Map.entry("real", "double"),
            Map.entry("float8", "double"), Map.entry("float4", "float"), Map.entry("serial", "bigint"),
            Map.entry("character", "char"), Map.entry("nchar", "char"), Map.entry("nvarchar", "varchar"));

    private DdlApplier() {
    }

    /**
     * Applies one statement from the binlog.
     *
     * @throws IllegalArgumentException when the statement cannot be read at all
     */
    public static Applied apply(SchemaHistory history, String sql, String defaultDatabase) {
        List<Token> tokens = SqlTokens.of(sql);
        if (tokens.size() >= 3 && tokens.get(0).is("DROP") && (tokens.get(1).is("DATABASE")
                || tokens.get(1).is("SCHEMA"))) {
            String database = tokens.get(tokens.size() - 1).text();
            history.dropDatabase(database);
            return new Applied(List.of(new SchemaHistory.TableId(database, "*")), Map.of());
        }
        if (tokens.size() > 2 && tokens.get(0).is("CREATE") && (tokens.get(1).is("TEMPORARY")
                || tokens.get(1).is("OR") && tokens.size() > 3 && tokens.get(3).is("TEMPORARY"))
                || tokens.size() > 2 && tokens.get(0).is("DROP") && tokens.get(1).is("TEMPORARY")) {
            return Applied.none(); // temporary tables have no row events of their own
        }
        DdlStatement ddl = DdlStatement.parse(sql, defaultDatabase);
        Changes changes = new Changes(history);
        switch (ddl.kind()) {
            case CREATE, CREATE_OR_REPLACE -> create(changes, ddl.tables().get(0), tokens, defaultDatabase,
                    ddl.kind() == DdlStatement.Kind.CREATE_OR_REPLACE);
            case DROP -> ddl.tables().forEach(t -> changes.remove(t));
            case RENAME -> ddl.renames().forEach(changes::rename);
            case ALTER -> {
                alter(changes, ddl.tables().get(0), tokens);
                ddl.renames().forEach(changes::rename);
            }
            default -> {
                // TRUNCATE and statements on no table leave definitions as they are
            }
        }
        return changes.applied();
    }

    private static void create(Changes changes, DdlStatement.TableName table, List<Token> tokens,
                               String defaultDatabase, boolean replace) {
        if (!replace && changes.history.table(table.database(), table.table()).isPresent()) {
            return; // CREATE TABLE IF NOT EXISTS of a table that exists
        }
        int at = afterTableName(tokens, "TABLE");
        List<Token> rest = tokens.subList(at, tokens.size());
        Optional<DdlStatement.TableName> like = likeOf(rest, defaultDatabase);
        if (like.isPresent()) {
            Optional<TableDefinition> source = changes.history.table(like.get().database(), like.get().table());
            if (source.isPresent()) {
                changes.define(table, source.get());
            } else {
                changes.forget(table, "it was created LIKE " + like.get() + ", whose columns are not known");
            }
            return;
        }
        if (rest.isEmpty() || !rest.get(0).isSymbol('(') || rest.stream().anyMatch(t -> t.is("SELECT"))) {
            changes.forget(table, "it was created from a query, without a column list");
            return;
        }
        List<ColumnDefinition> columns = new ArrayList<>();
        List<String> key = new ArrayList<>();
        for (List<Token> item : items(rest.subList(1, closing(rest, 0)))) {
            if (item.isEmpty()) {
                continue;
            }
            if (TABLE_CONSTRAINTS.contains(item.get(0).upper())) {
                primaryKeyOf(item).ifPresent(pk -> {
                    key.clear();
                    key.addAll(pk);
                });
            } else {
                Column column = column(item, 0);
                columns.add(column.definition());
                if (column.primaryKey()) {
                    key.clear();
                    key.add(column.definition().name());
                }
            }
        }
        changes.define(table, new TableDefinition(columns, key));
    }

    private static void alter(Changes changes, DdlStatement.TableName table, List<Token> tokens) {
        Optional<TableDefinition> known = changes.history.table(table.database(), table.table());
        if (known.isEmpty()) {
            return;
        }
        List<ColumnDefinition> columns = new ArrayList<>(known.get().columns());
        List<String> key = new ArrayList<>(known.get().primaryKey());
        boolean touched = false;
        int at = afterTableName(tokens, "TABLE");
        for (List<Token> clause : items(tokens.subList(at, tokens.size()))) {
            if (clause.isEmpty()) {
                continue;
            }
            try {
                touched |= alterClause(clause, columns, key);
            } catch (RuntimeException e) {
                changes.forget(table, "its ALTER clause '" + text(clause) + "' could not be followed ("
                        + e.getMessage() + ")");
                return;
            }
        }
        if (touched) {
            changes.define(table, new TableDefinition(columns, key));
        }
    }

    /** @return whether the clause changed the columns or key */
    private static boolean alterClause(List<Token> clause, List<ColumnDefinition> columns, List<String> key) {
        Token first = clause.get(0);
        int i = 1;
        if (first.is("ADD")) {
            i = skip(clause, i, "COLUMN");
            Optional<List<String>> pk = primaryKeyOf(clause.subList(1, clause.size()));
            if (pk.isPresent()) {
                key.clear();
                key.addAll(pk.get());
                return true;
            }
            if (i < clause.size() && NOT_COLUMNS.contains(clause.get(i).upper()) && !clause.get(i - 1).is("COLUMN")) {
                return false;
            }
            boolean ifNotExists = i + 2 < clause.size() && clause.get(i).is("IF") && clause.get(i + 1).is("NOT");
            i = ifNotExists ? i + 3 : i;
            if (clause.get(i).isSymbol('(')) {
                for (List<Token> item : items(clause.subList(i + 1, closing(clause, i)))) {
                    addColumn(columns, key, column(item, 0), ifNotExists);
                }
            } else {
                addColumn(columns, key, column(clause, i), ifNotExists);
            }
            return true;
        }
        if (first.is("DROP")) {
            if (i < clause.size() && clause.get(i).is("PRIMARY")) {
                key.clear();
                return true;
            }
            boolean column = i < clause.size() && clause.get(i).is("COLUMN");
            if (!column && i < clause.size() && NOT_COLUMNS.contains(clause.get(i).upper())) {
                return false;
            }
            i = skip(clause, i, "COLUMN");
            boolean ifExists = i + 1 < clause.size() && clause.get(i).is("IF") && clause.get(i + 1).is("EXISTS");
            i = ifExists ? i + 2 : i;
            String name = clause.get(i).text();
            int index = indexOf(columns, name);
            if (index < 0) {
                if (ifExists) {
                    return false;
                }
                throw new IllegalArgumentException("no column " + name);
            }
            columns.remove(index);
            key.removeIf(k -> k.equalsIgnoreCase(name));
            return true;
        }
        if (first.is("CHANGE") || first.is("MODIFY")) {
            i = skip(clause, i, "COLUMN");
            boolean ifExists = i + 1 < clause.size() && clause.get(i).is("IF") && clause.get(i + 1).is("EXISTS");
            i = ifExists ? i + 2 : i;
            String old = clause.get(i).text();
            int index = indexOf(columns, old);
            if (index < 0) {
                if (ifExists) {
                    return false;
                }
                throw new IllegalArgumentException("no column " + old);
            }
            Column changed = column(clause, first.is("CHANGE") ? i + 1 : i);
            columns.remove(index);
            int to = changed.position() == null ? index : place(columns, changed.position());
            columns.add(to, changed.definition());
            key.replaceAll(k -> k.equalsIgnoreCase(old) ? changed.definition().name() : k);
            if (changed.primaryKey()) {
                key.clear();
                key.add(changed.definition().name());
            }
            return true;
        }
        if (first.is("RENAME") && i < clause.size() && clause.get(i).is("COLUMN")) {
            String old = clause.get(i + 1).text();
            String name = clause.get(i + 3).text();
            int index = indexOf(columns, old);
            if (index < 0 || !clause.get(i + 2).is("TO")) {
                throw new IllegalArgumentException("no column " + old);
            }
            columns.set(index, new ColumnDefinition(name, columns.get(index).type()));
            key.replaceAll(k -> k.equalsIgnoreCase(old) ? name : k);
            return true;
        }
        if (first.is("CONVERT")) {
            columns.replaceAll(c -> isText(c) ? new ColumnDefinition(c.name(), DeclaredTypes.CONVERTED_TEXT) : c);
            return true;
        }
        if (first.is("RENAME") || first.is("ALTER") || DdlStatement.keepsShape(first)) {
            return false; // the table's own rename (applied after), index renames, defaults, options
        }
        throw new IllegalArgumentException("a clause the schema history does not know");
    }

    private static boolean isText(ColumnDefinition c) {
        return switch (c.baseType()) {
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext" -> true;
            default -> c.type().equals(DeclaredTypes.CONVERTED_TEXT);
        };
    }

    private static void addColumn(List<ColumnDefinition> columns, List<String> key, Column column,
                                  boolean ifNotExists) {
        if (indexOf(columns, column.definition().name()) >= 0) {
            if (ifNotExists) {
                return;
            }
            throw new IllegalArgumentException("column " + column.definition().name() + " exists already");
        }
        columns.add(column.position() == null ? columns.size() : place(columns, column.position()),
                column.definition());
        if (column.primaryKey()) {
            key.clear();
            key.add(column.definition().name());
        }
    }

    /** Where FIRST or AFTER puts a column, in the list without it. */
    private static int place(List<ColumnDefinition> columns, String position) {
        if (position.isEmpty()) {
            return 0;
        }
        int after = indexOf(columns, position);
        if (after < 0) {
            throw new IllegalArgumentException("no column " + position + " to put a column after");
        }
        return after + 1;
    }

    private static int indexOf(List<ColumnDefinition> columns, String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A column definition starting at {@code from}: name, type and attributes.
     *
     * @param position {@code null} to stay in place (or go last), {@code ""} for FIRST, else the column to follow
     */
    private record Column(ColumnDefinition definition, boolean primaryKey, String position) {
    }

    private static Column column(List<Token> tokens, int from) {
        Token name = tokens.get(from);
        if (!name.isName()) {
            throw new IllegalArgumentException("expected a column name, found " + name.text());
        }
        int i = from + 1;
        String base = tokens.get(i++).text().toLowerCase(Locale.ROOT);
        String next = i < tokens.size() ? tokens.get(i).text().toLowerCase(Locale.ROOT) : "";
        if (base.equals("national") && Set.of("char", "character", "varchar").contains(next)) {
            base = next;
            next = ++i < tokens.size() ? tokens.get(i).text().toLowerCase(Locale.ROOT) : "";
        }
        if ((base.equals("char") || base.equals("character")) && next.equals("varying")) {
            base = "varchar";
            i++;
        } else if (base.equals("double") && next.equals("precision")) {
            i++;
        } else if (base.equals("long")) {
            boolean binary = next.equals("varbinary");
            i += binary || next.equals("varchar") ? 1 : 0;
            base = binary ? "mediumblob" : "mediumtext";
        }
        boolean serial = base.equals("serial");
        boolean bool = base.equals("bool") || base.equals("boolean");
        base = SYNONYMS.getOrDefault(base, base);
        StringBuilder type = new StringBuilder(base);
        if (i < tokens.size() && tokens.get(i).isSymbol('(')) {
            int close = closing(tokens, i);
            type.append('(');
            List<Token> args = tokens.subList(i + 1, close);
            for (int a = 0; a < args.size(); a++) {
                Token arg = args.get(a);
                type.append(arg.kind() == Kind.STRING ? "'" + arg.text().replace("'", "''") + "'" : arg.text());
            }
            type.append(')');
            i = close + 1;
        } else if (bool) {
            type.append("(1)");
        }
        boolean unsigned = serial;
        boolean primaryKey = false;
        String position = null;
        int depth = 0;
        for (; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol('(')) {
                depth++;
            } else if (t.isSymbol(')')) {
                depth--;
            } else if (depth == 0) {
                if (t.is("UNSIGNED")) {
                    unsigned = true;
                } else if (t.is("PRIMARY") || (t.is("KEY") && !tokens.get(i - 1).is("UNIQUE")
                        && !tokens.get(i - 1).is("PRIMARY"))) {
                    primaryKey = true;
                } else if (t.is("FIRST")) {
                    position = "";
                } else if (t.is("AFTER") && i + 1 < tokens.size()) {
                    position = tokens.get(++i).text();
                }
            }
        }
        if (unsigned) {
            type.append(" unsigned");
        }
        return new Column(new ColumnDefinition(name.text(), type.toString()), primaryKey, position);
    }

    /** {@code [CONSTRAINT [symbol]] PRIMARY KEY [USING x] (a, b(10) DESC)}: the key's column names. */
    private static Optional<List<String>> primaryKeyOf(List<Token> item) {
        int i = 0;
        if (i < item.size() && item.get(i).is("CONSTRAINT")) {
            i++;
            if (i < item.size() && !item.get(i).is("PRIMARY")) {
                i++;
            }
        }
        if (i + 1 >= item.size() || !item.get(i).is("PRIMARY") || !item.get(i + 1).is("KEY")) {
            return Optional.empty();
        }
        while (i < item.size() && !item.get(i).isSymbol('(')) {
            i++;
        }
        if (i >= item.size()) {
            throw new IllegalArgumentException("a PRIMARY KEY without columns");
        }
        List<String> names = new ArrayList<>();
        for (List<Token> part : items(item.subList(i + 1, closing(item, i)))) {
            if (!part.isEmpty() && part.get(0).isName()) {
                names.add(part.get(0).text());
            }
        }
        return Optional.of(names);
    }

    /** {@code LIKE db.t} or {@code (LIKE db.t)} after the new table's name. */
    private static Optional<DdlStatement.TableName> likeOf(List<Token> rest, String defaultDatabase) {
        int i = !rest.isEmpty() && rest.get(0).isSymbol('(') ? 1 : 0;
        if (i >= rest.size() || !rest.get(i).is("LIKE")) {
            return Optional.empty();
        }
        String first = rest.get(i + 1).text();
        if (i + 3 < rest.size() && rest.get(i + 2).isSymbol('.')) {
            return Optional.of(new DdlStatement.TableName(first, rest.get(i + 3).text()));
        }
        return Optional.of(new DdlStatement.TableName(defaultDatabase, first));
    }

    /** The index after the table name that follows the keyword (and IF [NOT] EXISTS). */
    private static int afterTableName(List<Token> tokens, String keyword) {
        int i = 0;
        while (i < tokens.size() && !tokens.get(i).is(keyword)) {
            i++;
        }
        i++;
        if (i < tokens.size() && tokens.get(i).is("IF")) {
            i += tokens.get(i + 1).is("NOT") ? 3 : 2;
        }
        i++;
        if (i + 1 < tokens.size() && tokens.get(i).isSymbol('.')) {
            i += 2;
        }
        return i;
    }

    /** Splits tokens at commas outside parentheses. */
    private static List<List<Token>> items(List<Token> tokens) {
        List<List<Token>> out = new ArrayList<>();
        List<Token> item = new ArrayList<>();
        int depth = 0;
        for (Token t : tokens) {
            if (t.isSymbol('(')) {
                depth++;
            } else if (t.isSymbol(')')) {
                depth--;
            } else if (depth == 0 && t.isSymbol(',')) {
                out.add(item);
                item = new ArrayList<>();
                continue;
            }
            item.add(t);
        }
        out.add(item);
        return out;
    }

    /** The index of the parenthesis closing the one at {@code open}. */
    private static int closing(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).isSymbol('(')) {
                depth++;
            } else if (tokens.get(i).isSymbol(')') && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("unbalanced parentheses");
    }

    private static int skip(List<Token> tokens, int i, String keyword) {
        return i < tokens.size() && tokens.get(i).is(keyword) ? i + 1 : i;
    }

    private static String text(List<Token> tokens) {
        String joined = String.join(" ", tokens.stream().map(Token::text).toList());
        return joined.length() > 60 ? joined.substring(0, 57) + "..." : joined;
    }

    /** The history plus what this statement changed in it. */
    private static final class Changes {
        private final SchemaHistory history;
        private final List<SchemaHistory.TableId> changed = new ArrayList<>();
        private final Map<SchemaHistory.TableId, String> forgotten = new java.util.LinkedHashMap<>();

        Changes(SchemaHistory history) {
            this.history = history;
        }

        void define(DdlStatement.TableName table, TableDefinition definition) {
            history.define(table.database(), table.table(), definition);
            changed.add(id(table));
        }

        void remove(DdlStatement.TableName table) {
            history.remove(table.database(), table.table());
            changed.add(id(table));
        }

        void forget(DdlStatement.TableName table, String why) {
            history.remove(table.database(), table.table());
            changed.add(id(table));
            forgotten.put(id(table), why);
        }

        void rename(DdlStatement.Rename rename) {
            history.rename(rename.from().database(), rename.from().table(), rename.to().database(),
                    rename.to().table());
            changed.add(id(rename.from()));
            changed.add(id(rename.to()));
        }

        Applied applied() {
            return new Applied(List.copyOf(changed), Map.copyOf(forgotten));
        }

        private static SchemaHistory.TableId id(DdlStatement.TableName table) {
            return new SchemaHistory.TableId(table.database(), table.table());
        }
    }
}
