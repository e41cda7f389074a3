package io.mysync.reader.source;

import io.mysync.config.model.SourceConfig;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the server to read. Without {@code source.candidates} that is {@code source.url}'s server, whatever its
 * role. With candidates it is the first of url and candidates that answers and takes writes ({@code read_only=OFF}):
 * the primary. A replica being promoted stays read-only until its promotion ends, so it is not read too early.
 */
public final class PrimaryFinder {

    private PrimaryFinder() {
    }

    /**
     * @return the source, pointed at its current primary
     * @throws SQLTransientConnectionException when no listed server is a reachable primary (retry later)
     * @throws SQLException an error retrying cannot fix (see {@link SourceErrors})
     */
    public static SourceConfig find(SourceConfig source) throws SQLException {
        List<String> endpoints = source.endpoints();
        if (endpoints.size() == 1) {
            return source;
        }
        List<String> readOnly = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (String endpoint : endpoints) {
            SourceConfig at = source.at(endpoint);
            try (SourceConnection sql = SourceConnection.open(at)) {
                if (!sql.readOnly()) {
                    return at;
                }
                readOnly.add(endpoint);
            } catch (SQLException e) {
                if (SourceErrors.fatalFix(e).isPresent()) {
                    throw e;
                }
                unreachable.add(endpoint + " (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
        }
        throw new SQLTransientConnectionException("no primary among the source's servers: read-only "
                + (readOnly.isEmpty() ? "none" : String.join(", ", readOnly)) + "; unreachable "
                + (unreachable.isEmpty() ? "none" : String.join(", ", unreachable))
                + ". Promote one (SET GLOBAL read_only=OFF once it has applied its relay log)");
    }
}
