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
            1251, "the user's authentication plugin is not one MySync speaks (caching_sha2_password, "
                    + "mysql_native_password, sha256_password): ALTER USER ... IDENTIFIED WITH caching_sha2_password "
                    + "BY '...' (the default of MySQL 8.4 and 9.x)");

    /**
     * Connector/J's refusal to fetch the server's RSA key for a {@code caching_sha2_password} login without TLS: a
     * non-transient connection error of SQLState 08001 caused by its {@code UnableToConnectException}.
     */
    private static final String UNABLE_TO_CONNECT = "com.mysql.cj.exceptions.UnableToConnectException";
    private static final String PUBLIC_KEY_FIX = "the user logs in with caching_sha2_password (the default of MySQL "
            + "8.4 and 9.x), which without TLS needs the server's RSA key: set source.ssl.mode to preferred or "
            + "stronger (the safe fix), or source.allow_public_key_retrieval: true (open to a man in the middle)";

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
        if (publicKeyRetrievalRefused(sql, source)) {
            return Optional.of(new SourceRefusedException(source.toString(), List.of(new PreflightProblem(
                    "the login over a plaintext connection", sql.getMessage(), PUBLIC_KEY_FIX))));
        }
        return fatalFix(sql).map(fix -> {
            if (sql.getErrorCode() == ACCESS_DENIED && source.tls().mode() == SslMode.DISABLED) {
                fix += ", or, if the user was created with REQUIRE SSL or X509, set source.ssl.mode (now disabled)";
            }
            return new SourceRefusedException(source.toString(),
                    List.of(new PreflightProblem("the connection", sql.getMessage(), fix)));
        });
    }

    /** A plaintext login whose password exchange needs the RSA key the settings forbid fetching. */
    static boolean publicKeyRetrievalRefused(SQLException e, SourceConfig source) {
        return source.tls().mode() == SslMode.DISABLED && !source.tls().allowPublicKeyRetrieval()
                && e instanceof java.sql.SQLNonTransientConnectionException && "08001".equals(e.getSQLState())
                && e.getCause() != null && e.getCause().getClass().getName().equals(UNABLE_TO_CONNECT);
    }

    private static String mode(SourceConfig source) {
        return source.tls().mode().name().toLowerCase(java.util.Locale.ROOT);
    }
}
