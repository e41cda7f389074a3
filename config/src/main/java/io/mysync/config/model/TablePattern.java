package io.mysync.config.model;

import java.util.regex.Pattern;

/** A DB.TABLE name where {@code *} matches any run of characters; matching is exact otherwise. */
public record TablePattern(String text, Pattern regex) {

    public static TablePattern of(String text) {
        StringBuilder regex = new StringBuilder();
        for (String part : text.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return new TablePattern(text, Pattern.compile(regex.toString()));
    }

    public boolean matches(String database, String table) {
        return regex.matcher(database + "." + table).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
