package io.mysync.reader.schema;

import io.mysync.common.schema.ColumnDefinition;
import io.mysync.reader.schema.SqlTokens.Kind;
import io.mysync.reader.schema.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pieces of DDL grammar a schema history needs: a column definition (name, type as information_schema spells
 * it, PRIMARY KEY, FIRST/AFTER), a primary key's column list, items split at commas outside parentheses.
 */
final class ColumnSyntax {

    /** Type names spelled as two words, and synonyms, mapped to information_schema's spelling. */
    private static final Map<String, String> SYNONYMS = Map.ofEntries(Map.entry("integer", "int"),
            Map.entry("int1", "tinyint"), Map.entry("int2", "smallint"), Map.entry("int3", "mediumint"),
            Map.entry("middleint", "mediumint"), Map.entry("int4", "int"), Map.entry("int8", "bigint"),
            Map.entry("bool", "tinyint"), Map.entry("boolean", "tinyint"), Map.entry("dec", "decimal"),
            Map.entry("numeric", "decimal"), Map.entry("fixed", "decimal"), Map.entry("real", "double"),
            Map.entry("float8", "double"), Map.entry("float4", "float"), Map.entry("serial", "bigint"),
            Map.entry("character", "char"), Map.entry("nchar", "char"), Map.entry("nvarchar", "varchar"));

    /**
     * A column definition starting at {@code from}: name, type and attributes.
     *
     * @param position {@code null} to stay in place (or go last), {@code ""} for FIRST, else the column to follow
     */
    record Column(ColumnDefinition definition, boolean primaryKey, String position) {
    }

    static Column column(List<Token> tokens, int from) {
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
    static Optional<List<String>> primaryKeyOf(List<Token> item) {
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


    /** Splits tokens at commas outside parentheses. */
    static List<List<Token>> items(List<Token> tokens) {
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
    static int closing(List<Token> tokens, int open) {
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

    private ColumnSyntax() {
    }
}
