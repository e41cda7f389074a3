package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mysync.runtime.Pipeline;
import io.mysync.dev.demo.DemoWorkload;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.config.model.MySyncConfig;
import io.mysync.sandbox.SandboxExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kafka.delivery: exactly_once}: the reader is killed with SIGKILL twice under a continuous workload and
 * restarted each time; a read_committed consumer then finds every seq from 1 to the last exactly once (no
 * duplicate, no gap) and every source transaction whole, and Redis equals the source row by row.
 */
@ExtendWith(SandboxExtension.class)
class ExactlyOnceIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mariadb", "mariadb-11.4", "mysql"})
    void readerCrashesLeaveNoDuplicateInKafka(String flavor) throws Exception {
        ShopFixture eos = new ShopFixture(TestEnv.server(flavor), dir).withConfig(yaml -> yaml.replace("kafka:\n",
                "kafka:\n  delivery: exactly_once\n"));
        MySyncConfig config = eos.config;
        assertThat(config.kafka().exactlyOnce()).isTrue();
        ShopFixture shop = eos;
        try (Pipeline writer = new Pipeline(config, false, Set.of(), true).start()) {
            MySyncProcess reader = MySyncProcess.start(shop.configFile, dir.resolve("reader-1.log"), "reader");
            awaitCheckpointPast(eos, 0);
            AtomicBoolean crashesOver = new AtomicBoolean();
            CompletableFuture<Long> writes = CompletableFuture.supplyAsync(() -> {
                try (Connection db = TestEnv.root(shop.server, shop.database)) {
                    return new DemoWorkload(db, shop.database).atRate(800).runUntil(crashesOver::get, n -> { });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            for (int crash = 1; crash <= 2; crash++) {
                awaitThousandMoreUnderLoad(eos, writes, "before crash " + crash);
                reader.kill9();
                reader = MySyncProcess.start(shop.configFile, dir.resolve("reader-" + (crash + 1) + ".log"),
                        "reader");
            }
            awaitThousandMoreUnderLoad(eos, writes, "after the last restart");
            crashesOver.set(true);
            try (MySyncProcess last = reader) {
                assertThat(writes.get()).as("row changes made under load").isGreaterThanOrEqualTo(3000);
                eos.awaitCaughtUp(Duration.ofMinutes(3));
                assertThat(writer.fatal()).isNull();
            }
        }
        eos.assertRedisEqualsSource();

        Map<Long, Integer> timesSeen = new HashMap<>();
        Map<String, List<ChangeEvent>> byTransaction = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = TestEnv.eventConsumer(config)) {
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < Duration.ofSeconds(5).toNanos()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    ChangeEvent event = ChangeEvent.parseFrom(record.value());
                    timesSeen.merge(event.getSeq(), 1, Integer::sum);
                    byTransaction.computeIfAbsent(event.getTransactionId(), t -> new ArrayList<>()).add(event);
                    quietSince = System.nanoTime();
                }
            }
        }
        long max = timesSeen.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(timesSeen.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
                .as("seqs a read_committed consumer saw more than once").isEmpty();
        assertThat(timesSeen).as("every seq from 1 to " + max).hasSize((int) max);
        assertThat(byTransaction.values()).as("every source transaction ends with its last event")
                .allMatch(events -> events.stream().filter(ChangeEvent::getLastInTransaction).count() == 1);
    }

    /** Waits until the reader has checkpointed 1,000 more seqs while the workload still writes. */
    private static void awaitThousandMoreUnderLoad(ShopFixture shop, CompletableFuture<Long> writes, String when) {
        awaitCheckpointPast(shop, shop.checkpoints().load(shop.sourceId).orElseThrow().nextSeq() + 1000);
        assertThat(writes).as("the workload still runs " + when).isNotDone();
    }

    private static void awaitCheckpointPast(ShopFixture shop, long seq) {
        await("the checkpoint passes seq " + seq).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> shop.checkpoints().load(shop.sourceId).map(c -> c.nextSeq() > seq).orElse(false));
    }
}
