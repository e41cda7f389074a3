package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mysync.runtime.Pipeline;
import io.mysync.dev.demo.DemoWorkload;
import io.mysync.runtime.verify.CatchUp;
import io.mysync.common.position.Position;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.sandbox.server.RedisServer;
import io.mysync.sandbox.server.SqlServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Operability on real servers, each pipeline a {@code mysync} process of its own with its metrics endpoint: the
 * metrics against what Kafka really holds, the health endpoints, {@code mysync status} against a known state, and
 * the built-in lag alert when Redis goes away under load.
 */
@ExtendWith(SandboxExtension.class)
class MonitoringIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static SqlServer server(String flavor) throws Exception {
        return TestEnv.server(flavor);
    }

    private ShopFixture shop(SqlServer server, String alerts) throws Exception {
        return new ShopFixture(server, dir).withConfig(yaml -> yaml + "alerts:\n" + alerts);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mariadb", "mysql"})
    void metricsHealthAndStatusMatchWhatKafkaAndTheSourceHold(String flavor) throws Exception {
        ShopFixture shop = shop(server(flavor), "  sink_lag: { warn: 1s, critical: 2s, for: 1s }\n");
        long changes;
        try (MySyncProcess run = MySyncProcess.start(shop.configFile, dir.resolve("run.log"), "run")) {
            int port = awaitPort(run);
            await("ready: leading and streaming").atMost(Duration.ofSeconds(60))
                    .until(() -> Scrape.get(port, "/health/ready").status() == 200);
            try (Connection db = TestEnv.root(shop.server, shop.database)) {
                changes = new DemoWorkload(db, shop.database).atRate(2000).run(1500, n -> { });
            }
            shop.awaitCaughtUp(Duration.ofMinutes(2));
            Map<String, Long> inKafka = eventsPerTable(shop);
            long events = inKafka.values().stream().mapToLong(Long::longValue).sum();
            await("the writer's metrics caught up").atMost(Duration.ofSeconds(10))
                    .until(() -> Scrape.of(port).sum("mysync_writer_events_total", "sink", "redis") == events);
            Scrape metrics = Scrape.of(port);
            System.out.printf("MonitoringIT %s: %d changes, %d events in Kafka %s%n", flavor, changes, events,
                    inKafka);
            for (Map.Entry<String, Long> table : inKafka.entrySet()) {
                assertThat(metrics.value("mysync_reader_events_total", "source", shop.sourceId, "table",
                        table.getKey())).as(table.getKey()).isEqualTo(table.getValue().doubleValue());
            }
            assertThat(metrics.value("mysync_reader_kafka_send_seconds_count", "source", shop.sourceId))
                    .isEqualTo(events);
            assertThat(metrics.sum("mysync_reader_event_bytes_total")).isGreaterThan(events * 20.0);
            assertThat(metrics.value("mysync_reader_leader")).isEqualTo(1);
            assertThat(metrics.value("mysync_reader_connected")).isEqualTo(1);
            assertThat(metrics.value("mysync_reader_source_lag_seconds")).isBetween(0.0, 5.0);
            assertThat(metrics.value("mysync_reader_transaction_events_count")).isBetween(1.0, (double) events);
            assertThat(metrics.value("mysync_reader_gtid_transactions")).isGreaterThan(0);
            assertThat(metrics.value("mysync_reader_inflight_transactions")).isLessThan(100);
            Position end;
            try (Connection c = TestEnv.root(shop.server, "")) {
                end = CatchUp.sourceEnd(c);
            }
            assertThat(metrics.value("mysync_reader_binlog_file")).isEqualTo(
                    Double.parseDouble(end.binlogFile().substring(end.binlogFile().lastIndexOf('.') + 1)));
            assertThat(metrics.sum("mysync_writer_lag_records")).isZero();
            assertThat(metrics.value("mysync_writer_max_lag_seconds", "sink", "redis")).isZero();
            assertThat(metrics.all("mysync_writer_lag_seconds")).hasSize(3 * 4); // three tables, four partitions
            assertThat(metrics.value("mysync_writer_batch_events_sum", "sink", "redis")).isEqualTo(events);
            assertThat(metrics.value("mysync_writer_dead_letters_total", "sink", "redis")).isZero();
            assertThat(metrics.value("mysync_alert_level", "alert", "sink_lag", "sink", "redis")).isZero();
            assertThat(Scrape.get(port, "/health/live").status()).isEqualTo(200);
            Scrape.Response ready = Scrape.get(port, "/health/ready");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(JSON.readTree(ready.body()).at("/checks/reader/detail").asText()).contains("leading");

            JsonNode status = status(shop, 0);
            assertThat(status.get("health").asText()).isEqualTo("OK");
            assertThat(status.at("/reader/elected").asBoolean()).isFalse();
            assertThat(status.at("/reader/checkpoint/binlog_file").asText()).isEqualTo(end.binlogFile());
            assertThat(status.at("/reader/lag_seconds").asDouble()).isLessThan(5);
            JsonNode redis = status.at("/sinks/0");
            assertThat(redis.get("sink").asText()).isEqualTo("redis");
            assertThat(redis.get("group_state").asText()).isEqualTo("Stable");
            assertThat(redis.get("writers").asInt()).isEqualTo(1);
            assertThat(redis.get("lag_events").asLong()).isZero();
            assertThat(redis.get("dead_letters").asLong()).isZero();
        }
        // no writer now: the reader alone publishes more changes, which wait in Kafka
        try (MySyncProcess reader = MySyncProcess.start(shop.configFile, dir.resolve("reader.log"), "reader")) {
            long before = eventsPerTable(shop).values().stream().mapToLong(Long::longValue).sum();
            TestEnv.execute(shop.server, shop.database,
                    "UPDATE customers SET balance = balance + 1 ORDER BY id LIMIT 40");
            Position end;
            try (Connection c = TestEnv.root(shop.server, "")) {
                end = CatchUp.sourceEnd(c);
            }
            CatchUp.awaitCheckpoint(shop.checkpoints(), shop.sourceId, end, () -> null,
                    System.nanoTime() + Duration.ofMinutes(1).toNanos());
            long waiting = eventsPerTable(shop).values().stream().mapToLong(Long::longValue).sum() - before;
            Thread.sleep(2_500); // past the 2 s critical lag
            JsonNode status = status(shop, 1);
            JsonNode redis = status.at("/sinks/0");
            System.out.println("MonitoringIT " + flavor + ": status with no writer: " + redis);
            assertThat(status.get("health").asText()).isEqualTo("CRITICAL");
            assertThat(redis.get("lag_events").asLong()).isEqualTo(waiting);
            assertThat(redis.get("lag_seconds").asDouble()).isGreaterThanOrEqualTo(2.5);
            assertThat(redis.get("writers").asInt()).isZero();
            assertThat(redis.get("health").asText()).isEqualTo("CRITICAL");
        }
    }

    @Test
    void aRedisOutageFiresTheLagAlertOnceAndItResolvesWhenRedisIsBack() throws Exception {
        RedisServer redis = TestEnv.sandbox().redis();
        try (WebhookReceiver webhook = new WebhookReceiver()) {
            ShopFixture shop = shop(TestEnv.sandbox().mariadb(), "  webhook: " + webhook.url() + "\n"
                    + "  redis: { warn: 2s, critical: 8s, for: 3s }\n");
            try (MySyncProcess run = MySyncProcess.start(shop.configFile, dir.resolve("run.log"), "run")) {
                int port = awaitPort(run);
                CompletableFuture<Long> writes = CompletableFuture.supplyAsync(() -> {
                    try (Connection db = TestEnv.root(shop.server, shop.database)) {
                        return new DemoWorkload(db, shop.database).atRate(300).run(9000, n -> { });
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                await("events flow before the outage").atMost(Duration.ofSeconds(60))
                        .until(() -> Scrape.of(port).sum("mysync_writer_events_total") > 300);
                assertThat(webhook.received()).isEmpty();
                long killedAt = System.currentTimeMillis();
                redis.kill();
                await("the lag alert fires").atMost(Duration.ofSeconds(20)).until(() -> webhook.received().size() >= 1);
                WebhookReceiver.Received fired = webhook.received().get(0);
                long firedAfter = fired.atMillis() - killedAt;
                System.out.println("MonitoringIT: warning notice " + firedAfter + " ms after Redis was killed: "
                        + fired.body());
                assertThat(fired.body().get("status").asText()).isEqualTo("firing");
                assertThat(fired.body().get("level").asText()).isEqualTo("warning");
                assertThat(fired.body().get("sink").asText()).isEqualTo("redis");
                assertThat(fired.body().get("source").asText()).isEqualTo(shop.sourceId);
                assertThat(fired.body().get("lag_seconds").asDouble()).isGreaterThanOrEqualTo(2);
                // the lag passes 2 s about 2 s after the kill and must then hold for 3 s; evaluated once a second
                // (seen: 5.4-6.1 s). Never before 'for' has passed; the upper bound leaves room for a loaded machine
                assertThat(firedAfter).isBetween(3_000L, 2_000 + 3_000 + 4_000L);
                await("critical").atMost(Duration.ofSeconds(20)).until(() -> webhook.received().size() >= 2);
                assertThat(webhook.received().get(1).body().get("level").asText()).isEqualTo("critical");
                await("not ready while critically behind").atMost(Duration.ofSeconds(5))
                        .until(() -> Scrape.get(port, "/health/ready").status() == 503);
                assertThat(Scrape.get(port, "/health/live").status()).isEqualTo(200);
                Scrape down = Scrape.of(port);
                assertThat(down.value("mysync_alert_level", "alert", "sink_lag", "sink", "redis")).isEqualTo(2);
                assertThat(down.value("mysync_writer_max_lag_seconds", "sink", "redis")).isGreaterThan(8);
                assertThat(down.sum("mysync_writer_retries_total")).isPositive();
                assertThat(down.sum("mysync_writer_errors_total")).isPositive();
                await("no notice while the level stays the same").during(Duration.ofSeconds(3))
                        .atMost(Duration.ofSeconds(4)).until(() -> webhook.received().size() == 2);

                redis.start();
                long restartedAt = System.currentTimeMillis();
                await("resolved").atMost(Duration.ofSeconds(60)).until(() -> webhook.received().size() >= 3);
                JsonNode resolved = webhook.received().get(2).body();
                System.out.println("MonitoringIT: resolved " + (webhook.received().get(2).atMillis() - restartedAt)
                        + " ms after Redis restarted: " + resolved);
                assertThat(resolved.get("status").asText()).isEqualTo("resolved");
                assertThat(resolved.get("previous_level").asText()).isEqualTo("critical");
                assertThat(writes.get()).isGreaterThanOrEqualTo(9000);
                shop.awaitCaughtUp(Duration.ofMinutes(2));
                await("lag back to zero").atMost(Duration.ofSeconds(10)).until(() -> {
                    Scrape s = Scrape.of(port);
                    return s.value("mysync_writer_max_lag_seconds", "sink", "redis") == 0
                            && s.sum("mysync_writer_lag_records") == 0;
                });
                assertThat(Scrape.get(port, "/health/ready").status()).isEqualTo(200);
                assertThat(webhook.received()).as("one notice per change of state").hasSize(3);
            }
            // Redis restarted empty: rebuild it from the topics with a fresh group, then compare row by row
            Path replay = dir.resolve("replay.yaml");
            Files.writeString(replay, Files.readString(shop.configFile)
                    .replace("writer:\n", "writer:\n  group: rebuild.{source}.{sink}\n"));
            var rebuild = TestEnv.load(replay);
            try (Pipeline writer = new Pipeline(rebuild, false, Set.of(), true).start()) {
                CatchUp.await(rebuild, shop.checkpoints(),
                        shop.checkpoints().load(shop.sourceId).orElseThrow().position(), "redis",
                        Duration.ofMinutes(2));
            }
            shop.assertRedisEqualsSource();
        }
    }

    @Test
    void statusNamesTheLeaderAndTheStandbyAndOnlyTheLeaderIsReady() throws Exception {
        String zookeeper = TestEnv.sandbox().zookeeper().endpoint();
        ShopFixture shop = new ShopFixture(TestEnv.sandbox().mariadb(), dir).withConfig(yaml -> yaml
                + "ha:\n  zookeeper: " + zookeeper + "\n  session_timeout: 4s\n");
        try (MySyncProcess first = MySyncProcess.start(shop.configFile, dir.resolve("reader-a.log"), "reader");
             MySyncProcess second = MySyncProcess.start(shop.configFile, dir.resolve("reader-b.log"), "reader")) {
            await("one reader leads").atMost(Duration.ofSeconds(60)).until(() -> first.leads() || second.leads());
            MySyncProcess leader = first.leads() ? first : second;
            MySyncProcess standby = leader == first ? second : first;
            int leaderPort = awaitPort(leader);
            int standbyPort = awaitPort(standby);
            await("the leader is ready").atMost(Duration.ofSeconds(30))
                    .until(() -> Scrape.get(leaderPort, "/health/ready").status() == 200);
            Scrape.Response notReady = Scrape.get(standbyPort, "/health/ready");
            assertThat(notReady.status()).isEqualTo(503);
            assertThat(JSON.readTree(notReady.body()).at("/checks/reader/detail").asText()).contains("standing by");
            assertThat(Scrape.get(standbyPort, "/health/live").status()).isEqualTo(200);
            assertThat(Scrape.of(leaderPort).value("mysync_reader_leader")).isEqualTo(1);
            assertThat(Scrape.of(standbyPort).value("mysync_reader_leader")).isZero();
            assertThat(Scrape.of(standbyPort).value("mysync_reader_source_lag_seconds")).isNaN();
            TestEnv.execute(shop.server, shop.database, "INSERT INTO customers (id, name, balance, created_at) "
                    + "VALUES (1, 'Ada', 10, NOW())");
            await("a checkpoint in ZooKeeper").atMost(Duration.ofSeconds(30))
                    .until(() -> !status(shop, -1).at("/reader/checkpoint").isNull());

            JsonNode status = status(shop, 0);
            System.out.println("MonitoringIT: status with two readers: " + status.get("reader"));
            assertThat(status.at("/reader/elected").asBoolean()).isTrue();
            assertThat(status.at("/reader/leader").asText()).endsWith("/" + leader.pid());
            assertThat(status.at("/reader/standbys/0").asText()).endsWith("/" + standby.pid());
            assertThat(status.at("/reader/standbys").size()).isEqualTo(1);
            assertThat(status.at("/reader/checkpoint_in").asText()).startsWith("ZooKeeper");

            leader.kill9();
            await("the standby takes over").atMost(Duration.ofSeconds(30)).until(standby::leads);
            await("the new leader is ready").atMost(Duration.ofSeconds(30))
                    .until(() -> Scrape.get(standbyPort, "/health/ready").status() == 200);
            await("status shows the new leader alone").atMost(Duration.ofSeconds(30)).until(() -> {
                JsonNode now = status(shop, -1);
                return now.at("/reader/leader").asText().endsWith("/" + standby.pid())
                        && now.at("/reader/standbys").isEmpty();
            });
        }
    }

    private static int awaitPort(MySyncProcess process) {
        await("the metrics endpoint").atMost(Duration.ofSeconds(60)).until(() -> {
            if (!process.alive()) {
                throw new AssertionError("mysync exited:\n" + Files.readString(process.log()));
            }
            return process.logged("Metrics on http://");
        });
        return process.metricsPort();
    }

    /** Runs {@code mysync status --json}, expects the exit code (-1: any), returns the source's document. */
    private JsonNode status(ShopFixture shop, int exitCode) throws Exception {
        MySyncProcess.Finished finished = MySyncProcess.run(shop.configFile, dir.resolve("status.log"), "status",
                "--json");
        String out = finished.output();
        int from = out.indexOf("[ {");
        int to = out.lastIndexOf("} ]");
        assertThat(from).as(out).isGreaterThanOrEqualTo(0);
        JsonNode sources = JSON.readTree(out.substring(from, to + 3));
        if (exitCode >= 0) {
            assertThat(finished.exitCode()).as(out).isEqualTo(exitCode);
        }
        return sources.get(0);
    }

    /** Every event of the source in Kafka, counted per table. */
    private static Map<String, Long> eventsPerTable(ShopFixture shop) {
        Map<String, Long> counts = new HashMap<>();
        try (var consumer = TestEnv.eventConsumer(shop.config)) {
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < Duration.ofSeconds(3).toNanos()) {
                var records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    String table = record.topic().substring(record.topic().indexOf(shop.database));
                    counts.merge(table, 1L, Long::sum);
                    quietSince = System.nanoTime();
                }
            }
        }
        return counts;
    }
}
