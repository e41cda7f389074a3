package io.mysync.common.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SourceDialectTest {

    /** Each release against the statement it must get: the old name only where nothing newer exists. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "8.0.31, SHOW MASTER STATUS",
            "8.0.40, SHOW MASTER STATUS",          // Maxwell sent the new statement here and broke 8.0.40
            "8.1.0, SHOW MASTER STATUS",
            "8.2.0, SHOW BINARY LOG STATUS",
            "8.4.3, SHOW BINARY LOG STATUS",
            "9.1.0, SHOW BINARY LOG STATUS",
            "10.4.34-MariaDB, SHOW MASTER STATUS",
            "10.5.1-MariaDB, SHOW MASTER STATUS",
            "10.5.2-MariaDB, SHOW BINLOG STATUS",
            "10.11.6-MariaDB-0+deb12u1-log, SHOW BINLOG STATUS",
            "11.4.5-MariaDB-log, SHOW BINLOG STATUS",
            "5.5.5-10.11.6-MariaDB, SHOW BINLOG STATUS"})
    void binlogStatusByRelease(String version, String statement) {
        assertThat(SourceDialect.ofVersion(version).binlogStatusStatement()).isEqualTo(statement);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "8.0.21, SHOW SLAVE HOSTS, SHOW SLAVE STATUS, STOP SLAVE, RESET SLAVE ALL",
            "8.0.31, SHOW REPLICAS, SHOW REPLICA STATUS, STOP REPLICA, RESET REPLICA ALL",
            "8.4.3, SHOW REPLICAS, SHOW REPLICA STATUS, STOP REPLICA, RESET REPLICA ALL",
            "10.4.34-MariaDB, SHOW SLAVE HOSTS, SHOW SLAVE STATUS, STOP SLAVE, RESET SLAVE ALL",
            "11.4.5-MariaDB, SHOW REPLICA HOSTS, SHOW REPLICA STATUS, STOP REPLICA, RESET REPLICA ALL"})
    void replicationWordsByRelease(String version, String replicas, String status, String stop, String reset) {
        SourceDialect dialect = SourceDialect.ofVersion(version);
        assertThat(dialect.replicasStatement()).isEqualTo(replicas);
        assertThat(dialect.replicaStatusStatement()).isEqualTo(status);
        assertThat(dialect.stopReplicaStatement()).isEqualTo(stop);
        assertThat(dialect.resetReplicaAllStatement()).isEqualTo(reset);
        assertThat(dialect.startReplicaStatement()).isEqualTo(stop.replace("STOP", "START"));
    }

    @Test
    void flavorAndReleaseAreReadFromTheVersion() {
        SourceDialect mariadb = SourceDialect.ofVersion("5.5.5-11.4.5-MariaDB-log");
        assertThat(mariadb.flavor()).isEqualTo(ServerFlavor.MARIADB);
        assertThat(mariadb.product()).isEqualTo("MariaDB 11.4.5");
        assertThat(mariadb.atLeast(11, 4, 5)).isTrue();
        assertThat(mariadb.atLeast(11, 4, 6)).isFalse();
        SourceDialect mysql = SourceDialect.ofVersion("8.4.3-commercial");
        assertThat(mysql.flavor()).isEqualTo(ServerFlavor.MYSQL);
        assertThat(mysql.product()).isEqualTo("MySQL 8.4.3");
        assertThat(mysql.atLeast(8, 2, 0)).isTrue();
        assertThat(mysql.atLeast(9, 0, 0)).isFalse();
    }

    @Test
    void anUnreadableVersionNamesWhatIsSupported() {
        assertThatThrownBy(() -> SourceDialect.ofVersion("unknown")).hasMessageContaining("MySQL 8.0 or newer");
    }

    @Test
    void grantsUseTheServersOwnWords() {
        assertThat(SourceDialect.ofVersion("8.4.3").binlogGrants())
                .isEqualTo(List.of("REPLICATION SLAVE", "REPLICATION CLIENT"));
        assertThat(SourceDialect.ofVersion("11.4.5-MariaDB").binlogGrants())
                .isEqualTo(List.of("REPLICATION SLAVE", "BINLOG MONITOR"));
        assertThat(SourceDialect.ofVersion("10.4.34-MariaDB").binlogGrants())
                .isEqualTo(List.of("REPLICATION SLAVE", "REPLICATION CLIENT"));
    }

    @Test
    void followingASourceUsesTheReleasesNames() {
        assertThat(SourceDialect.ofVersion("8.4.3").followByGtidStatement("127.0.0.1", 3306, "repl", "it's"))
                .isEqualTo("CHANGE REPLICATION SOURCE TO SOURCE_HOST='127.0.0.1', SOURCE_PORT=3306, "
                        + "SOURCE_USER='repl', SOURCE_PASSWORD='it''s', SOURCE_AUTO_POSITION=1");
        assertThat(SourceDialect.ofVersion("11.4.5-MariaDB").followByGtidStatement("h", 1, "u", "p"))
                .isEqualTo("CHANGE MASTER TO MASTER_HOST='h', MASTER_PORT=1, MASTER_USER='u', MASTER_PASSWORD='p', "
                        + "MASTER_USE_GTID=slave_pos");
        assertThat(SourceDialect.ofVersion("8.0.22").followFromStatement("h", 1, "u", "p", "bin.000002", 157))
                .isEqualTo("CHANGE MASTER TO MASTER_HOST='h', MASTER_PORT=1, MASTER_USER='u', MASTER_PASSWORD='p', "
                        + "MASTER_LOG_FILE='bin.000002', MASTER_LOG_POS=157");
        assertThat(SourceDialect.ofVersion("8.4.3").waitForPositionQuery("bin.000002", 157, 5))
                .isEqualTo("SELECT SOURCE_POS_WAIT('bin.000002', 157, 5)");
        assertThat(SourceDialect.ofVersion("11.4.5-MariaDB").waitForPositionQuery("bin.000002", 157, 5))
                .isEqualTo("SELECT MASTER_POS_WAIT('bin.000002', 157, 5)");
    }
}
