package io.mysync.sandbox;

import io.mysync.common.sql.SourceDialect;
import io.mysync.sandbox.server.MariaDbRelease;
import io.mysync.sandbox.server.MariaDbServer;
import io.mysync.sandbox.server.MySqlServer;
import io.mysync.sandbox.server.SqlServer;
import java.util.List;

/**
 * A primary and a replica of one flavor for failover tests, started fresh under the run directory (their own data,
 * ports and PIDs), the replica read-only, both with {@code log_slave_updates} so the replica's binlog holds every
 * replicated change. {@link #promoteReplica} does what an operator or orchestrator does after losing the primary.
 */
public final class ReplicationPair implements AutoCloseable {

    private final SqlServer primary;
    private final SqlServer replica;
    private final boolean gtid;

    private ReplicationPair(SqlServer primary, SqlServer replica, boolean gtid) {
        this.primary = primary;
        this.replica = replica;
        this.gtid = gtid;
    }

    /**
     * MariaDB pair of one release, named {@code prefix-primary} and {@code prefix-replica}; the replica follows by
     * GTID ({@code MASTER_USE_GTID=slave_pos}).
     */
    public static ReplicationPair mariadb(SandboxLayout layout, String prefix, MariaDbRelease release,
                                          int primaryPort, int replicaPort) {
        List<String> flags = List.of("--log-slave-updates=ON", "--gtid-strict-mode=ON");
        return new ReplicationPair(new MariaDbServer(prefix + "-primary", primaryPort, 11, release, flags, layout),
                new MariaDbServer(prefix + "-replica", replicaPort, 12, release, flags, layout), true);
    }

    /** MySQL 8 pair with {@code gtid_mode} ON (auto-positioned replica) or OFF (file and position). */
    public static ReplicationPair mysql(SandboxLayout layout, int primaryPort, int replicaPort, boolean gtid) {
        List<String> flags = List.of("--log-replica-updates=ON", "--skip-replica-start");
        return new ReplicationPair(new MySqlServer("mysql-primary", primaryPort, 21, gtid, flags, layout),
                new MySqlServer("mysql-replica", replicaPort, 22, gtid, flags, layout), gtid);
    }

    /** The pair's servers, whether running or not. */
    public List<SqlServer> servers() {
        return List.of(primary, replica);
    }

    public SqlServer primary() {
        return primary;
    }

    public SqlServer replica() {
        return replica;
    }

    /** Wipes both servers' data, starts them and makes the replica follow the primary. */
    public ReplicationPair start() throws Exception {
        for (SqlServer server : List.of(primary, replica)) {
            server.stop();
            DataDirs.wipe(server.dataDir());
            server.start();
        }
        replica.sql("SET GLOBAL read_only = ON");
        SourceDialect dialect = replica.dialect();
        String follow;
        if (gtid) {
            follow = dialect.followByGtidStatement("127.0.0.1", primary.port(), "root", SqlServer.PASSWORD);
        } else {
            String[] status = primary.sql(primary.dialect().binlogStatusStatement()).split("\t");
            follow = dialect.followFromStatement("127.0.0.1", primary.port(), "root", SqlServer.PASSWORD, status[0],
                    Long.parseLong(status[1]));
        }
        replica.sql(follow + "; " + dialect.startReplicaStatement());
        return this;
    }

    /** Waits until the replica has applied everything the primary has binlogged so far. */
    public void awaitReplicaCaughtUp(int timeoutSeconds) throws Exception {
        String result;
        if (primary instanceof MariaDbServer) {
            String pos = primary.sql("SELECT @@GLOBAL.gtid_binlog_pos");
            result = replica.sql("SELECT MASTER_GTID_WAIT('" + pos + "', " + timeoutSeconds + ")");
        } else if (gtid) {
            String executed = primary.sql("SELECT @@GLOBAL.gtid_executed").replace("\\n", "");
            result = replica.sql("SELECT WAIT_FOR_EXECUTED_GTID_SET('" + executed + "', " + timeoutSeconds + ")");
        } else {
            String[] status = primary.sql(primary.dialect().binlogStatusStatement()).split("\t");
            String applied = replica.sql(replica.dialect().waitForPositionQuery(status[0], Long.parseLong(status[1]),
                    timeoutSeconds));
            result = applied.equals("-1") || applied.equals("NULL") ? "1" : "0";
        }
        if (!result.equals("0")) {
            throw new IllegalStateException("the replica " + replica.name() + " did not catch up with "
                    + primary.name() + " within " + timeoutSeconds + " s (" + result + ")");
        }
    }

    /** SIGKILL to the primary: a crash, nothing flushed. */
    public void killPrimary() throws Exception {
        primary.kill();
    }

    /** Turns the replica into the primary: replication stopped and forgotten, writes allowed. */
    public void promoteReplica() throws Exception {
        SourceDialect dialect = replica.dialect();
        replica.sql(dialect.stopReplicaStatement() + "; " + dialect.resetReplicaAllStatement()
                + "; SET GLOBAL read_only = OFF;");
    }

    /** Stops the replica's replication threads, keeping where it stood (a lagging replica, for tests). */
    public void stopReplication() throws Exception {
        replica.sql(replica.dialect().stopReplicaStatement());
    }

    @Override
    public void close() throws Exception {
        replica.stop();
        primary.stop();
    }
}
