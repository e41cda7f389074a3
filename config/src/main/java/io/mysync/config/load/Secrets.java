package io.mysync.config.load;

import java.util.regex.Pattern;

/** Keeps passwords out of logs. */
public final class Secrets {

    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@]+:)[^@/]+@");

    private Secrets() {
    }

    /** {@code redis://u:secret@h:1} becomes {@code redis://u:******@h:1}. */
    public static String maskUrl(String text) {
        return URL_PASSWORD.matcher(text).replaceAll("$1******@");
    }
}
