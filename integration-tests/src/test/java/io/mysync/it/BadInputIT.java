package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mysync.runtime.Pipeline;
import io.mysync.common.kafka.EventTooLargeException;
import io.mysync.common.kafka.TopicNames;
import io.mysync.common.position.MemoryCheckpointStore;
import io.mysync.config.model.MySyncConfig;
import io.mysync.reader.MySqlBinlogReader;
import io.mysync.reader.ReaderService;
import io.mysync.reader.source.SourceRefusedException;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.sandbox.server.SqlServer;
import io.mysync.writer.deadletter.DeadLetter;
import io.mysync.writer.deadletter.DeadLetterLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

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
        RuntimeException fatal = readerStopsWith(config, Duration.ofSeconds(30), () -> { });
        assertThat(fatal).isInstanceOf(SourceRefusedException.class);
        assertThat(fatal.getMessage()).contains("Access denied").contains("check source.url and source.password");
    }

    /** A session that writes with binlog_format=STATEMENT would lose its rows: the reader stops, it never skips. */
    @Test
    void stopsOnAStatementBasedChangeInsteadOfSkippingIt() throws Exception {
        SqlServer server = TestEnv.sandbox().mariadb();
        MySyncConfig config = config(server, "mysync", SqlServer.PASSWORD);
        String database = config.mappings().get(0).table().text().split("\\.")[0];
        RuntimeException fatal = readerStopsWith(config, Duration.ofSeconds(30), () -> {
            TestEnv.execute(server, database, "INSERT INTO t VALUES (1, 'row')");
            TestEnv.execute(server, database, "SET SESSION binlog_format = 'STATEMENT'",
                    "INSERT INTO t VALUES (2, 'statement')");
        });
        assertThat(fatal).isNotNull();
        assertThat(fatal.getMessage()).contains("statement-based change")
                .contains("SET GLOBAL binlog_format='ROW'").contains("would be lost");
    }

    /** A row larger than the producer takes stops the reader at it, naming the row and the settings to raise. */
    @Test
    void stopsOnARowLargerThanKafkaTakesInsteadOfRetryingForever() throws Exception {
        SqlServer server = TestEnv.sandbox().mariadb();
        MySyncConfig small = config(server, "mysync", SqlServer.PASSWORD);
        Path file = small.file();
        Files.writeString(file, Files.readString(file).replace("  replication_factor: 1\n",
                "  replication_factor: 1\n  producer: { max.request.size: \"20000\" }\n"));
        MySyncConfig config = TestEnv.load(file);
        String database = config.mappings().get(0).table().text().split("\\.")[0];
        TestEnv.execute(server, database, "ALTER TABLE t MODIFY v MEDIUMTEXT",
                "INSERT INTO t VALUES (1, 'small')", "INSERT INTO t VALUES (7, REPEAT('x', 50000))");
        RuntimeException fatal = readerStopsWith(config, Duration.ofSeconds(60), () -> { });
        assertThat(fatal).isInstanceOf(EventTooLargeException.class);
        assertThat(fatal.getMessage()).contains("INSERT of " + database + ".t with key (id=7)")
                .containsPattern("is a 5\\d{4}-byte record").contains("max.request.size")
                .contains("message.max.bytes").doesNotContain("\n");
    }

    /**
     * A record on a captured topic that is no ChangeEvent: by default the writer keeps it in the dead-letter topic
     * as it came and applies the changes after it; with writer.on_undecodable: fail it stops there in one line.
     */
    @Test
    void deadLettersARecordThatIsNoChangeEventAndMovesOn() throws Exception {
        SqlServer server = TestEnv.sandbox().mariadb();
        MySyncConfig config = config(server, "mysync", SqlServer.PASSWORD);
        String database = config.mappings().get(0).table().text().split("\\.")[0];
        String topic = new TopicNames(config.kafka().topicTemplate(), config.source().id()).topicOf(database, "t");
        try (Pipeline pipeline = new Pipeline(config, true, Set.of(), true).start()) {
            TestEnv.execute(server, database, "INSERT INTO t VALUES (1, 'before')");
            awaitRedis(config, "1");
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    config.kafka().bootstrap(), "key.serializer", ByteArraySerializer.class.getName(),
                    "value.serializer", ByteArraySerializer.class.getName()))) {
                producer.send(new ProducerRecord<>(topic, 0, null, "{\"not\": \"an event\"}".getBytes(
                        StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
            }
            TestEnv.execute(server, database, "INSERT INTO t VALUES (2, 'after')");
            awaitRedis(config, "2");
            assertThat(pipeline.fatal()).isNull();
        }
        List<DeadLetter> letters = new DeadLetterLog(config).readAll();
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.op()).isEqualTo("UNDECODABLE");
            assertThat(letter.table()).startsWith(topic + "-0@");
            assertThat(letter.undecodable().orElseThrow().value()).asString(StandardCharsets.UTF_8)
                    .isEqualTo("{\"not\": \"an event\"}");
        });

        Path failing = dir.resolve("fail.yaml");
        Files.writeString(failing, Files.readString(config.file()).replace("writer:\n",
                "writer:\n  on_undecodable: fail\n  group: \"fresh.{source}.{sink}\"\n"));
        CliRun failed = CliRun.of("writer", "--config", failing.toString());
        assertThat(failed.code()).isEqualTo(3);
        assertThat(failed.errorLine()).contains("is not a MySync ChangeEvent").contains("writer.on_undecodable: fail");
    }

    private static void awaitRedis(MySyncConfig config, String id) throws Exception {
        try (Jedis redis = new Jedis("127.0.0.1", TestEnv.sandbox().redis().port())) {
            Awaitility.await("row " + id + " in Redis").atMost(Duration.ofSeconds(60))
                    .until(() -> !redis.hgetAll(config.source().id() + ":t:" + id).isEmpty());
        }
    }

    interface Meanwhile {
        void run() throws Exception;
    }

    /**
     * Runs a reader, does {@code meanwhile}, and waits up to {@code limit} for the reader to stop on its own (not
     * retrying); returns what stopped it.
     */
    private static RuntimeException readerStopsWith(MySyncConfig config, Duration limit, Meanwhile meanwhile)
            throws Exception {
        ReaderService reader = new ReaderService(config, new MemoryCheckpointStore());
        Thread thread = new Thread(reader);
        thread.start();
        try {
            meanwhile.run();
            thread.join(limit.toMillis());
            assertThat(thread.isAlive()).as("stopped on its own, not retrying").isFalse();
            return reader.fatal();
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
        CliRun check = CliRun.of("config", "check", file.toString());
        assertThat(check.code()).isEqualTo(2);
        assertThat(check.err()).contains("3 problems")
                .contains(file + ":4: source.server_id: must be between 1 and 4294967295")
                .contains(file + ":5: source.colour: unknown key 'colour'")
                .contains("no sinks.redis section")
                .doesNotContain("Exception");
    }
}
