package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mysync.cli.Main;
import io.mysync.common.position.MemoryCheckpointStore;
import io.mysync.config.model.MySyncConfig;
import io.mysync.reader.MySqlBinlogReader;
import io.mysync.reader.ReaderService;
import io.mysync.reader.source.SourceRefusedException;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.sandbox.server.SqlServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Wrong server settings, missing grants, statement-based changes and bad config files: refused, clearly. */
@ExtendWith(SandboxExtension.class)
class BadInputIT {

    @TempDir
    Path dir;

    private MySyncConfig config(SqlServer server, String user, String password) throws Exception {
        String database = TestEnv.unique("bad");
        var start = TestEnv.endOfBinlog(server);
        TestEnv.createDatabase(server, database, "CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
        Path file = TestEnv.config(dir, server, TestEnv.unique("src"), database, List.of("t"), start);
        String yaml = Files.readString(file).replace("mysync@", user + "@")
                .replace("password: " + SqlServer.PASSWORD, "password: " + password);
        Files.writeString(file, yaml);
        return TestEnv.load(file);
    }

    @Test
    void refusesStatementFormatWithTheFix() throws Exception {
        SqlServer server = TestEnv.sandbox().mariadb();
        MySyncConfig config = config(server, "mysync", SqlServer.PASSWORD);
        TestEnv.execute(server, "", "SET GLOBAL binlog_format = 'STATEMENT'");
        try {
            assertThatThrownBy(() -> new MySqlBinlogReader(config, new MemoryCheckpointStore(), Clock.systemUTC())
                    .preflight())
                    .isInstanceOf(SourceRefusedException.class)
                    .hasMessageContaining("binlog_format is STATEMENT (must be ROW)")
                    .hasMessageContaining("SET GLOBAL binlog_format = 'ROW'");
        } finally {
            TestEnv.execute(server, "", "SET GLOBAL binlog_format = 'ROW'");
        }
    }

    @Test
    void refusesAUserWithoutReplicationGrantsNamingTheGrant() throws Exception {
        for (SqlServer server : List.of(TestEnv.sandbox().mariadb(), TestEnv.sandbox().mysql())) {
            String user = TestEnv.unique("nogrant");
            String identified = server.name().equals("mysql") ? "IDENTIFIED WITH mysql_native_password BY 'pw'"
                    : "IDENTIFIED BY 'pw'";
            TestEnv.execute(server, "", "CREATE USER '" + user + "'@'%' " + identified,
                    "GRANT SELECT ON *.* TO '" + user + "'@'%'");
            MySyncConfig config = config(server, user, "pw");
            String grant = server.name().equals("mysql") ? "REPLICATION SLAVE, REPLICATION CLIENT"
                    : "REPLICATION SLAVE, BINLOG MONITOR";
            assertThatThrownBy(() -> new MySqlBinlogReader(config, new MemoryCheckpointStore(), Clock.systemUTC())
                    .preflight())
                    .isInstanceOf(SourceRefusedException.class)
                    .hasMessageContaining("missing " + grant)
                    .hasMessageContaining("GRANT " + grant + " ON *.* TO '" + user + "'@'%';");
        }
    }

    @Test
    void stopsOnAWrongPasswordInsteadOfRetryingForever() throws Exception {
        MySyncConfig config = config(TestEnv.sandbox().mysql(), "mysync", "not-the-password");
        ReaderService reader = new ReaderService(config, new MemoryCheckpointStore());
        Thread thread = new Thread(reader);
        thread.start();
        thread.join(Duration.ofSeconds(30).toMillis());
        assertThat(thread.isAlive()).isFalse();
        assertThat(reader.fatal()).isInstanceOf(SourceRefusedException.class);
        assertThat(reader.fatal().getMessage()).contains("Access denied")
                .contains("check source.url and source.password");
    }

    /** A session that writes with binlog_format=STATEMENT would lose its rows: the reader stops, it never skips. */
    @Test
    void stopsOnAStatementBasedChangeInsteadOfSkippingIt() throws Exception {
        SqlServer server = TestEnv.sandbox().mariadb();
        MySyncConfig config = config(server, "mysync", SqlServer.PASSWORD);
        String database = config.mappings().get(0).table().text().split("\\.")[0];
        ReaderService reader = new ReaderService(config, new MemoryCheckpointStore());
        Thread thread = new Thread(reader);
        thread.start();
        try {
            TestEnv.execute(server, database, "INSERT INTO t VALUES (1, 'row')");
            TestEnv.execute(server, database, "SET SESSION binlog_format = 'STATEMENT'",
                    "INSERT INTO t VALUES (2, 'statement')");
            thread.join(Duration.ofSeconds(30).toMillis());
            assertThat(thread.isAlive()).isFalse();
            assertThat(reader.fatal()).isNotNull();
            assertThat(reader.fatal().getMessage()).contains("statement-based change")
                    .contains("SET GLOBAL binlog_format='ROW'").contains("would be lost");
        } finally {
            reader.close();
        }
    }

    @Test
    void configCheckListsEveryProblemWithLinesAndExitsNonZero() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                source:
                  id: shop
                  url: mysql://cdc@127.0.0.1:3306
                  server_id: -1
                  colour: blue
                kafka:
                  bootstrap: 127.0.0.1:9092
                mappings:
                  - table: shop.orders
                    redis: { key: "order:{id}" }
                """);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = Main.execute("config", "check", file.toString());
        } finally {
            System.setErr(original);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(code).isEqualTo(2);
        assertThat(text).contains("3 problems")
                .contains(file + ":4: source.server_id: must be between 1 and 4294967295")
                .contains(file + ":5: source.colour: unknown key 'colour'")
                .contains("no sinks.redis section")
                .doesNotContain("Exception");
    }
}
