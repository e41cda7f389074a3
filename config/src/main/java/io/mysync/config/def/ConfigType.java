package io.mysync.config.def;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a YAML value becomes a typed value. A raw value is a {@code String} (scalar), a {@code List<String>}
 * (sequence of scalars) or a {@code Map<String, String>} (entries of scalars). Parsers throw {@link IllegalArgumentException} with a message a user can act on.
 */
public record ConfigType<T>(String name, Function<Object, T> parser, Function<T, String> formatter) {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    public T parse(Object raw) {
        return parser.apply(raw);
    }

    public String format(T value) {
        return value == null ? "" : formatter.apply(value);
    }

    public static final ConfigType<String> STRING = new ConfigType<>("string", ConfigType::scalar, s -> s);

    public static final ConfigType<Integer> INT = new ConfigType<>("int", raw -> {
        String s = scalar(raw);
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a whole number");
        }
    }, String::valueOf);

    public static final ConfigType<Long> LONG = new ConfigType<>("long", raw -> {
        String s = scalar(raw);
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a whole number");
        }
    }, String::valueOf);

    public static final ConfigType<Boolean> BOOLEAN = new ConfigType<>("boolean", raw -> {
        String s = scalar(raw).trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("'" + s + "' is not true or false");
        };
    }, String::valueOf);

    /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 7d}, or {@code 0}. */
    public static final ConfigType<Duration> DURATION_TYPE = new ConfigType<>("duration", raw -> {
        String s = scalar(raw).trim();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + s + "' is not a duration; write e.g. 500ms, 10s, 5m, 1h or 7d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }, ConfigType::formatDuration);

    public static final ConfigType<List<String>> STRING_LIST = new ConfigType<>("list of strings", raw -> {
        if (raw instanceof List<?> list) {
            List<String> out = new ArrayList<>();
            list.forEach(item -> out.add(String.valueOf(item)));
            return List.copyOf(out);
        }
        throw new IllegalArgumentException("expected a list, e.g. [ a, b ]");
    }, list -> "[" + String.join(", ", list) + "]");

    public static final ConfigType<Map<String, String>> STRING_MAP = new ConfigType<>("map of strings", raw -> {
        if (raw instanceof Map<?, ?> map) {
            Map<String, String> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
            return Collections.unmodifiableMap(out);
        }
        throw new IllegalArgumentException("expected entries, e.g. { old_name: new_name }");
    }, map -> {
        StringBuilder text = new StringBuilder("{");
        map.forEach((k, v) -> text.append(text.length() > 1 ? ", " : " ").append(k).append(": ").append(v));
        return text.append(map.isEmpty() ? "}" : " }").toString();
    });

    public static <E extends Enum<E>> ConfigType<E> enumOf(Class<E> type) {
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT));
        }
        return new ConfigType<>("one of " + String.join("|", names), raw -> {
            String s = scalar(raw).trim();
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(s)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("'" + s + "' is not one of " + String.join(", ", names));
        }, e -> e.name().toLowerCase(Locale.ROOT));
    }

    private static String scalar(Object raw) {
        if (raw instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("expected a single value, not a list or section");
    }

    private static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0";
        }
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
