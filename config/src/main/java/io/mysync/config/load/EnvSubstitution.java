package io.mysync.config.load;

import io.mysync.common.secret.Redaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in config values with environment variables, and
 * {@code ${file:PATH}} with the content of a file (a mounted Kubernetes or Docker secret), without its final line
 * break. A relative PATH is read from the config file's directory, like every other file the config names. What
 * came from a file or from a variable named like a credential ({@code DB_PASSWORD}) is a secret wherever it lands.
 */
final class EnvSubstitution {

    private static final Pattern REFERENCE = Pattern.compile(
            "\\$\\{(?:file:([^}]+)|([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?)}");

    private final Map<String, String> env;
    private final Path base;
    private final List<String> secrets = new ArrayList<>();

    EnvSubstitution(Map<String, String> env, Path base) {
        this.env = env;
        this.base = base;
    }

    /** One substituted value, and whether any part of it came from a secret file or a credential's variable. */
    record Result(String value, boolean secret) {
    }

    /** @throws IllegalArgumentException naming every unset variable and unreadable file of the value */
    Result apply(String value) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        List<String> problems = new ArrayList<>();
        boolean secret = false;
        while (m.find()) {
            String replacement;
            try {
                if (m.group(1) != null) {
                    replacement = file(m.group(1).trim());
                    secret = true;
                } else {
                    replacement = variable(m);
                    secret |= Redaction.isSecretName(m.group(2)) && env.containsKey(m.group(2));
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
                replacement = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        if (secret) {
            secrets.add(out.toString());
        }
        return new Result(out.toString(), secret);
    }

    /** Every value that took a secret file or a credential's variable: to be masked wherever it is printed. */
    List<String> secrets() {
        return secrets;
    }

    private String variable(Matcher m) {
        String replacement = env.get(m.group(2));
        if (replacement != null) {
            return replacement;
        }
        if (m.group(3) == null) {
            throw new IllegalArgumentException("environment variable " + m.group(2)
                    + " is not set; export it or write ${" + m.group(2) + ":-default}");
        }
        return m.group(4);
    }

    private String file(String path) {
        Path file = base.resolve(path);
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            return content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the secret file " + file + " (" + e.getClass()
                    .getSimpleName() + "): mount it there or fix the path in ${file:...} (a relative path is read "
                    + "from the config file's directory)");
        }
    }
}
