package io.mysync.common.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements and words of the source server in front of MySync, decided once from its {@code VERSION()}: the
 * only place that names the binlog-status, binlog-list and replication statements, because MySQL and MariaDB renamed
 * them at different releases and removed the old names later.
 * <ul>
 *   <li>binlog status: {@code SHOW BINARY LOG STATUS} on MySQL 8.2+ (8.4 removed {@code SHOW MASTER STATUS}),
 *       {@code SHOW BINLOG STATUS} on MariaDB 10.5.2+, {@code SHOW MASTER STATUS} only before those;</li>
 *   <li>replication: {@code SHOW REPLICAS}, {@code START/STOP/RESET REPLICA} on MySQL 8.0.22+ and MariaDB 10.5.1+
 *       ({@code SHOW REPLICA HOSTS} there), {@code CHANGE REPLICATION SOURCE TO} on MySQL 8.0.23+;</li>
 *   <li>the reader's grants: MariaDB 10.5.2+ split {@code BINLOG MONITOR} out of {@code REPLICATION CLIENT}.</li>
 * </ul>
 */
public final class SourceDialect {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
    /** MariaDB's replication handshake puts a fake 5.5.5 before its real version; some proxies pass it on. */
    private static final String MARIADB_HANDSHAKE_PREFIX = "5.5.5-";

    private final ServerFlavor flavor;
    private final String version;
    private final int major;
    private final int minor;
    private final int patch;

    private SourceDialect(ServerFlavor flavor, String version, int major, int minor, int patch) {
        this.flavor = flavor;
        this.version = version;
        this.major = major;
        this.minor = minor;
        this.patch = patch;
    }

    /** The dialect of a server whose {@code SELECT VERSION()} returned {@code version}. */
    public static SourceDialect ofVersion(String version) {
        String text = version == null ? "" : version.trim();
        ServerFlavor flavor = text.toLowerCase(Locale.ROOT).contains("mariadb") ? ServerFlavor.MARIADB
                : ServerFlavor.MYSQL;
        String numbers = flavor == ServerFlavor.MARIADB && text.startsWith(MARIADB_HANDSHAKE_PREFIX)
                ? text.substring(MARIADB_HANDSHAKE_PREFIX.length()) : text;
        Matcher m = VERSION.matcher(numbers);
        if (!m.lookingAt()) {
            throw new IllegalArgumentException("cannot read the server version '" + version + "': MySync reads "
                    + "MySQL 8.0 or newer and MariaDB 10.5 or newer");
        }
        return new SourceDialect(flavor, text, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
    }

    /** The dialect of the server behind {@code connection}. */
    public static SourceDialect of(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT VERSION()")) {
            rs.next();
            return ofVersion(rs.getString(1));
        }
    }

    public ServerFlavor flavor() {
        return flavor;
    }

    public boolean mariadb() {
        return flavor == ServerFlavor.MARIADB;
    }

    /** {@code VERSION()} as the server reported it. */
    public String version() {
        return version;
    }

    /** {@code MySQL 8.4.3} or {@code MariaDB 11.4.5}: for messages. */
    public String product() {
        return (mariadb() ? "MariaDB " : "MySQL ") + major + "." + minor + "." + patch;
    }

    public boolean atLeast(int major, int minor, int patch) {
        if (this.major != major) {
            return this.major > major;
        }
        if (this.minor != minor) {
            return this.minor > minor;
        }
        return this.patch >= patch;
    }

    /** The statement that shows the current binlog file, position and (MySQL) executed GTID set. */
    public String binlogStatusStatement() {
        if (mariadb()) {
            return atLeast(10, 5, 2) ? "SHOW BINLOG STATUS" : "SHOW MASTER STATUS";
        }
        return atLeast(8, 2, 0) ? "SHOW BINARY LOG STATUS" : "SHOW MASTER STATUS";
    }

    /** The binlog files the server keeps, oldest first (one name on every supported release). */
    public String binaryLogsStatement() {
        return "SHOW BINARY LOGS";
    }

    /** The replicas connected to this server. */
    public String replicasStatement() {
        if (mariadb()) {
            return atLeast(10, 5, 1) ? "SHOW REPLICA HOSTS" : "SHOW SLAVE HOSTS";
        }
        return replicaWords() ? "SHOW REPLICAS" : "SHOW SLAVE HOSTS";
    }

    /** This server's own replication threads and where they read from. */
    public String replicaStatusStatement() {
        return replicaWords() ? "SHOW REPLICA STATUS" : "SHOW SLAVE STATUS";
    }

    public String startReplicaStatement() {
        return replicaWords() ? "START REPLICA" : "START SLAVE";
    }

    public String stopReplicaStatement() {
        return replicaWords() ? "STOP REPLICA" : "STOP SLAVE";
    }

    /** Stops replication and forgets the source: what promoting a replica does. */
    public String resetReplicaAllStatement() {
        return replicaWords() ? "RESET REPLICA ALL" : "RESET SLAVE ALL";
    }

    /** Makes this server replicate from {@code host:port} by GTID (auto-position on MySQL, slave_pos on MariaDB). */
    public String followByGtidStatement(String host, int port, String user, String password) {
        return changeSource(host, port, user, password) + ", "
                + (mariadb() ? "MASTER_USE_GTID=slave_pos" : option("AUTO_POSITION") + "=1");
    }

    /** Makes this server replicate from {@code host:port} starting at {@code file:position}. */
    public String followFromStatement(String host, int port, String user, String password, String file,
                                      long position) {
        return changeSource(host, port, user, password) + ", " + option("LOG_FILE") + "=" + quote(file) + ", "
                + option("LOG_POS") + "=" + position;
    }

    /**
     * Waits on a replica until it applied the source's {@code file:position}; returns -1 on timeout, NULL when not
     * replicating.
     */
    public String waitForPositionQuery(String file, long position, int timeoutSeconds) {
        String function = !mariadb() && atLeast(8, 0, 26) ? "SOURCE_POS_WAIT" : "MASTER_POS_WAIT";
        return "SELECT " + function + "(" + quote(file) + ", " + position + ", " + timeoutSeconds + ")";
    }

    /**
     * The privileges the reader needs for the binlog: {@code REPLICATION SLAVE} to stream it and, to read its
     * status, {@code BINLOG MONITOR} on MariaDB 10.5.2+ ({@code REPLICATION CLIENT} everywhere else).
     */
    public List<String> binlogGrants() {
        return List.of("REPLICATION SLAVE", binlogStatusGrant());
    }

    /** The privilege that lets a user run {@link #binlogStatusStatement()}. */
    public String binlogStatusGrant() {
        return mariadb() && atLeast(10, 5, 2) ? "BINLOG MONITOR" : "REPLICATION CLIENT";
    }

    /** The server's binlog file, position and (MySQL) executed GTID set now. */
    public BinlogStatus binlogStatus(Connection connection) throws SQLException {
        String statement = binlogStatusStatement();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(statement)) {
            if (!rs.next()) {
                throw new SQLException(statement + " returned nothing on " + product() + ": binary logging is off; "
                        + "start the server with log_bin (MySQL: --log-bin, MariaDB: --log-bin=NAME)");
            }
            String gtids = rs.getMetaData().getColumnCount() >= 5 ? rs.getString(5) : null;
            return new BinlogStatus(rs.getString(1), rs.getLong(2), Optional.ofNullable(gtids)
                    .map(g -> g.replace("\n", "").replace("\r", "")).orElse(""));
        }
    }

    /**
     * @param executedGtids MySQL's {@code Executed_Gtid_Set} on one line, empty on MariaDB (whose GTID position
     *                      comes from {@code BINLOG_GTID_POS})
     */
    public record BinlogStatus(String file, long position, String executedGtids) {
    }

    private boolean replicaWords() {
        return mariadb() ? atLeast(10, 5, 1) : atLeast(8, 0, 22);
    }

    /** MySQL 8.0.23 renamed CHANGE MASTER TO and its MASTER_ options; MariaDB keeps them. */
    private boolean sourceWords() {
        return !mariadb() && atLeast(8, 0, 23);
    }

    private String changeSource(String host, int port, String user, String password) {
        return (sourceWords() ? "CHANGE REPLICATION SOURCE TO " : "CHANGE MASTER TO ") + option("HOST") + "="
                + quote(host) + ", " + option("PORT") + "=" + port + ", " + option("USER") + "=" + quote(user) + ", "
                + option("PASSWORD") + "=" + quote(password);
    }

    private String option(String name) {
        return (sourceWords() ? "SOURCE_" : "MASTER_") + name;
    }

    private static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public String toString() {
        return product();
    }
}
