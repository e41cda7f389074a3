package io.mysync.reader.source;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * Which errors from the source retrying cannot fix, by MySQL error code (never by message text), and the fix for
 * each. Everything else (connection refused, timeouts, server restarts) is retried with back-off.
 */
public final class SourceErrors {

    private static final Map<Integer, String> FATAL = Map.of(
            1045, "the user or password is wrong: check source.url and source.password",
            1044, "the user may not access this server: grant it the privileges the reader needs",
            1226, "the user has exceeded a resource limit (max_user_connections or similar): raise it",
            1251, "the server needs a newer authentication method than the user has: "
                    + "ALTER USER ... IDENTIFIED WITH mysql_native_password BY '...'");

    private SourceErrors() {
    }

    /** The fix for an error retrying cannot cure, or empty when a retry may succeed. */
    public static Optional<String> fatalFix(SQLException e) {
        return Optional.ofNullable(FATAL.get(e.getErrorCode()));
    }
}
