package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.runtime.Pipeline;
import io.mysync.dev.demo.DemoWorkload;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.sandbox.server.KafkaServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kafka broker is stopped for ten seconds and started again while the reader and the writer run under a
 * continuous workload: nothing is lost (Redis equals the source row by row), and with exactly_once nothing is
 * published twice either.
 */
@ExtendWith(SandboxExtension.class)
class KafkaRestartIT {

    private static final int CHANGES = 6_000;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"at_least_once", "exactly_once"})
    void brokerRestartMidStreamLosesNothing(String delivery) throws Exception {
        ShopFixture shop = new ShopFixture(TestEnv.sandbox().mariadb(), dir)
                .withConfig(yaml -> yaml.replace("kafka:\n", "kafka:\n  delivery: " + delivery + "\n"));
        KafkaServer kafka = TestEnv.sandbox().kafka();
        try (Pipeline writer = new Pipeline(shop.config, false, Set.of(), true).start();
             MySyncProcess reader = MySyncProcess.start(shop.configFile, dir.resolve("reader.log"), "reader")) {
            CompletableFuture<Long> writes = CompletableFuture.supplyAsync(() -> {
                try (Connection db = TestEnv.root(shop.server, shop.database)) {
                    return new DemoWorkload(db, shop.database).atRate(300).run(CHANGES, n -> { });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            org.awaitility.Awaitility.await("the reader publishing").atMost(Duration.ofSeconds(60)).until(() ->
                    shop.checkpoints().load(shop.sourceId).map(c -> c.nextSeq() > 1_000).orElse(false));
            long t0 = System.nanoTime();
            kafka.stop();
            Thread.sleep(10_000); // the outage itself: the broker stays away this long while the workload runs
            kafka.start();
            System.out.printf("KafkaRestartIT %s: broker down for %d ms while the workload ran%n", delivery,
                    Duration.ofNanos(System.nanoTime() - t0).toMillis());
            assertThat(writes.get()).isGreaterThanOrEqualTo(CHANGES);
            shop.awaitCaughtUp(Duration.ofMinutes(4));
            assertThat(reader.alive()).as("the reader rides out the broker's absence").isTrue();
            assertThat(writer.fatal()).isNull();
        }
        var result = shop.assertRedisEqualsSource();
        long twice = seqsPublishedTwice(shop);
        System.out.println("KafkaRestartIT " + delivery + ": " + result + "; seqs published twice: " + twice);
        if (shop.config.kafka().exactlyOnce()) {
            assertThat(twice).as("exactly_once publishes no seq twice across a broker restart").isZero();
        }
    }

    private static long seqsPublishedTwice(ShopFixture shop) throws Exception {
        Map<Long, Integer> seen = new HashMap<>();
        try (var consumer = TestEnv.eventConsumer(shop.config)) {
            long quietSince = System.nanoTime();
            while (System.nanoTime() - quietSince < Duration.ofSeconds(4).toNanos()) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    seen.merge(ChangeEvent.parseFrom(record.value()).getSeq(), 1, Integer::sum);
                    quietSince = System.nanoTime();
                }
            }
        }
        assertThat(seen).isNotEmpty();
        return seen.values().stream().filter(n -> n > 1).count();
    }
}
