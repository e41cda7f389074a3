package io.mysync.common.secret;

import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of everything MySync prints. The config loader registers every secret value it read
 * (passwords, API keys, JAAS configs, the webhook URL...); {@link #redact} masks them in any text, which the log
 * layout, error reports and {@code config check} apply, so a secret that ends up in a library's message is masked
 * too.
 */
public final class Redaction {

    public static final String MASK = "******";

    /** Names of settings whose values are credentials. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(password|passwd|jaas\\.config|secret|token"
            + "|credential|api_key|apikey|\\.key$|keystore\\.key|auth).*");
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@\\s]+:)[^@/\\s]+@");
    private static final Pattern INNER_PASSWORD = Pattern.compile("(?i)password\\s*=\\s*\"?([^\";\\s]+)\"?");
    /** Shorter values would mask ordinary words and numbers. */
    private static final int SHORTEST = 4;

    private static final Set<String> VALUES = new ConcurrentSkipListSet<>(
            Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));

    private Redaction() {
    }

    public static boolean isSecretName(String name) {
        return SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    /**
     * From now on {@code value} is masked wherever {@link #redact} runs; so are the passwords inside it when it is a
     * JAAS configuration ({@code ... password="x";}), which a message may quote alone.
     */
    public static void register(String value) {
        if (value != null && value.length() >= SHORTEST) {
            VALUES.add(value);
            Matcher inner = INNER_PASSWORD.matcher(value);
            while (inner.find()) {
                register(inner.group(1));
            }
        }
    }

    /** {@code text} with every registered secret and every password in a URL ({@code u:pw@host}) masked. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String value : VALUES) { // longest first, so a secret that contains another is masked whole
            if (out.contains(value)) {
                out = out.replace(value, MASK);
            }
        }
        return maskUrlPasswords(out);
    }

    /** {@code text} with the password of every URL in it ({@code u:pw@host}) masked, and nothing else changed. */
    public static String maskUrlPasswords(String text) {
        return text == null ? null : URL_PASSWORD.matcher(text).replaceAll("$1" + MASK + "@");
    }
}
