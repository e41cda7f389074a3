package io.mysync.config.def;

import java.util.Optional;
import java.util.function.Function;

/**
 * The single definition of one configuration key: its path, type, default, validation and documentation.
 * Paths use dots for sections and {@code []} for list elements: {@code mappings[].columns.include}.
 *
 * @param validator returns an error message for a bad value, or empty when the value is fine
 */
public record ConfigKey<T>(String path, ConfigType<T> type, T defaultValue, boolean isRequired, boolean isSecret,
                           Function<T, Optional<String>> validator, String doc) {

    public static <T> ConfigKey<T> of(String path, ConfigType<T> type, String doc) {
        return new ConfigKey<>(path, type, null, false, false, v -> Optional.empty(), doc);
    }

    public ConfigKey<T> required() {
        return new ConfigKey<>(path, type, defaultValue, true, isSecret, validator, doc);
    }

    public ConfigKey<T> defaultValue(T value) {
        return new ConfigKey<>(path, type, value, isRequired, isSecret, validator, doc);
    }

    public ConfigKey<T> secret() {
        return new ConfigKey<>(path, type, defaultValue, isRequired, true, validator, doc);
    }

    public ConfigKey<T> validate(Function<T, Optional<String>> check) {
        Function<T, Optional<String>> previous = validator;
        return new ConfigKey<>(path, type, defaultValue, isRequired, isSecret,
                v -> previous.apply(v).or(() -> check.apply(v)), doc);
    }

    /** The section this key sits in: {@code mappings[].columns} for {@code mappings[].columns.include}. */
    public String parent() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    public String name() {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
