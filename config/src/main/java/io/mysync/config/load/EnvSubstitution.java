package io.mysync.config.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in config values with environment variables, and
 * {@code ${file:/path}} with the content of a file (a mounted Kubernetes or Docker secret), without its final line
 * break.
 */
final class EnvSubstitution {

    private static final Pattern REFERENCE = Pattern.compile(
            "\\$\\{(?:file:([^}]+)|([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?)}");

    private final Map<String, String> env;

    EnvSubstitution(Map<String, String> env) {
        this.env = env;
    }

    /** @throws IllegalArgumentException naming the unset variable or the unreadable file */
    String apply(String value) {
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(1) != null ? file(m.group(1).trim()) : variable(m);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
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

    private static String file(String path) {
        try {
            String content = Files.readString(Path.of(path), StandardCharsets.UTF_8);
            return content.endsWith("\r\n") ? content.substring(0, content.length() - 2)
                    : content.endsWith("\n") ? content.substring(0, content.length() - 1) : content;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the secret file " + path + " (" + e.getClass()
                    .getSimpleName() + "): mount it there or fix the path in ${file:...}");
        }
    }
}
