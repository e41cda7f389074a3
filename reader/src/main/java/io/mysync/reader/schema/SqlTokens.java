package io.mysync.reader.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a MySQL statement into words, quoted identifiers, strings and symbols, dropping comments and white space.
 * Enough of the lexical grammar for reading DDL: {@code `a``b`} is the identifier a`b, {@code 'it''s'} a string.
 */
final class SqlTokens {

    enum Kind { WORD, IDENTIFIER, STRING, SYMBOL }

    /** One token; {@code text} is unquoted for identifiers and strings. */
    record Token(Kind kind, String text) {

        boolean is(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }

        boolean isSymbol(char c) {
            return kind == Kind.SYMBOL && text.length() == 1 && text.charAt(0) == c;
        }

        /** A name: a bare word or a back-quoted identifier. */
        boolean isName() {
            return kind == Kind.WORD || kind == Kind.IDENTIFIER;
        }

        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    private SqlTokens() {
    }

    static List<Token> of(String sql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' || (c == '-' && sql.startsWith("-- ", i)) || (c == '-' && sql.startsWith("--\n", i))) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '`' || c == '\'' || c == '"') {
                StringBuilder text = new StringBuilder();
                int j = i + 1;
                while (j < n) {
                    char d = sql.charAt(j);
                    if (d == '\\' && c != '`' && j + 1 < n) {
                        text.append(sql.charAt(j + 1));
                        j += 2;
                    } else if (d == c) {
                        if (j + 1 < n && sql.charAt(j + 1) == c) {
                            text.append(c);
                            j += 2;
                        } else {
                            break;
                        }
                    } else {
                        text.append(d);
                        j++;
                    }
                }
                tokens.add(new Token(c == '`' ? Kind.IDENTIFIER : Kind.STRING, text.toString()));
                i = j + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127) {
                int j = i;
                while (j < n) {
                    char d = sql.charAt(j);
                    if (Character.isLetterOrDigit(d) || d == '_' || d == '$' || d > 127) {
                        j++;
                    } else {
                        break;
                    }
                }
                tokens.add(new Token(Kind.WORD, sql.substring(i, j)));
                i = j;
            } else {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c)));
                i++;
            }
        }
        return tokens;
    }
}
