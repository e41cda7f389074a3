package io.mysync.config.load;

import io.mysync.common.secret.Redaction;
import io.mysync.config.def.ConfigKey;
import io.mysync.config.def.ConfigType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed values read from one file, by concrete path ({@code mappings[2].columns.include}), with the line each came from.
 * Keys not in the file answer their default.
 */
public final class ConfigValues {

    private final String file;
    private final Map<String, Object> values;
    private final Map<String, Integer> lines;
    private final Set<String> sections;
    private final List<ConfigProblem> problems;
    private final Set<String> secretSourced;
    private final List<String> substitutedSecrets;

    /**
     * @param secretSourced      settings whose value took a {@code ${file:...}} or a credential's variable
     * @param substitutedSecrets those values
     */
    ConfigValues(String file, Map<String, Object> values, Map<String, Integer> lines, Set<String> sections,
                 List<ConfigProblem> problems, Set<String> secretSourced, List<String> substitutedSecrets) {
        this.file = file;
        this.values = values;
        this.lines = lines;
        this.sections = sections;
        this.problems = problems;
        this.secretSourced = secretSourced;
        this.substitutedSecrets = substitutedSecrets;
    }

    /** What was wrong with the file; keys with problems answer their default. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    public String file() {
        return file;
    }

    public <T> T get(ConfigKey<T> key) {
        return get(key, -1);
    }

    /** Value of a list-element key ({@code mappings[].x}) in element {@code index}. */
    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key, int index) {
        Object value = values.get(concrete(key.path(), index));
        return value == null ? key.defaultValue() : (T) value;
    }

    /** Value of a key inside nested lists, at its concrete section ({@code mappings[0].NAME.nest[1]}). */
    @SuppressWarnings("unchecked")
    public <T> T at(ConfigKey<T> key, String concreteSection) {
        Object value = values.get(concreteSection + "." + key.name());
        return value == null ? key.defaultValue() : (T) value;
    }

    /** A text setting, empty when blank. */
    public Optional<String> text(ConfigKey<String> key) {
        String value = get(key);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** A file setting resolved against {@code base} (the config file's directory), empty when blank. */
    public Optional<Path> path(ConfigKey<String> key, int index, Path base) {
        String value = get(key, index);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(base.resolve(value).normalize());
    }

    public boolean isSet(ConfigKey<?> key, int index) {
        return values.containsKey(concrete(key.path(), index));
    }

    /** Whether a section such as {@code sinks.NAME} or {@code mappings[0].columns} is in the file. */
    public boolean hasSection(String concretePath) {
        return sections.contains(concretePath);
    }

    public int count(String listPath) {
        int n = 0;
        while (sections.contains(listPath + "[" + n + "]")) {
            n++;
        }
        return n;
    }

    public int lineOf(String concretePath) {
        return lines.getOrDefault(concretePath, 1);
    }

    public static String concrete(String schemaPath, int index) {
        return index < 0 ? schemaPath : schemaPath.replaceFirst("\\[]", "[" + index + "]");
    }

    /** Every value set in the file, secrets masked: what to log once at start-up. */
    public Map<String, String> describe(Iterable<ConfigKey<?>> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        values.keySet().stream().sorted().forEach(path -> {
            for (ConfigKey<?> key : keys) {
                if (key.path().equals(path.replaceAll("\\[\\d+]", "[]"))) {
                    out.put(path, key.isSecret() || secretSourced.contains(path) ? Redaction.MASK
                            : format(key, path, values.get(path)));
                }
            }
        });
        return out;
    }

    /**
     * Every secret value read: those of secret keys and the entries of maps (kafka.properties...) whose names are
     * those of credentials.
     */
    public List<String> secretValues(Iterable<ConfigKey<?>> keys) {
        List<String> out = new java.util.ArrayList<>(substitutedSecrets);
        values.forEach((path, value) -> {
            for (ConfigKey<?> key : keys) {
                if (key.path().equals(path.replaceAll("\\[\\d+]", "[]"))) {
                    if (key.isSecret()) {
                        out.add(String.valueOf(value));
                    } else if (value instanceof Map<?, ?> map) {
                        map.forEach((k, v) -> {
                            if (Redaction.isSecretName(String.valueOf(k))) {
                                out.add(String.valueOf(v));
                            }
                        });
                    }
                }
            }
        });
        return out;
    }

    /**
     * A value as printed: the entries of a map named like credentials and the password of a URL masked, nothing
     * else rewritten (a password that happens to be {@code shop} leaves {@code source.id = shop} alone).
     */
    @SuppressWarnings("unchecked")
    private <T> String format(ConfigKey<T> key, String path, Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, String> masked = new LinkedHashMap<>();
            map.forEach((k, v) -> masked.put(String.valueOf(k), Redaction.isSecretName(String.valueOf(k))
                    || secretSourced.contains(path + "." + k) ? Redaction.MASK : String.valueOf(v)));
            return Redaction.maskUrlPasswords(ConfigType.STRING_MAP.format(masked));
        }
        return Redaction.maskUrlPasswords(key.type().format((T) value));
    }
}
