package io.mysync.config.load;

import io.mysync.config.def.ConfigKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Typed values read from one file, by concrete path ({@code mappings[2].redis.key}), with the line each came from.
 * Keys not in the file answer their default.
 */
public final class ConfigValues {

    private final String file;
    private final Map<String, Object> values;
    private final Map<String, Integer> lines;
    private final Set<String> sections;
    private final List<ConfigProblem> problems;

    ConfigValues(String file, Map<String, Object> values, Map<String, Integer> lines, Set<String> sections,
                 List<ConfigProblem> problems) {
        this.file = file;
        this.values = values;
        this.lines = lines;
        this.sections = sections;
        this.problems = problems;
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

    public boolean isSet(ConfigKey<?> key, int index) {
        return values.containsKey(concrete(key.path(), index));
    }

    /** Whether a section such as {@code sinks.redis} or {@code mappings[0].redis} is in the file. */
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
                    out.put(path, key.isSecret() ? "******" : format(key, values.get(path)));
                }
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T> String format(ConfigKey<T> key, Object value) {
        return Secrets.maskUrl(key.type().format((T) value));
    }
}
