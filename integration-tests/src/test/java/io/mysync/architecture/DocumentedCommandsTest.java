package io.mysync.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.dev.DevMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The commands and flags the README and docs/ show are the CLI's own (its picocli model), and every option of every
 * command, every environment variable the launcher and the deployment files read, is documented: the two cannot
 * drift apart again (as {@code ConfigReferenceTest} keeps the keys).
 */
class DocumentedCommandsTest {

    /** {@code ./mysync X ...}, {@code mysync X ...}, {@code bin/mysync X ...} inside code, up to its end. */
    private static final Pattern INVOCATION = Pattern.compile("(?:\\./|bin/|\\s|`|^)mysync((?: [^`\\n#|;&)]+)+)");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--?[a-zA-Z][\\w-]*)");
    private static final Pattern VARIABLE = Pattern.compile("\\b(MYSYNC_[A-Z_]+)\\b");

    /** Verbs of the source tree's {@code ./mysync} script itself, not of the CLI. */
    private static final Set<String> SCRIPT_VERBS = Set.of("test");

    private static String docs;
    /** Invocations in fenced blocks (examples to run) and in inline code (mentions). */
    private static List<String> examples;
    private static List<String> mentions;

    @BeforeAll
    static void readDocs() throws IOException {
        StringBuilder text = new StringBuilder(Files.readString(Path.of("..", "README.md")));
        try (Stream<Path> pages = Files.list(Path.of("..", "docs"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                text.append('\n').append(Files.readString(page));
            }
        }
        docs = text.toString();
        List<String> fencedLines = new ArrayList<>();
        Matcher fenced = Pattern.compile("(?s)```[a-z]*\\n(.*?)```").matcher(docs);
        while (fenced.find()) {
            fencedLines.addAll(fenced.group(1).lines().toList());
        }
        List<String> spans = new ArrayList<>();
        Matcher inline = Pattern.compile("`([^`\\n]+)`").matcher(docs.replaceAll("(?s)```.*?```", ""));
        while (inline.find()) {
            spans.add(inline.group(1));
        }
        examples = invocationsIn(fencedLines);
        mentions = invocationsIn(spans);
    }

    private static List<String> invocationsIn(List<String> code) {
        List<String> out = new ArrayList<>();
        for (String text : code) {
            Matcher m = INVOCATION.matcher(text);
            while (m.find()) {
                out.add(m.group(1).trim());
            }
        }
        return out;
    }

    @Test
    void everyDocumentedInvocationIsACommandWithItsOptions() {
        CommandLine root = DevMain.commandLine();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        List<String> all = new ArrayList<>(examples);
        all.addAll(mentions);
        for (int n = 0; n < all.size(); n++) {
            String invocation = all.get(n);
            boolean example = n < examples.size();
            List<String> words = Arrays.stream(invocation.split("\\s+")).map(w -> w.replaceAll("[\\[\\]]", ""))
                    .filter(w -> !w.isEmpty()).toList();
            if (words.isEmpty() || !words.get(0).matches("[a-z][a-z-]*(\\|[a-z-]+)*") && !words.get(0).startsWith("-")) {
                continue; // prose such as "mysync's", or a path
            }
            CommandSpec spec = root.getCommandSpec();
            int i = 0;
            while (i < words.size() && !words.get(i).startsWith("-")) {
                String word = words.get(i);
                List<String> names = Arrays.asList(word.split("\\|"));
                CommandSpec child = spec.subcommands().containsKey(names.get(0))
                        ? spec.subcommands().get(names.get(0)).getCommandSpec() : null;
                if (child == null) {
                    break; // an argument (a file, a table list) or a placeholder
                }
                for (String name : names) {
                    if (!spec.subcommands().containsKey(name)) {
                        wrong.add(invocation + ": no command '" + name + "' under " + spec.qualifiedName());
                    }
                }
                spec = child;
                i++;
            }
            if (spec == root.getCommandSpec() && i == 0 && !words.get(0).startsWith("-")) {
                // "bin/mysync   the launcher" is prose; "./mysync dumps" or "./mysync dumps --config F" is a typo
                boolean commandLike = words.size() == 1 || words.get(1).startsWith("-");
                if (commandLike && !SCRIPT_VERBS.contains(words.get(0))) {
                    wrong.add(invocation + ": '" + words.get(0) + "' is not a command");
                }
                checked++;
                continue;
            }
            checked++;
            Set<String> given = new LinkedHashSet<>();
            for (String word : words.subList(i, words.size())) {
                Matcher option = OPTION.matcher(word.split("=", 2)[0]);
                if (word.startsWith("-") && option.matches()) {
                    given.add(option.group(1));
                    if (spec.findOption(option.group(1)) == null) {
                        wrong.add(invocation + ": " + spec.qualifiedName() + " has no option " + option.group(1));
                    }
                }
            }
            boolean help = given.contains("--help") || given.contains("-h") || given.contains("--version");
            for (OptionSpec required : spec.options().stream().filter(OptionSpec::required).toList()) {
                // an example to run must work as written; a mention in prose may name the command alone
                if (example && !help && Arrays.stream(required.names()).noneMatch(given::contains)) {
                    wrong.add(invocation + ": " + spec.qualifiedName() + " needs " + required.longestName());
                }
            }
        }
        assertThat(wrong).as("invocations in README.md and docs/ that the CLI refuses").isEmpty();
        assertThat(checked).as("invocations found").isGreaterThan(30);
    }

    @Test
    void everyOptionOfEveryCommandIsDocumented() {
        List<String> missing = new ArrayList<>();
        collect(DevMain.commandLine().getCommandSpec(), missing);
        assertThat(missing).as("options no page of README.md or docs/ mentions").isEmpty();
    }

    private static void collect(CommandSpec spec, List<String> missing) {
        for (OptionSpec option : spec.options()) {
            for (String name : option.names()) {
                if (!name.equals("-h") && !name.equals("-V")
                        && !Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])").matcher(docs).find()) {
                    missing.add(spec.qualifiedName() + " " + name);
                }
            }
        }
        spec.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct()
                .forEach(child -> collect(child, missing));
    }

    @Test
    void everyEnvironmentVariableTheDeploymentReadsIsDocumented() {
        Set<String> read = new LinkedHashSet<>();
        for (String file : List.of("deploy/dist/src/bin/mysync", "deploy/systemd/mysync-reader@.service",
                "deploy/systemd/mysync-writer@.service", "deploy/container/Containerfile")) {
            Matcher m = VARIABLE.matcher(read(Path.of("..", file)));
            while (m.find()) {
                read.add(m.group(1));
            }
        }
        assertThat(read).contains("MYSYNC_OPTS", "MYSYNC_WRITER_ARGS", "MYSYNC_READER_METRICS_PORT");
        assertThat(read).as("variables no page documents").allMatch(v -> docs.contains(v));
        assertThat(docs).as("the launcher reads MYSYNC_OPTS, not JAVA_OPTS").doesNotContain("JAVA_OPTS");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
