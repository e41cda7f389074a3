package io.mysync.dump.snapshot;

import io.mysync.common.position.Position;
import io.mysync.common.sql.RowConverter;
import io.mysync.common.sql.SourceDialect;
import io.mysync.config.model.SourceConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connection inside one consistent InnoDB snapshot, with the binlog position that snapshot corresponds to.
 * MariaDB reports that position exactly ({@code binlog_snapshot_file/position}) and needs no lock. MySQL 8 has no
 * such status: the position is read from {@code performance_schema.log_status} just before and just after the
 * snapshot starts; equal readings mean no transaction committed in between (exact), otherwise the earlier reading
 * is kept (the reader then starts a few transactions early and re-applies them with newer seqs: harmless).
 */
public final class SnapshotSession implements AutoCloseable {

    private static final Pattern LOG_STATUS_FILE = Pattern.compile("\"binary_log_file\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern LOG_STATUS_POS = Pattern.compile("\"binary_log_position\"\\s*:\\s*(\\d+)");
    private static final Pattern LOG_STATUS_GTID = Pattern.compile("\"gtid_executed\"\\s*:\\s*\"([^\"]*)\"");
    private static final int ATTEMPTS = 5;

    private final Connection connection;
    private final Position position;
    private final boolean exact;
    private final long takenAtMs;

    private SnapshotSession(Connection connection, Position position, boolean exact) {
        this.connection = connection;
        this.position = position;
        this.exact = exact;
        this.takenAtMs = System.currentTimeMillis();
    }

    /** A connection for the dump's SELECTs, with the options {@link RowConverter} relies on. */
    public static Connection connect(SourceConfig source) throws SQLException {
        return DriverManager.getConnection(source.jdbcUrl() + RowConverter.JDBC_OPTIONS
                + "&zeroDateTimeBehavior=round", source.user(), source.password());
    }

    public static SnapshotSession open(SourceConfig source) throws SQLException {
        Connection c = connect(source);
        try {
            ServerIdentity id = ServerIdentity.of(c);
            execute(c, "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            if (id.mariadb()) {
                execute(c, "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
                String file = status(c, "binlog_snapshot_file");
                long pos = Long.parseLong(status(c, "binlog_snapshot_position"));
                String gtid = string(c, "SELECT BINLOG_GTID_POS('" + file.replace("'", "") + "', " + pos + ")");
                return new SnapshotSession(c, new Position(file, pos, gtid == null ? "" : gtid, id.serverId(),
                        id.serverUuid()), true);
            }
            for (int attempt = 1; ; attempt++) {
                Position before = mysqlPosition(c, id);
                execute(c, "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
                Position after = mysqlPosition(c, id);
                if (Objects.equals(before, after) || attempt == ATTEMPTS) {
                    return new SnapshotSession(c, before, Objects.equals(before, after));
                }
                execute(c, "ROLLBACK");
            }
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * The binlog position and executed GTIDs, read together from log_status (which needs BACKUP_ADMIN), else from
     * the server's binlog status statement ({@link SourceDialect#binlogStatusStatement()}).
     */
    private static Position mysqlPosition(Connection c, ServerIdentity id) throws SQLException {
        String status;
        try {
            status = string(c, "SELECT LOCAL FROM performance_schema.log_status");
        } catch (SQLException e) {
            SourceDialect.BinlogStatus binlog = id.dialect().binlogStatus(c);
            return new Position(binlog.file(), binlog.position(), binlog.executedGtids(), id.serverId(),
                    id.serverUuid());
        }
        Matcher file = LOG_STATUS_FILE.matcher(status);
        Matcher pos = LOG_STATUS_POS.matcher(status);
        Matcher gtid = LOG_STATUS_GTID.matcher(status);
        if (!file.find() || !pos.find()) {
            throw new SQLException("performance_schema.log_status shows no binary log position: binary logging is "
                    + "off (" + status + ")");
        }
        return new Position(file.group(1), Long.parseLong(pos.group(1)),
                gtid.find() ? gtid.group(1).replace("\\n", "").replace("\n", "") : "", id.serverId(),
                id.serverUuid());
    }

    public Connection connection() {
        return connection;
    }

    public Position position() {
        return position;
    }

    public boolean exact() {
        return exact;
    }

    public long takenAtMs() {
        return takenAtMs;
    }

    /** Ends the snapshot; closing twice is harmless (a worker and a failing run may both close it). */
    @Override
    public void close() throws SQLException {
        if (connection.isClosed()) {
            return;
        }
        try {
            execute(connection, "ROLLBACK");
        } finally {
            connection.close();
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static String string(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static String status(Connection c, String name) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW STATUS LIKE '" + name + "'")) {
            if (!rs.next()) {
                throw new SQLException("the server shows no " + name + " status");
            }
            return rs.getString(2);
        }
    }

    /** Flavor and identity of the server, as the reader records them in its checkpoint. */
    public record ServerIdentity(SourceDialect dialect, long serverId, String serverUuid) {

        public boolean mariadb() {
            return dialect.mariadb();
        }

        public static ServerIdentity of(Connection c) throws SQLException {
            SourceDialect dialect = SourceDialect.of(c);
            long serverId = Long.parseLong(string(c, "SELECT @@server_id"));
            String uuid = "";
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SHOW VARIABLES LIKE 'server_uuid'")) {
                if (rs.next()) {
                    uuid = rs.getString(2);
                }
            }
            return new ServerIdentity(dialect, serverId, uuid);
        }
    }
}
