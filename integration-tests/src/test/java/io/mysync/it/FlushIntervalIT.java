package io.mysync.it;

import static io.mysync.writer.elasticsearch.ElasticsearchSettings.ELASTICSEARCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mysync.common.kafka.TopicNames;
import io.mysync.runtime.Pipeline;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MySyncConfig;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.writer.SinkWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sinks.elasticsearch.flush_interval}: changes that trickle in are gathered and sent as one bulk request
 * once the first of them waited the interval. The writer runs with {@code --sinks elasticsearch}: only that sink.
 */
@ExtendWith(SandboxExtension.class)
class FlushIntervalIT {

    @TempDir
    Path dir;

    @Test
    void trickleOfChangesIsGatheredIntoOneBulk() throws Exception {
        StoresFixture stores = new StoresFixture(TestEnv.sandbox().mariadb(), dir, "");
        Files.writeString(stores.configFile, Files.readString(stores.configFile)
                .replace("index_replicas: 0,", "index_replicas: 0, flush_interval: 2s,"));
        MySyncConfig config = ConfigLoader.load(stores.configFile);
        assertThat(config.sink(ELASTICSEARCH).orElseThrow().flushInterval()).isEqualTo(Duration.ofSeconds(2));
        try (Pipeline pipeline = new Pipeline(config, true, Set.of("elasticsearch"), true).start()) {
            assertThat(pipeline.writer().workers()).as("--sinks elasticsearch runs that sink only")
                    .extracting(SinkWorker::sinkName).containsExactly("elasticsearch");
            SinkWorker worker = pipeline.writer().workers().get(0);
            TestEnv.execute(stores.server, stores.database, "INSERT INTO customers (id, name, balance, created_at) "
                    + "VALUES (1, 'warm-up', 0, '2024-01-01 00:00:00')");
            await("the writer runs").atMost(Duration.ofSeconds(60)).until(() -> worker.appliedEvents() == 1);

            TreeSet<Long> seen = new TreeSet<>();
            long firstInsert = System.nanoTime();
            for (int i = 2; i <= 4; i++) {
                TestEnv.execute(stores.server, stores.database, "INSERT INTO customers (id, name, balance, "
                        + "created_at) VALUES (" + i + ", 'trickle', 1.5, '2024-01-01 00:00:00')");
                seen.add(worker.appliedEvents());
                Thread.sleep(300);
            }
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> {
                seen.add(worker.appliedEvents());
                return worker.appliedEvents() == 4;
            });
            long waited = Duration.ofNanos(System.nanoTime() - firstInsert).toMillis();
            assertThat(seen).as("the three changes were applied together, not one by one").containsExactly(1L, 4L);
            assertThat(waited).as("sent once the first change waited the interval").isBetween(1_800L, 10_000L);
        }
        assertThat(Stores.esDocument(stores.source + "_customers", "4").orElseThrow().path("name").asText())
                .isEqualTo("trickle");
        assertThat(Stores.hbase().getAdmin().tableExists(org.apache.hadoop.hbase.TableName.valueOf(
                stores.source + "_customers"))).as("the hbase sink, configured but not selected, wrote nothing").isFalse();
    }

    @Test
    void gracefulStopAppliesAndCommitsWhatWasGathered() throws Exception {
        StoresFixture stores = new StoresFixture(TestEnv.sandbox().mariadb(), dir, "");
        Files.writeString(stores.configFile, Files.readString(stores.configFile)
                .replace("index_replicas: 0,", "index_replicas: 0, flush_interval: 10m,"));
        MySyncConfig config = ConfigLoader.load(stores.configFile);
        Pipeline pipeline = new Pipeline(config, true, Set.of("elasticsearch"), true).start();
        SinkWorker worker = pipeline.writer().workers().get(0);
        try {
            TestEnv.execute(stores.server, stores.database, "INSERT INTO customers (id, name, balance, created_at) "
                    + "VALUES (1, 'gathered', 0, '2024-01-01 00:00:00'), (2, 'gathered', 0, '2024-01-01 00:00:00')");
            // the writer has polled them by now and waits for its ten-minute interval
            await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(9)).until(() -> true);
            assertThat(worker.appliedEvents()).isZero();
            // a new table's topic makes the group rebalance while the two are gathered: Kafka hands their
            // partitions back from the committed offset, and the two must not be gathered twice
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", config.kafka().bootstrap()))) {
                admin.createTopics(List.of(new NewTopic(new TopicNames(config.kafka().topicTemplate(),
                        stores.source).topicOf(stores.database, "late_table"), 1, (short) 1))).all().get();
            }
            await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
            assertThat(worker.appliedEvents()).isZero();
        } finally {
            pipeline.close();
        }
        assertThat(worker.appliedEvents()).as("applied on the way out").isEqualTo(2);
        assertThat(Stores.esDocument(stores.source + "_customers", "2")).isPresent();
        // and committed: a writer of the same group finds nothing left to apply
        try (Pipeline again = new Pipeline(config, false, Set.of("elasticsearch"), true).start()) {
            stores.awaitCaughtUp(config, Duration.ofSeconds(60), "elasticsearch");
            assertThat(again.writer().workers().get(0).appliedEvents()).isZero();
        }
    }
}
