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

    /**
     * Whether some table name matches both patterns: {@code shop.*} and {@code shop.orders} do, {@code shop.order*}
     * and {@code *.orders} do, {@code shop.*} and {@code crm.*} do not.
     */
    public boolean overlaps(TablePattern other) {
        return overlap(text, 0, other.text, 0, new java.util.HashMap<>());
    }

    /** Whether a string exists that both suffixes {@code a[i..]} and {@code b[j..]} match ({@code *}: any run). */
    private static boolean overlap(String a, int i, String b, int j, java.util.Map<Long, Boolean> seen) {
        long state = ((long) i << 32) | j;
        Boolean known = seen.get(state);
        if (known != null) {
            return known;
        }
        boolean result;
        if (i == a.length() && j == b.length()) {
            result = true;
        } else if (i < a.length() && a.charAt(i) == '*') {
            // the star matches nothing more, or it absorbs b's next character (or b's own star, skipped)
            result = overlap(a, i + 1, b, j, seen) || (j < b.length() && overlap(a, i, b, j + 1, seen));
        } else if (j < b.length() && b.charAt(j) == '*') {
            result = overlap(a, i, b, j + 1, seen) || (i < a.length() && overlap(a, i + 1, b, j, seen));
        } else {
            result = i < a.length() && j < b.length() && a.charAt(i) == b.charAt(j)
                    && overlap(a, i + 1, b, j + 1, seen);
        }
        seen.put(state, result);
        return result;
    }

    @Override
    public String toString() {
        return text;
    }
}
