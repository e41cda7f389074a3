package io.mysync.reader.source;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks, before streaming, everything that would otherwise lose changes silently or fail later: binary logging,
 * row format, full row images, row metadata (FULL, or MINIMAL with the reader's schema history), and the
 * replication grants.
 */
public final class BinlogPreflight {

    private BinlogPreflight() {
    }

    public static List<PreflightProblem> check(SourceConnection sql, ServerInfo server, String user)
            throws SQLException {
        List<PreflightProblem> problems = new ArrayList<>();
        expect(problems, sql, "log_bin", "ON", "binary logging is a start-up option: restart the server with "
                + "--log-bin and --server-id=N (and keep them in its config file)");
        expect(problems, sql, "binlog_format", "ROW", "SET GLOBAL binlog_format = 'ROW'; and binlog_format=ROW "
                + "in the server's config file (sessions already open keep their format until they reconnect)");
        expect(problems, sql, "binlog_row_image", "FULL", "SET GLOBAL binlog_row_image = 'FULL'; and "
                + "binlog_row_image=FULL in the server's config file");
        // MINIMAL table maps carry no column names: the reader then keeps a schema history (SchemaHistoryStart)
        String metadata = sql.variable("binlog_row_metadata").orElse("(not supported by this server version)");
        if (!metadata.equalsIgnoreCase("FULL") && !metadata.equalsIgnoreCase("MINIMAL")) {
            problems.add(new PreflightProblem("binlog_row_metadata", metadata + " (must be FULL, or MINIMAL with "
                    + "a schema history)", "SET GLOBAL binlog_row_metadata = 'FULL'; and binlog_row_metadata=FULL "
                    + "in the server's config file"));
        }
        missingGrants(sql, server).ifPresent(missing -> problems.add(new PreflightProblem(
                "the user's global privileges", "missing " + missing,
                "GRANT " + String.join(", ", requiredGrants(server)) + " ON *.* TO '" + user + "'@'%';")));
        return problems;
    }

    private static void expect(List<PreflightProblem> problems, SourceConnection sql, String variable,
                               String expected, String fix) throws SQLException {
        String value = sql.variable(variable).orElse("(not supported by this server version)");
        if (!value.equalsIgnoreCase(expected)) {
            problems.add(new PreflightProblem(variable, value + " (must be " + expected + ")", fix));
        }
    }

    static List<String> requiredGrants(ServerInfo server) {
        return server.dialect().binlogGrants();
    }

    private static java.util.Optional<String> missingGrants(SourceConnection sql, ServerInfo server)
            throws SQLException {
        Set<String> held = new LinkedHashSet<>();
        for (List<String> row : sql.rows("SHOW GRANTS FOR CURRENT_USER()")) {
            held.addAll(globalPrivileges(row.get(0)));
        }
        if (held.contains("ALL PRIVILEGES") || held.contains("ALL")) {
            return java.util.Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        for (String grant : requiredGrants(server)) {
            boolean has = held.contains(grant)
                    // MariaDB 10.5.1+ also spells REPLICATION SLAVE as REPLICATION REPLICA
                    || (grant.equals("REPLICATION SLAVE") && held.contains("REPLICATION REPLICA"))
                    // a user upgraded from an older MariaDB keeps REPLICATION CLIENT, which 10.5.2+ reads as such
                    || (grant.equals("BINLOG MONITOR") && held.contains("REPLICATION CLIENT"));
            if (!has) {
                missing.add(grant);
            }
        }
        return missing.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(String.join(", ", missing));
    }

    /** Privileges a {@code GRANT ... ON *.* TO ...} line gives; none for grants on single schemas or tables. */
    static Set<String> globalPrivileges(String grantLine) {
        Set<String> out = new LinkedHashSet<>();
        String line = grantLine.trim();
        int on = line.toUpperCase(Locale.ROOT).indexOf(" ON ");
        if (!line.toUpperCase(Locale.ROOT).startsWith("GRANT ") || on < 0) {
            return out;
        }
        String target = line.substring(on + 4).trim();
        if (!target.startsWith("*.*")) {
            return out;
        }
        for (String privilege : line.substring(6, on).split(",")) {
            out.add(privilege.trim().toUpperCase(Locale.ROOT));
        }
        return out;
    }
}
