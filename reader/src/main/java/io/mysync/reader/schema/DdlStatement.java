package io.mysync.reader.schema;

import io.mysync.reader.schema.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a DDL statement from the binlog does to tables, as far as the stores care: which tables it alters and whether
 * their columns or primary key change, which it renames, truncates, drops or creates. Statements that touch no table
 * (CREATE USER, GRANT, CREATE INDEX...) are {@link Kind#OTHER}.
 *
 * @param tables  the tables it names, in statement order (for RENAME: the old names)
 * @param renames for RENAME TABLE and ALTER TABLE ... RENAME TO: old name to new name, in order
 * @param reshapes for ALTER: whether any clause may change the column list, a column's type or the primary key
 * @param rekeys   for ALTER: whether it adds or drops the primary key, so that ids made of the key change
 */
public record DdlStatement(Kind kind, List<TableName> tables, List<Rename> renames, boolean reshapes,
                           boolean rekeys) {

    public enum Kind { ALTER, RENAME, TRUNCATE, DROP, CREATE, CREATE_OR_REPLACE, OTHER }

    /** DB.TABLE with the statement's default database filled in. */
    public record TableName(String database, String table) {
        @Override
        public String toString() {
            return database + "." + table;
        }
    }

    public record Rename(TableName from, TableName to) {
    }

    /**
     * ALTER clauses (by first words) that change nothing a row image shows. Among them ALTER [COLUMN] c SET/DROP
     * DEFAULT or SET VISIBLE and ALTER INDEX (rows keep their values), and [DEFAULT] CHARACTER SET / COLLATE (the
     * table's default applies to columns added later, not to existing ones).
     */
    private static final Set<String> KEEPS_SHAPE = Set.of("ALTER", "DEFAULT", "CHARACTER", "ALGORITHM", "LOCK", "ENGINE", "COMMENT", "ROW_FORMAT",
            "AUTO_INCREMENT", "AVG_ROW_LENGTH", "CHECKSUM", "COMPRESSION", "CONNECTION", "DATA", "INDEX",
            "DELAY_KEY_WRITE", "ENCRYPTION", "INSERT_METHOD", "KEY_BLOCK_SIZE", "MAX_ROWS", "MIN_ROWS", "PACK_KEYS",
            "PASSWORD", "STATS_AUTO_RECALC", "STATS_PERSISTENT", "STATS_SAMPLE_PAGES", "TABLESPACE", "UNION",
            "FORCE", "ORDER", "DISABLE", "ENABLE", "DISCARD", "IMPORT", "PARTITION", "COALESCE", "REORGANIZE",
            "EXCHANGE", "ANALYZE", "CHECK", "OPTIMIZE", "REBUILD", "REPAIR", "REMOVE", "UPGRADE", "TRUNCATE",
            "PAGE_CHECKSUM", "TRANSACTIONAL", "WITH", "WITHOUT", "SECONDARY_ENGINE", "SECONDARY_LOAD",
            "SECONDARY_UNLOAD", "AUTOEXTEND_SIZE", "ENGINE_ATTRIBUTE", "SECONDARY_ENGINE_ATTRIBUTE",
            "IETF_QUOTES", "SEQUENCE", "PAGE_COMPRESSED", "PAGE_COMPRESSION_LEVEL", "ENCRYPTION_KEY_ID", "COLLATE",
            "CHARSET");
    /** What may follow ADD or DROP and makes the clause about an index, not a column. */
    private static final Set<String> INDEX_WORDS = Set.of("INDEX", "KEY", "UNIQUE", "FULLTEXT", "SPATIAL",
            "FOREIGN", "CHECK", "PARTITION", "PERIOD", "SYSTEM", "VECTOR");

    /** Whether an ALTER clause starting with this word changes nothing a row image shows. */
    static boolean keepsShape(Token firstWord) {
        return firstWord.kind() == SqlTokens.Kind.WORD && KEEPS_SHAPE.contains(firstWord.upper());
    }

    public static DdlStatement parse(String sql, String defaultDatabase) {
        List<Token> t = SqlTokens.of(sql);
        Cursor c = new Cursor(t, defaultDatabase == null ? "" : defaultDatabase);
        if (c.accept("ALTER")) {
            c.accept("ONLINE");
            c.accept("IGNORE");
            if (!c.accept("TABLE")) {
                return other();
            }
            c.acceptIfExists();
            TableName table = c.name();
            return alter(c, table);
        }
        if (c.accept("RENAME")) {
            if (!c.accept("TABLE") && !c.accept("TABLES")) {
                return other();
            }
            List<Rename> renames = new ArrayList<>();
            do {
                c.acceptIfExists();
                TableName from = c.name();
                c.accept("WAIT");
                c.skipNumber();
                c.accept("NOWAIT");
                c.expect("TO");
                renames.add(new Rename(from, c.name()));
            } while (c.acceptSymbol(','));
            return new DdlStatement(Kind.RENAME, renames.stream().map(Rename::from).toList(), renames, false, false);
        }
        if (c.accept("TRUNCATE")) {
            c.accept("TABLE");
            return new DdlStatement(Kind.TRUNCATE, List.of(c.name()), List.of(), false, false);
        }
        if (c.accept("DROP")) {
            c.accept("TEMPORARY");
            if (!c.accept("TABLE") && !c.accept("TABLES")) {
                return other();
            }
            c.acceptIfExists();
            List<TableName> tables = new ArrayList<>();
            do {
                tables.add(c.name());
            } while (c.acceptSymbol(','));
            return new DdlStatement(Kind.DROP, tables, List.of(), false, false);
        }
        if (c.accept("CREATE")) {
            boolean replace = c.accept("OR") && c.accept("REPLACE");
            c.accept("TEMPORARY");
            if (!c.accept("TABLE")) {
                return other();
            }
            if (c.accept("IF")) {
                c.accept("NOT");
                c.accept("EXISTS");
            }
            return new DdlStatement(replace ? Kind.CREATE_OR_REPLACE : Kind.CREATE, List.of(c.name()), List.of(),
                    false, false);
        }
        return other();
    }

    private static DdlStatement other() {
        return new DdlStatement(Kind.OTHER, List.of(), List.of(), false, false);
    }

    private static DdlStatement alter(Cursor c, TableName table) {
        boolean reshapes = false;
        boolean rekeys = false;
        List<Rename> renames = new ArrayList<>();
        TableName current = table;
        while (!c.done()) {
            List<Token> clause = c.clause();
            if (clause.isEmpty()) {
                continue;
            }
            Token first = clause.get(0);
            Token second = clause.size() > 1 ? clause.get(1) : null;
            if (first.is("RENAME") && second != null && !second.is("COLUMN") && !second.is("INDEX")
                    && !second.is("KEY")) {
                Cursor rename = new Cursor(clause.subList(1, clause.size()), table.database());
                if (!rename.accept("TO")) {
                    rename.accept("AS");
                }
                TableName to = rename.name();
                renames.add(new Rename(current, to));
                current = to;
            } else if (first.is("RENAME")) {
                reshapes |= second != null && second.is("COLUMN");
            } else if (first.is("ADD") || first.is("DROP")) {
                reshapes |= columnClause(clause);
                rekeys |= clause.stream().limit(4).anyMatch(word -> word.is("PRIMARY"));
            } else if (!KEEPS_SHAPE.contains(first.upper())) {
                reshapes = true; // CHANGE, MODIFY, CONVERT TO CHARACTER SET and anything not known to be harmless
            }
        }
        return new DdlStatement(Kind.ALTER, List.of(table), renames, reshapes, rekeys);
    }

    /** ADD/DROP of a column or of the primary key, as opposed to an index, constraint or partition. */
    private static boolean columnClause(List<Token> clause) {
        int i = 1;
        if (i < clause.size() && clause.get(i).is("CONSTRAINT")) {
            i++;
            if (i < clause.size() && clause.get(i).isName() && !clause.get(i).is("PRIMARY")
                    && !INDEX_WORDS.contains(clause.get(i).upper())) {
                i++; // the constraint's symbol
            }
        }
        if (i >= clause.size()) {
            return true;
        }
        Token word = clause.get(i);
        if (word.is("PRIMARY")) {
            return true;
        }
        return !INDEX_WORDS.contains(word.upper()) && !word.is("CONSTRAINT");
    }

    /** Walks the tokens of one statement. */
    private static final class Cursor {
        private final List<Token> tokens;
        private final String defaultDatabase;
        private int at;

        Cursor(List<Token> tokens, String defaultDatabase) {
            this.tokens = tokens;
            this.defaultDatabase = defaultDatabase;
        }

        boolean done() {
            return at >= tokens.size();
        }

        boolean accept(String keyword) {
            if (!done() && tokens.get(at).is(keyword)) {
                at++;
                return true;
            }
            return false;
        }

        boolean acceptSymbol(char symbol) {
            if (!done() && tokens.get(at).isSymbol(symbol)) {
                at++;
                return true;
            }
            return false;
        }

        void acceptIfExists() {
            if (!done() && tokens.get(at).is("IF") && at + 1 < tokens.size() && tokens.get(at + 1).is("EXISTS")) {
                at += 2;
            }
        }

        void skipNumber() {
            if (!done() && tokens.get(at).kind() == SqlTokens.Kind.WORD
                    && tokens.get(at).text().chars().allMatch(Character::isDigit)) {
                at++;
            }
        }

        void expect(String keyword) {
            if (!accept(keyword)) {
                throw new IllegalArgumentException("expected " + keyword + " at token " + (at + 1));
            }
        }

        /** {@code name} or {@code db.name}, quoted or not. */
        TableName name() {
            if (done() || !tokens.get(at).isName()) {
                throw new IllegalArgumentException("expected a table name at token " + (at + 1));
            }
            String first = tokens.get(at++).text();
            if (acceptSymbol('.')) {
                if (done() || !tokens.get(at).isName()) {
                    throw new IllegalArgumentException("expected a table name after " + first + ".");
                }
                return new TableName(first, tokens.get(at++).text());
            }
            return new TableName(defaultDatabase, first);
        }

        /** The tokens up to the next comma outside parentheses (consumed), or to the end. */
        List<Token> clause() {
            List<Token> clause = new ArrayList<>();
            int depth = 0;
            while (!done()) {
                Token token = tokens.get(at++);
                if (token.isSymbol('(')) {
                    depth++;
                } else if (token.isSymbol(')')) {
                    depth--;
                } else if (depth == 0 && token.isSymbol(',')) {
                    break;
                }
                clause.add(token);
            }
            return clause;
        }
    }
}
