package io.mysync.config.load;

import java.util.List;

/** A config file has problems; all of them are listed, not just the first. */
public final class ConfigException extends RuntimeException {

    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(List<ConfigProblem> problems) {
        StringBuilder text = new StringBuilder(problems.size() == 1 ? "1 problem" : problems.size() + " problems")
                .append(" in the configuration:");
        problems.forEach(p -> text.append("\n  ").append(p));
        return text.toString();
    }
}
