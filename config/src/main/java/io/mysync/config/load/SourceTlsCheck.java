package io.mysync.config.load;

import io.mysync.config.keys.SourceKeys;
import io.mysync.config.model.SslMode;
import java.util.List;

/** The source's TLS settings that only make sense together. */
final class SourceTlsCheck {

    private SourceTlsCheck() {
    }

    static void check(ConfigValues v, List<ConfigProblem> problems) {
        SslMode mode = v.get(SourceKeys.SSL_MODE);
        String ca = v.get(SourceKeys.SSL_CA);
        String cert = v.get(SourceKeys.SSL_CERT);
        if (!ca.isBlank() && !mode.verifies()) {
            problems.add(problem(v, SourceKeys.SSL_CA.path(), "source.ssl.ca is set but source.ssl.mode is "
                    + mode.name().toLowerCase(java.util.Locale.ROOT) + ", which does not check the server's "
                    + "certificate: set source.ssl.mode to verify_ca or verify_identity"));
        }
        PairCheck.both(v, problems, SourceKeys.SSL_CERT, SourceKeys.SSL_KEY, "a client certificate");
        if (!cert.isBlank() && mode == SslMode.DISABLED) {
            problems.add(problem(v, SourceKeys.SSL_CERT.path(), "source.ssl.cert is set but source.ssl.mode is "
                    + "disabled: a client certificate needs TLS"));
        }
    }

    private static ConfigProblem problem(ConfigValues v, String key, String message) {
        return new ConfigProblem(v.file(), v.lineOf(key), key, message);
    }
}
