package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.common.position.MemoryCheckpointStore;
import io.mysync.config.model.MySyncConfig;
import io.mysync.reader.ReaderService;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.sandbox.server.SqlServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Starting after a given GTID set (MySQL {@code uuid:1-n}, MariaDB {@code domain-server-seq}) delivers exactly the
 * transactions after it, and table filters keep excluded tables out of Kafka.
 */
@ExtendWith(SandboxExtension.class)
class StartModesIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void startsAfterAGtidSetAndHonoursTableFilters(String flavor) throws Exception {
        SqlServer server = TestEnv.server(flavor);
        String database = TestEnv.unique("gtid");
        TestEnv.createDatabase(server, database, "CREATE TABLE kept (id INT PRIMARY KEY, v VARCHAR(10))",
                "CREATE TABLE skipped (id INT PRIMARY KEY, v VARCHAR(10))");
        TestEnv.execute(server, database, "INSERT INTO kept VALUES (1, 'before')");
        String gtids = executedGtids(server, flavor);
        assertThat(gtids).isNotBlank();
        TestEnv.execute(server, database, "INSERT INTO kept VALUES (2, 'after')", "INSERT INTO skipped VALUES (1, 'x')",
                "UPDATE kept SET v = 'later' WHERE id = 1");

        Path file = TestEnv.config(dir, server, TestEnv.unique("src"), database, List.of("kept", "skipped"),
                TestEnv.endOfBinlog(server));
        String yaml = Files.readString(file).replaceAll("  start: position\n  start_file: .*\n  start_position: .*\n",
                "  start: gtid\n  start_gtid: \"" + gtids + "\"\n")
                .replace("kafka:\n", "filters:\n  exclude: [ \"" + database + ".skip*\" ]\nkafka:\n");
        Files.writeString(file, yaml);
        MySyncConfig config = TestEnv.load(file);

        List<ChangeEvent> events = new java.util.ArrayList<>();
        ReaderService reader = new ReaderService(config, new MemoryCheckpointStore());
        Thread thread = new Thread(reader);
        thread.start();
        try (KafkaConsumer<byte[], byte[]> consumer = TestEnv.eventConsumer(config)) {
            await("the two changes after the GTID set").atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    try {
                        events.add(ChangeEvent.parseFrom(r.value()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                return events.size() >= 2 || reader.fatal() != null;
            });
            // anything else (the excluded table, the change before the GTID set) would have arrived by now too
            consumer.poll(Duration.ofSeconds(2)).forEach(r -> events.add(parse(r.value())));
        } finally {
            reader.close();
            thread.join(30_000);
        }
        assertThat(reader.fatal()).isNull();
        events.sort(java.util.Comparator.comparingLong(ChangeEvent::getSeq)); // two rows, two partitions
        assertThat(events).extracting(ChangeEvent::getTable).containsOnly("kept");
        assertThat(events).extracting(e -> e.getAfter().getColumns(1).getValue().getStringValue())
                .containsExactly("after", "later");
        assertThat(events).extracting(ChangeEvent::getSeq).containsExactly(1L, 2L);
        assertThat(events.get(0).getPosition().getGtid()).isNotEmpty();
    }

    private static ChangeEvent parse(byte[] value) {
        try {
            return ChangeEvent.parseFrom(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String executedGtids(SqlServer server, String flavor) throws Exception {
        try (Connection c = TestEnv.root(server, ""); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(flavor.equals("mysql") ? "SELECT @@GLOBAL.gtid_executed"
                     : "SELECT @@GLOBAL.gtid_binlog_pos")) {
            rs.next();
            return rs.getString(1).replace("\n", "");
        }
    }
}
