package io.mysync.writer.mysql;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL the table store writes with. Every row carries {@value #SEQ} (the seq of the change it shows), and every
 * write compares with it, so replays and late events change nothing:
 * <ul>
 *   <li>an upsert inserts the row unless a tombstone or TRUNCATE mark at or after its seq exists, and on an existing
 *   row sets each column only when its seq is newer ({@value #SEQ} is assigned last, so the comparisons before it see
 *   the stored seq);</li>
 *   <li>a delete removes the row only when it is older than the delete, and leaves a tombstone;</li>
 *   <li>a TRUNCATE removes the rows older than it and leaves a mark for the whole table.</li>
 * </ul>
 */
final class TableStatements {

    /** The column each copied table has beside the mapped ones: the seq of the change the row shows. */
    static final String SEQ = "_mysync_seq";

    private TableStatements() {
    }

    /** Parameters: the columns' values, the seq; then the table name, the row id and the seq again (the guard). */
    static String upsert(String table, List<String> columns, String versions) {
        String names = columns.stream().map(TableStatements::quote).collect(Collectors.joining(", "));
        String marks = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
        String updates = columns.stream().map(c -> quote(c) + " = IF(VALUES(" + quote(SEQ) + ") > " + quote(SEQ)
                + ", VALUES(" + quote(c) + "), " + quote(c) + ")").collect(Collectors.joining(", "));
        return "INSERT INTO " + quote(table) + " (" + names + ", " + quote(SEQ) + ") SELECT " + marks + ", ? FROM DUAL"
                + " WHERE NOT EXISTS (SELECT 1 FROM " + quote(versions) + " WHERE tbl = ? AND row_id IN (?, x'')"
                + " AND seq >= ?) ON DUPLICATE KEY UPDATE " + updates + ", " + quote(SEQ) + " = GREATEST("
                + quote(SEQ) + ", VALUES(" + quote(SEQ) + "))";
    }

    /** Parameters: the key's values, then the delete's seq. */
    static String delete(String table, List<String> keyColumns) {
        return "DELETE FROM " + quote(table) + " WHERE " + keyColumns.stream().map(c -> quote(c) + " = ?")
                .collect(Collectors.joining(" AND ")) + " AND " + quote(SEQ) + " < ?";
    }

    /** Parameters: the TRUNCATE's seq. */
    static String truncate(String table) {
        return "DELETE FROM " + quote(table) + " WHERE " + quote(SEQ) + " < ?";
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
