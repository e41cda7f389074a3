package io.mysync.config.load;

import io.mysync.config.def.ConfigKey;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a YAML file against the key definitions. Collects every problem (unknown key, wrong type, bad value,
 * missing key, unset environment variable) with its line into {@link ConfigValues#problems()}, so one run shows
 * them all; only a file that is not YAML at all fails at once.
 */
public final class ConfigParser {

    private final Map<String, ConfigKey<?>> keysByPath = new LinkedHashMap<>();
    private final Set<String> sectionPaths = new HashSet<>();
    private final Set<String> requiredSections;
    private final Map<String, String> environment;

    public ConfigParser(List<ConfigKey<?>> keys, Set<String> requiredSections, Map<String, String> env) {
        for (ConfigKey<?> key : keys) {
            keysByPath.put(key.path(), key);
            String parent = key.parent();
            while (!parent.isEmpty()) {
                sectionPaths.add(parent);
                int dot = parent.lastIndexOf('.');
                parent = dot < 0 ? "" : parent.substring(0, dot);
            }
        }
        this.requiredSections = requiredSections;
        this.environment = env;
    }

    public ConfigValues parse(Path file) {
        try {
            return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(file.toString(), 1, "",
                    "cannot read the file: " + e.getMessage())));
        }
    }

    public ConfigValues parse(String file, String text) {
        Path parent = Path.of(file).toAbsolutePath().getParent();
        Walk walk = new Walk(file, new EnvSubstitution(environment, parent == null ? Path.of(".") : parent));
        Node root;
        try (Reader in = new StringReader(text)) {
            root = new Yaml(new LoaderOptions()).compose(in);
        } catch (MarkedYAMLException e) {
            throw new ConfigException(List.of(yamlProblem(file, text, e)));
        } catch (YAMLException | IOException e) {
            throw new ConfigException(List.of(new ConfigProblem(file, 1, "", "not valid YAML: " + e.getMessage())));
        }
        if (!(root instanceof MappingNode mapping)) {
            throw new ConfigException(List.of(new ConfigProblem(file, 1, "",
                    "the file must hold sections such as source:, kafka: and mappings:")));
        }
        walk.section(mapping, "", "");
        walk.checkRequired();
        return new ConfigValues(file, walk.values, walk.lines, walk.presentSections, walk.problems,
                walk.secretSourced, walk.env.secrets());
    }

    /**
     * A YAML error at the line where its cause is. SnakeYAML reports where it gave up, often many lines after the
     * cause: a double quote left open runs on to the next quote, so the first line before that point with an odd
     * number of quotes is named; otherwise the construct it was reading (its context mark) is.
     */
    static ConfigProblem yamlProblem(String file, String text, MarkedYAMLException e) {
        var context = e.getContextMark();
        var problem = e.getProblemMark();
        if (problem != null) {
            List<String> lines = text.lines().toList();
            for (int i = 0; i < Math.min(problem.getLine(), lines.size()); i++) {
                if (openQuote(lines.get(i))) {
                    return new ConfigProblem(file, i + 1, "", "not valid YAML: the double quote opened on line "
                            + (i + 1) + " is not closed on it, so the value runs on until line "
                            + (problem.getLine() + 1) + ", where the parser " + e.getProblem() + "; close the quote");
                }
            }
        }
        if (context == null || problem == null || context.getLine() == problem.getLine()) {
            int line = (problem != null ? problem : context).getLine() + 1;
            return new ConfigProblem(file, line, "", "not valid YAML: " + e.getProblem()
                    + (e.getContext() == null ? "" : " (" + e.getContext() + ")"));
        }
        return new ConfigProblem(file, context.getLine() + 1, "", "not valid YAML: " + e.getContext() + " at line "
                + (context.getLine() + 1) + ", column " + (context.getColumn() + 1) + ", " + e.getProblem()
                + " at line " + (problem.getLine() + 1) + " (look at line " + (context.getLine() + 1) + " first: a "
                + "quote, bracket or brace left open there runs on)");
    }

    /** Whether a line leaves a double quote open: an odd number of unescaped quotes before any comment. */
    private static boolean openQuote(String line) {
        boolean open = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '#' && !open && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                break;
            }
            if (c == '"' && (i == 0 || line.charAt(i - 1) != '\\')) {
                open = !open;
            }
        }
        return open;
    }

    /** State of one parse. */
    private final class Walk {
        final String file;
        final List<ConfigProblem> problems = new ArrayList<>();
        final Map<String, Object> values = new HashMap<>();
        final Map<String, Integer> lines = new HashMap<>();
        final Set<String> presentSections = new HashSet<>();
        final Set<String> secretSourced = new HashSet<>();
        final EnvSubstitution env;

        Walk(String file, EnvSubstitution env) {
            this.file = file;
            this.env = env;
        }

        void section(MappingNode node, String schemaPath, String concretePath) {
            if (!concretePath.isEmpty()) {
                presentSections.add(concretePath);
                lines.put(concretePath, line(node));
            }
            Set<String> seen = new HashSet<>();
            for (NodeTuple tuple : node.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                    problem(tuple.getKeyNode(), concretePath, "keys must be plain names");
                    continue;
                }
                String name = keyNode.getValue();
                String schemaChild = join(schemaPath, name);
                String concreteChild = join(concretePath, name);
                Node value = tuple.getValueNode();
                if (!seen.add(name)) {
                    problem(keyNode, concreteChild, "appears twice in the same section");
                } else if (keysByPath.containsKey(schemaChild)) {
                    leaf(keysByPath.get(schemaChild), value, concreteChild);
                } else if (sectionPaths.contains(schemaChild + "[]")) {
                    list(value, schemaChild, concreteChild);
                } else if (sectionPaths.contains(schemaChild)) {
                    if (value instanceof MappingNode child) {
                        section(child, schemaChild, concreteChild);
                    } else {
                        problem(value, concreteChild, "must be a section with keys " + validKeys(schemaChild));
                    }
                } else {
                    problem(keyNode, concreteChild, "unknown key '" + name + "'"
                            + (schemaPath.isEmpty() ? "" : " in " + concretePath) + "; valid keys here: "
                            + validKeys(schemaPath) + (storeSection(schemaPath) && value instanceof MappingNode
                            ? ". If '" + name + "' is a store, this install does not load it: bin/mysync puts "
                            + "lib/stores/" + name + "/ on the class path when the file names it under sinks: or "
                            + "MYSYNC_STORES lists it" : ""));
                }
            }
        }

        /** Where a store's own section goes: {@code sinks.NAME} and {@code mappings[].NAME}. */
        private boolean storeSection(String schemaPath) {
            return schemaPath.equals("sinks") || schemaPath.equals("mappings[]");
        }

        void list(Node value, String schemaPath, String concretePath) {
            presentSections.add(concretePath);
            lines.put(concretePath, line(value));
            if (!(value instanceof SequenceNode sequence)) {
                problem(value, concretePath, "must be a list of entries, each starting with '- '");
                return;
            }
            int index = 0;
            for (Node element : sequence.getValue()) {
                String concreteElement = concretePath + "[" + index++ + "]";
                if (element instanceof MappingNode mapping) {
                    section(mapping, schemaPath + "[]", concreteElement);
                } else {
                    problem(element, concreteElement, "must be an entry with keys " + validKeys(schemaPath + "[]"));
                }
            }
        }

        void leaf(ConfigKey<?> key, Node node, String concretePath) {
            lines.put(concretePath, line(node));
            Object raw;
            try {
                raw = raw(node, concretePath);
            } catch (IllegalArgumentException e) {
                problem(node, concretePath, e.getMessage());
                return;
            }
            try {
                Object typed = key.type().parse(raw);
                Optional<String> invalid = validate(key, typed);
                if (invalid.isPresent()) {
                    problem(node, concretePath, invalid.get());
                } else {
                    values.put(concretePath, typed);
                }
            } catch (IllegalArgumentException e) {
                problem(node, concretePath, e.getMessage() + " (expected " + key.type().name() + ")");
            }
        }

        Object raw(Node node, String concretePath) {
            if (node instanceof ScalarNode scalar) {
                return substituted(scalar.getValue(), concretePath);
            }
            if (node instanceof SequenceNode sequence) {
                List<String> items = new ArrayList<>();
                for (Node item : sequence.getValue()) {
                    if (!(item instanceof ScalarNode scalar)) {
                        throw new IllegalArgumentException("list items must be single values");
                    }
                    items.add(substituted(scalar.getValue(), concretePath));
                }
                return items;
            }
            if (node instanceof MappingNode entries) {
                Map<String, String> map = new LinkedHashMap<>();
                for (NodeTuple tuple : entries.getValue()) {
                    if (!(tuple.getKeyNode() instanceof ScalarNode key)
                            || !(tuple.getValueNode() instanceof ScalarNode value)) {
                        throw new IllegalArgumentException("entries must be single values, e.g. { a: b }");
                    }
                    map.put(key.getValue(), substituted(value.getValue(), concretePath + "." + key.getValue()));
                }
                return map;
            }
            throw new IllegalArgumentException("expected a value, not a section");
        }

        /** {@code ${...}} replaced; a value that took a secret marks its setting secret-sourced. */
        String substituted(String text, String concretePath) {
            EnvSubstitution.Result result = env.apply(text);
            if (result.secret()) {
                secretSourced.add(concretePath);
            }
            return result.value();
        }

        void checkRequired() {
            for (String section : new TreeSet<>(requiredSections)) {
                if (!presentSections.contains(section)) {
                    problems.add(new ConfigProblem(file, 1, section, "missing section '" + section
                            + "' (keys: " + validKeys(sectionPaths.contains(section + "[]") ? section + "[]" : section)
                            + ")"));
                }
            }
            for (ConfigKey<?> key : keysByPath.values()) {
                if (!key.isRequired()) {
                    continue;
                }
                for (String parent : concreteParents(key.parent())) {
                    String path = join(parent, key.name());
                    if (presentSections.contains(parent) && !values.containsKey(path) && !lines.containsKey(path)) {
                        problems.add(new ConfigProblem(file, lines.getOrDefault(parent, 1), path,
                                "missing required key: " + key.doc()));
                    }
                }
            }
        }

        /** {@code mappings[].columns} becomes {@code mappings[0].columns}, ...; lists in lists likewise. */
        List<String> concreteParents(String schemaParent) {
            int bracket = schemaParent.indexOf("[]");
            if (bracket < 0) {
                return List.of(schemaParent);
            }
            String list = schemaParent.substring(0, bracket);
            List<String> parents = new ArrayList<>();
            for (int i = 0; presentSections.contains(list + "[" + i + "]"); i++) {
                parents.addAll(concreteParents(list + "[" + i + "]" + schemaParent.substring(bracket + 2)));
            }
            return parents;
        }

        void problem(Node node, String key, String message) {
            problems.add(new ConfigProblem(file, line(node), key, message));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> Optional<String> validate(ConfigKey<T> key, Object typed) {
        return key.validator().apply((T) typed);
    }

    private String validKeys(String schemaPath) {
        Set<String> names = new TreeSet<>();
        String prefix = schemaPath.isEmpty() ? "" : schemaPath + ".";
        for (String path : keysByPath.keySet()) {
            if (path.startsWith(prefix)) {
                String rest = path.substring(prefix.length());
                int end = rest.indexOf('.');
                String name = end < 0 ? rest : rest.substring(0, end);
                names.add(name.replace("[]", ""));
            }
        }
        return String.join(", ", names);
    }

    private static String join(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 1 : node.getStartMark().getLine() + 1;
    }
}
