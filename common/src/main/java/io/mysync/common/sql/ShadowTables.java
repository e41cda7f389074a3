package io.mysync.common.sql;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The helper tables of online schema change tools. gh-ost copies a table into {@code _T_gho}, logs to
 * {@code _T_ghc} and swaps the original out to {@code _T_del} (or {@code _T_<timestamp>_del}); pt-online-schema-change
 * copies into {@code _T_new} and swaps the original out to {@code _T_old} (with more leading underscores when the
 * name is taken). Their rows are copies of the original's, so they are never captured as tables of their own.
 */
public final class ShadowTables {

    private static final Pattern SHADOW = Pattern.compile("^_+(.+?)(_\\d{14})?_(gho|ghc|del|new|old)$");

    private ShadowTables() {
    }

    public static boolean isShadow(String table) {
        return SHADOW.matcher(table).matches();
    }

    /** The table a helper table belongs to: {@code orders} for {@code _orders_gho}. */
    public static Optional<String> originalOf(String table) {
        Matcher m = SHADOW.matcher(table);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Whether the table holds a tool's copy of the new version of a table (gh-ost ghost, pt-osc new table). */
    public static boolean isCopy(String table) {
        Matcher m = SHADOW.matcher(table);
        return m.matches() && (m.group(3).equals("gho") || m.group(3).equals("new"));
    }

    /** Whether the table is where a tool put the original table away at the cut-over. */
    public static boolean isRetired(String table) {
        Matcher m = SHADOW.matcher(table);
        return m.matches() && (m.group(3).equals("del") || m.group(3).equals("old"));
    }
}
