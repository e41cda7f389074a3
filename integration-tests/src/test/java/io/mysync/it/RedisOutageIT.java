package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mysync.runtime.Pipeline;
import io.mysync.dev.demo.DemoWorkload;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.sandbox.server.RedisServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis goes away under load: the writer backs off and redelivers the same batches, never skips, and Redis equals
 * the source once it is back. (Redis keeps nothing on disk here, so it restarts empty and the writer's replay from
 * its committed offsets must rebuild what was applied before; the test restores it from a fresh group.)
 */
@ExtendWith(SandboxExtension.class)
class RedisOutageIT {

    @TempDir
    Path dir;

    @Test
    void writerWaitsOutARedisOutageAndSkipsNothing() throws Exception {
        ShopFixture shop = new ShopFixture(TestEnv.sandbox().mariadb(), dir);
        RedisServer redis = TestEnv.sandbox().redis();
        try (Pipeline pipeline = new Pipeline(shop.config, true, Set.of(), true).start()) {
            CompletableFuture<Long> writes = CompletableFuture.supplyAsync(() -> {
                try (Connection db = TestEnv.root(shop.server, shop.database)) {
                    return new DemoWorkload(db, shop.database).atRate(1000).run(5000, n -> { });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            var worker = pipeline.writer().workers().get(0);
            await("events flow before the outage").atMost(Duration.ofSeconds(30))
                    .until(() -> worker.appliedEvents() > 500);
            redis.kill();
            // a batch Redis accepted just before it died may still be committed: let that settle first
            await().pollDelay(Duration.ofMillis(300)).until(() -> true);
            long appliedWhenDown = worker.appliedEvents();
            await("nothing is committed while Redis is down").during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(4)).until(() -> worker.appliedEvents() == appliedWhenDown);
            assertThat(pipeline.fatal()).isNull();
            redis.start();
            writes.get();
            shop.awaitCaughtUp(Duration.ofMinutes(2));
            assertThat(pipeline.fatal()).isNull();
        }
        // Redis came back empty: what was committed before the outage is replayed by a fresh consumer group
        java.nio.file.Path replay = dir.resolve("replay.yaml");
        java.nio.file.Files.writeString(replay, java.nio.file.Files.readString(shop.configFile)
                .replace("writer:\n", "writer:\n  group: rebuild.{source}.{sink}\n"));
        var rebuild = io.mysync.config.load.ConfigLoader.load(replay);
        try (Pipeline writer = new Pipeline(rebuild, false, Set.of(), true).start()) {
            io.mysync.runtime.verify.CatchUp.await(rebuild, shop.checkpoints(),
                    shop.checkpoints().load(shop.sourceId).orElseThrow().position(), "redis", Duration.ofMinutes(2));
        }
        shop.assertRedisEqualsSource();
    }
}
