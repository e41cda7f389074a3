package io.mysync.reader.source;

import io.mysync.common.error.RefusedException;
import java.util.List;

/** The source cannot be read without losing changes; every reason is listed with its fix. */
public final class SourceRefusedException extends RefusedException {

    private final List<PreflightProblem> problems;

    public SourceRefusedException(String server, List<PreflightProblem> problems) {
        super(describe(server, problems));
        this.problems = List.copyOf(problems);
    }

    public List<PreflightProblem> problems() {
        return problems;
    }

    private static String describe(String server, List<PreflightProblem> problems) {
        if (problems.size() == 1) {
            return "The reader cannot follow " + server + ": " + problems.get(0);
        }
        StringBuilder text = new StringBuilder("The reader cannot follow " + server + " without losing changes:");
        problems.forEach(p -> text.append("\n  - ").append(p));
        return text.toString();
    }
}
