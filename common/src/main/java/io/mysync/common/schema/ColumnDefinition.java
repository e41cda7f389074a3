package io.mysync.common.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A column as its DDL declares it.
 *
 * @param type the declared type as information_schema's COLUMN_TYPE spells it: {@code int unsigned},
 *             {@code varchar(20)}, {@code enum('a','B')} (ENUM and SET members keep their case)
 */
public record ColumnDefinition(String name, String type) {

    public ColumnDefinition {
        type = type.strip();
    }

    /** The type's first word in lower case: {@code int}, {@code varchar}, {@code enum}. */
    public String baseType() {
        int end = 0;
        while (end < type.length() && Character.isLetterOrDigit(type.charAt(end))) {
            end++;
        }
        return type.substring(0, end).toLowerCase(Locale.ROOT);
    }

    /** ENUM or SET members in declaration order; empty for other types. */
    public List<String> members() {
        String base = baseType();
        if (!base.equals("enum") && !base.equals("set")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        int i = type.indexOf('(');
        while (i >= 0 && i < type.length()) {
            int open = type.indexOf('\'', i);
            if (open < 0) {
                break;
            }
            StringBuilder member = new StringBuilder();
            int j = open + 1;
            while (j < type.length()) {
                char c = type.charAt(j);
                if (c == '\'' && j + 1 < type.length() && type.charAt(j + 1) == '\'') {
                    member.append('\'');
                    j += 2;
                } else if (c == '\'') {
                    break;
                } else {
                    member.append(c);
                    j++;
                }
            }
            out.add(member.toString());
            i = j + 1;
        }
        return out;
    }
}
