package io.mysync.config.model;

import java.util.Optional;
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

    /** One table named in full. */
    public record Named(String database, String table) {
    }

    /** The one table this text names when it holds no {@code *} (split at its first dot); empty for a pattern. */
    public Optional<Named> named() {
        int dot = text.indexOf('.');
        if (text.contains("*") || dot <= 0 || dot == text.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new Named(text.substring(0, dot), text.substring(dot + 1)));
    }

    public boolean matches(String database, String table) {
        return regex.matcher(database + "." + table).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}
