package io.mysync.reader.source;

import io.mysync.common.tls.TlsFailure;
import io.mysync.config.model.SourceConfig;
import io.mysync.config.model.SslMode;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which errors from the source retrying cannot fix, by MySQL error code (never by message text), and the fix for
 * each. Everything else (connection refused, timeouts, server restarts) is retried with back-off.
 */
public final class SourceErrors {

    /** MySQL's ER_SECURE_TRANSPORT_REQUIRED (MariaDB denies such a login with 1045, access denied). */
    private static final String TLS_FIX = "the server accepts TLS connections only (require_secure_transport=ON): "
            + "set source.ssl.mode to required, verify_ca or verify_identity";

    private static final Map<Integer, String> FATAL = Map.of(
            3159, TLS_FIX,
            1045, "the user or password is wrong: check source.url and source.password",
            1044, "the user may not access this server: grant it the privileges the reader needs",
            1226, "the user has exceeded a resource limit (max_user_connections or similar): raise it",
            1251, "the server needs a newer authentication method than the user has: "
                    + "ALTER USER ... IDENTIFIED WITH mysql_native_password BY '...'");

    private static final int ACCESS_DENIED = 1045;

    private SourceErrors() {
    }

    /** The fix for an error retrying cannot cure, or empty when a retry may succeed. */
    public static Optional<String> fatalFix(SQLException e) {
        return Optional.ofNullable(FATAL.get(e.getErrorCode()));
    }

    /**
     * The refusal for an error of connecting to {@code source} that retrying cannot fix: a fatal error code, or a
     * TLS failure (untrusted certificate, wrong host, failed handshake). A user created with REQUIRE SSL is denied
     * with the same code as a wrong password, so with TLS disabled the fix names both.
     */
    public static Optional<SourceRefusedException> refusal(Exception e, SourceConfig source) {
        Optional<TlsFailure> tls = TlsFailure.of(e);
        if (tls.isPresent()) {
            return Optional.of(new SourceRefusedException(source.toString(), List.of(new PreflightProblem(
                    "the TLS connection", "refused", tls.get().describe("the source " + source,
                    "source.ssl.ca / source.ssl.mode (now " + mode(source) + ")", e)))));
        }
        if (!(e instanceof SQLException sql)) {
            return Optional.empty();
        }
        return fatalFix(sql).map(fix -> {
            if (sql.getErrorCode() == ACCESS_DENIED && source.tls().mode() == SslMode.DISABLED) {
                fix += ", or, if the user was created with REQUIRE SSL or X509, set source.ssl.mode (now disabled)";
            }
            return new SourceRefusedException(source.toString(),
                    List.of(new PreflightProblem("the connection", sql.getMessage(), fix)));
        });
    }

    private static String mode(SourceConfig source) {
        return source.tls().mode().name().toLowerCase(java.util.Locale.ROOT);
    }
}
