package io.mysync.writer.mysql;

import static io.mysync.writer.mysql.TableStatements.quote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * MySync's table beside the copies: the seq of each deleted row (its tombstone) and of each table's last TRUNCATE
 * (row id {@code x''}), which upserts older than them may not undo.
 */
final class RowVersions {

    private final String table;

    RowVersions(String table) {
        this.table = table;
    }

    String table() {
        return table;
    }

    void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + quote(table) + " (tbl VARCHAR(192) NOT NULL,"
                    + " row_id VARBINARY(32) NOT NULL, seq BIGINT NOT NULL, PRIMARY KEY (tbl, row_id))"
                    + " CHARACTER SET utf8mb4");
        }
    }

    /** Tombstones of deleted rows, each kept at the newest seq that deleted it. */
    void deleted(Connection connection, List<RowWrite> deletes) throws SQLException {
        if (deletes.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(upsert())) {
            for (RowWrite delete : deletes) {
                statement.setString(1, delete.table());
                statement.setBytes(2, delete.rowId());
                statement.setLong(3, delete.seq());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** A table's TRUNCATE mark; its rows' tombstones below it say nothing more and go. */
    void truncated(Connection connection, String copy, long seq) throws SQLException {
        try (PreparedStatement mark = connection.prepareStatement(upsert());
             PreparedStatement purge = connection.prepareStatement("DELETE FROM " + quote(table)
                     + " WHERE tbl = ? AND row_id <> x'' AND seq < ?")) {
            mark.setString(1, copy);
            mark.setBytes(2, new byte[0]);
            mark.setLong(3, seq);
            mark.executeUpdate();
            purge.setString(1, copy);
            purge.setLong(2, seq);
            purge.executeUpdate();
        }
    }

    private String upsert() {
        return "INSERT INTO " + quote(table) + " (tbl, row_id, seq) VALUES (?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE seq = GREATEST(seq, VALUES(seq))";
    }
}
