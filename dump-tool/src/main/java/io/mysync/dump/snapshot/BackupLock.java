package io.mysync.dump.snapshot;

import io.mysync.config.model.SourceConfig;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MySQL 8's instance backup lock, held for the whole dump: DDL and other metadata changes wait, DML goes on. It
 * keeps every table's definition the one the dump planned with. MariaDB takes none (a DDL on a table being read
 * fails that chunk's read, and a re-run resumes).
 */
public final class BackupLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackupLock.class);

    private final Connection connection;

    private BackupLock(Connection connection) {
        this.connection = connection;
    }

    /** Takes the lock on MySQL; on MariaDB, or without BACKUP_ADMIN (logged), holds nothing. */
    public static BackupLock take(SourceConfig source) throws SQLException {
        Connection c = SnapshotSession.connect(source);
        if (SnapshotSession.ServerIdentity.of(c).mariadb()) {
            c.close();
            return new BackupLock(null);
        }
        try {
            SnapshotSession.execute(c, "LOCK INSTANCE FOR BACKUP");
            return new BackupLock(c);
        } catch (SQLException e) {
            LOG.warn("LOCK INSTANCE FOR BACKUP failed ({}): DDL is not held off during the dump. Fix: GRANT "
                    + "BACKUP_ADMIN ON *.* TO {}", e.getMessage(), source.user());
            c.close();
            return new BackupLock(null);
        }
    }

    public boolean held() {
        return connection != null;
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            try {
                SnapshotSession.execute(connection, "UNLOCK INSTANCE");
            } finally {
                connection.close();
            }
        }
    }
}
