package io.mysync.reader.capture;

import io.mysync.common.schema.SchemaHistory;
import io.mysync.reader.schema.DdlApplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a session's {@link SchemaHistory} in step with the binlog: applies each DDL statement as the reader meets
 * it and logs every change. Without a history (the server writes FULL row metadata) it does nothing.
 */
public final class SchemaHistoryFollower {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaHistoryFollower.class);

    private final SchemaHistory history;

    /** @param history the history at the session's start, or {@code null} when none is kept */
    public SchemaHistoryFollower(SchemaHistory history) {
        this.history = history;
    }

    /**
     * Applies a statement from the binlog.
     *
     * @param at binlog file:position, for the log
     * @return whether any table's definition changed, appeared or went
     */
    boolean follow(String sql, String defaultDatabase, String at) {
        if (history == null) {
            return false;
        }
        DdlApplier.Applied applied;
        try {
            applied = DdlApplier.apply(history, sql, defaultDatabase);
        } catch (IllegalArgumentException e) {
            LOG.warn("The schema history cannot read the statement at {} ({}): {}. It stays as it was; every table "
                    + "map is still checked against it (column count and types)", at, abbreviate(sql),
                    e.getMessage());
            return false;
        }
        applied.forgotten().forEach((table, why) -> LOG.warn("The schema history forgets the columns of {} at {}: "
                + "{}. Rows of {} stop the reader if it is captured", table, at, why, table));
        if (applied.isEmpty()) {
            return false;
        }
        LOG.info("Schema history version {} after {} at {} (tables {})", history.version(), abbreviate(sql), at,
                applied.changed());
        return true;
    }

    /** The history's text for the checkpoint; empty when none is kept. */
    String text() {
        return history == null ? "" : history.text();
    }

    private static String abbreviate(String sql) {
        String line = sql.replaceAll("\\s+", " ");
        return line.length() > 100 ? line.substring(0, 97) + "..." : line;
    }
}
