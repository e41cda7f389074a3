package io.mysync.config.load;

import io.mysync.config.def.ConfigKey;
import java.util.List;

/** Two settings that only work together (a certificate and its key, a user and its password). */
public final class PairCheck {

    private PairCheck() {
    }

    /** A problem at the given one when only one of {@code first} and {@code second} is set. */
    public static void both(ConfigValues v, List<ConfigProblem> problems, ConfigKey<String> first, ConfigKey<String> second,
                     String what) {
        String a = v.get(first);
        String b = v.get(second);
        if (a == null || b == null || a.isBlank() == b.isBlank()) {
            return; // malformed ones are reported already
        }
        ConfigKey<String> missing = a.isBlank() ? first : second;
        ConfigKey<String> given = a.isBlank() ? second : first;
        problems.add(new ConfigProblem(v.file(), v.lineOf(given.path()), missing.path(), what + " needs both "
                + first.path() + " and " + second.path() + "; " + missing.path() + " is missing"));
    }
}
