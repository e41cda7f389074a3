package io.mysync.reader.failover;

import io.mysync.common.position.MySqlGtidSet;
import io.mysync.reader.source.PreflightProblem;
import io.mysync.common.sql.ServerFlavor;
import io.mysync.reader.source.ServerInfo;
import io.mysync.reader.source.SourceConnection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a server the reader switched to can continue after the GTIDs the reader already published: it must hold
 * every one of them (else the stores hold changes the new primary lost) and still have in its binlog every
 * transaction the reader has not published yet.
 */
public final class GtidCoverage {

    private static final String FIX_MISSING = "make the server that holds them the primary (another replica may "
            + "have applied more), or accept their loss and re-load the tables with the dump tool (./mysync dump)";
    private static final String FIX_PURGED = "the changes in between are gone from the binlog: re-load the tables "
            + "with the dump tool (./mysync dump), which hands a fresh position to the reader";

    private GtidCoverage() {
    }

    /** @return what forbids resuming after {@code published} on this server; empty when nothing does */
    public static List<PreflightProblem> check(SourceConnection sql, ServerInfo server, String published)
            throws SQLException {
        List<PreflightProblem> problems = new ArrayList<>();
        if (server.flavor() == ServerFlavor.MYSQL) {
            // re-printed from its parsed form: nothing but uuids, tags, digits and separators reaches the SQL
            String set = MySqlGtidSet.parse(published).toString();
            String missing = sql.string("SELECT GTID_SUBTRACT('" + set + "', @@GLOBAL.gtid_executed)").orElse("");
            if (!missing.isBlank()) {
                problems.add(new PreflightProblem("the new server", "missing " + oneLine(missing)
                        + ", which the reader already published", FIX_MISSING));
            }
            String purged = sql.string("SELECT GTID_SUBTRACT(@@GLOBAL.gtid_purged, '" + set + "')").orElse("");
            if (!purged.isBlank()) {
                problems.add(new PreflightProblem("the new server's binlog", "purged of " + oneLine(purged)
                        + ", which the reader has not published yet", FIX_PURGED));
            }
            return problems;
        }
        Map<String, Long> state = new HashMap<>();
        for (String gtid : sql.string("SELECT @@GLOBAL.gtid_binlog_state").orElse("").split(",")) {
            parse(gtid).ifPresent(g -> state.merge(g.domain() + "-" + g.server(), g.seq(), Math::max));
        }
        List<String> missing = new ArrayList<>();
        for (String gtid : published.split(",")) {
            parse(gtid).filter(g -> state.getOrDefault(g.domain() + "-" + g.server(), -1L) < g.seq())
                    .ifPresent(g -> missing.add(gtid.trim()));
        }
        if (!missing.isEmpty()) {
            problems.add(new PreflightProblem("the new server", "missing " + String.join(", ", missing)
                    + " (its binlog state is " + state.keySet().stream().map(k -> k + "-" + state.get(k)).sorted()
                    .toList() + "), which the reader already published", FIX_MISSING));
        }
        return problems;
    }

    private record MariaGtid(long domain, long server, long seq) {
    }

    private static Optional<MariaGtid> parse(String gtid) {
        String[] parts = gtid.trim().split("-");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new MariaGtid(Long.parseLong(parts[0]), Long.parseLong(parts[1]),
                    Long.parseLong(parts[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String oneLine(String s) {
        return s.replace("\n", "");
    }
}
