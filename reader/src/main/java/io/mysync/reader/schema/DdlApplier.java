package io.mysync.reader.schema;

import io.mysync.common.schema.ColumnDefinition;
import io.mysync.common.schema.SchemaHistory;
import io.mysync.common.schema.TableDefinition;
import io.mysync.reader.schema.SqlTokens.Kind;
import io.mysync.reader.schema.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
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
        for (List<Token> item : ColumnSyntax.items(rest.subList(1, ColumnSyntax.closing(rest, 0)))) {
            if (item.isEmpty()) {
                continue;
            }
            if (isKeyword(item.get(0), TABLE_CONSTRAINTS)) {
                ColumnSyntax.primaryKeyOf(item).ifPresent(pk -> {
                    key.clear();
                    key.addAll(pk);
                });
            } else {
                ColumnSyntax.Column column = ColumnSyntax.column(item, 0);
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
        for (List<Token> clause : ColumnSyntax.items(tokens.subList(at, tokens.size()))) {
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
            Optional<List<String>> pk = ColumnSyntax.primaryKeyOf(clause.subList(1, clause.size()));
            if (pk.isPresent()) {
                key.clear();
                key.addAll(pk.get());
                return true;
            }
            if (i < clause.size() && isKeyword(clause.get(i), NOT_COLUMNS) && !clause.get(i - 1).is("COLUMN")) {
                return false;
            }
            boolean ifNotExists = i + 2 < clause.size() && clause.get(i).is("IF") && clause.get(i + 1).is("NOT");
            i = ifNotExists ? i + 3 : i;
            if (clause.get(i).isSymbol('(')) {
                for (List<Token> item : ColumnSyntax.items(clause.subList(i + 1, ColumnSyntax.closing(clause, i)))) {
                    addColumn(columns, key, ColumnSyntax.column(item, 0), ifNotExists);
                }
            } else {
                addColumn(columns, key, ColumnSyntax.column(clause, i), ifNotExists);
            }
            return true;
        }
        if (first.is("DROP")) {
            if (i < clause.size() && clause.get(i).is("PRIMARY")) {
                key.clear();
                return true;
            }
            boolean column = i < clause.size() && clause.get(i).is("COLUMN");
            if (!column && i < clause.size() && isKeyword(clause.get(i), NOT_COLUMNS)) {
                return false;
            }
            Named dropped = named(clause, skip(clause, i, "COLUMN"), columns);
            if (dropped.column() < 0) {
                return false;
            }
            columns.remove(dropped.column());
            key.removeIf(k -> k.equalsIgnoreCase(dropped.name()));
            return true;
        }
        if (first.is("CHANGE") || first.is("MODIFY")) {
            Named old = named(clause, skip(clause, i, "COLUMN"), columns);
            if (old.column() < 0) {
                return false;
            }
            ColumnSyntax.Column changed = ColumnSyntax.column(clause, first.is("CHANGE") ? old.token() + 1 : old.token());
            columns.remove(old.column());
            int to = changed.position() == null ? old.column() : place(columns, changed.position());
            columns.add(to, changed.definition());
            key.replaceAll(k -> k.equalsIgnoreCase(old.name()) ? changed.definition().name() : k);
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

    /** A bare word among the keywords: {@code `key`} is a column named key. */
    private static boolean isKeyword(Token token, Set<String> keywords) {
        return token.kind() == Kind.WORD && keywords.contains(token.upper());
    }

    private static boolean isText(ColumnDefinition c) {
        return switch (c.baseType()) {
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext" -> true;
            default -> c.type().equals(DeclaredTypes.CONVERTED_TEXT);
        };
    }

    private static void addColumn(List<ColumnDefinition> columns, List<String> key, ColumnSyntax.Column column,
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

    /**
     * The existing column a DROP, CHANGE or MODIFY names.
     *
     * @param token  where its name is in the clause
     * @param column its place in the table, -1 when {@code IF EXISTS} finds none
     */
    private record Named(String name, int token, int column) {
    }

    /** {@code [IF EXISTS] name} at {@code i}; a missing column without IF EXISTS means the history is wrong. */
    private static Named named(List<Token> clause, int i, List<ColumnDefinition> columns) {
        boolean ifExists = i + 1 < clause.size() && clause.get(i).is("IF") && clause.get(i + 1).is("EXISTS");
        int at = ifExists ? i + 2 : i;
        String name = clause.get(at).text();
        int index = indexOf(columns, name);
        if (index < 0 && !ifExists) {
            throw new IllegalArgumentException("no column " + name);
        }
        return new Named(name, at, index);
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
