package io.mysync.config.def;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Reusable value checks for {@link ConfigKey#validate}. */
public final class Validators {

    private Validators() {
    }

    public static <N extends Number & Comparable<N>> Function<N, Optional<String>> between(long min, long max) {
        return v -> v.longValue() < min || v.longValue() > max
                ? Optional.of("must be between " + min + " and " + max + ", got " + v)
                : Optional.empty();
    }

    public static Function<String, Optional<String>> matches(String regex, String what) {
        Pattern pattern = Pattern.compile(regex);
        return v -> pattern.matcher(v).matches() ? Optional.empty() : Optional.of("'" + v + "' is not " + what);
    }

    /** Every element of a list matches {@code regex}. */
    public static Function<java.util.List<String>, Optional<String>> eachMatches(String regex, String what) {
        Function<String, Optional<String>> one = matches(regex, what);
        return list -> list.stream().map(one).flatMap(Optional::stream).findFirst();
    }

    public static Function<java.time.Duration, Optional<String>> atLeast(java.time.Duration min) {
        return d -> d.compareTo(min) < 0 ? Optional.of("must be at least " + min.toMillis() + "ms, got "
                + d.toMillis() + "ms") : Optional.empty();
    }

    /** A template like {@code order:{id}}: braces balanced, placeholders non-empty. */
    public static Function<String, Optional<String>> template() {
        return v -> {
            int depth = 0;
            int start = -1;
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c == '{') {
                    if (depth++ > 0) {
                        return Optional.of("'" + v + "' nests '{' at position " + i);
                    }
                    start = i;
                } else if (c == '}') {
                    if (--depth < 0) {
                        return Optional.of("'" + v + "' has a '}' without '{' at position " + i);
                    }
                    if (i == start + 1) {
                        return Optional.of("'" + v + "' has an empty placeholder {}");
                    }
                }
            }
            return depth == 0 ? Optional.empty() : Optional.of("'" + v + "' has an unclosed '{'");
        };
    }
}
