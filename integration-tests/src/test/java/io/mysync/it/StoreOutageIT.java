package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mysync.runtime.Pipeline;
import io.mysync.dev.demo.DemoWorkload;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.sandbox.SandboxServer;
import io.mysync.writer.SinkWorker;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Elasticsearch or HBase stopped for 30 seconds while the source keeps writing: that sink's writer commits nothing
 * and backs off, the other sink keeps applying, and after the restart both stores equal the source row by row.
 */
@ExtendWith(SandboxExtension.class)
class StoreOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} down for 30 s")
    @ValueSource(strings = {"elasticsearch", "hbase"})
    void writerWaitsOutAStoreOutageWhileTheOtherSinkGoesOn(String down) throws Exception {
        StoresFixture stores = new StoresFixture(TestEnv.sandbox().mariadb(), dir, "");
        SandboxServer store = down.equals("hbase") ? TestEnv.sandbox().hbase() : TestEnv.sandbox().elasticsearch();
        String other = down.equals("hbase") ? "elasticsearch" : "hbase";
        try (Pipeline pipeline = new Pipeline(stores.config, true, Set.of(), true).start()) {
            CompletableFuture<Long> writes = CompletableFuture.supplyAsync(() -> {
                try (Connection db = TestEnv.root(stores.server, stores.database)) {
                    // ~50 s of writes at 200 changes/s: before, during and after the outage
                    return new DemoWorkload(db, stores.database).atRate(200).run(10_000, n -> { });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            SinkWorker stopped = worker(pipeline, down);
            SinkWorker running = worker(pipeline, other);
            await("events flow before the outage").atMost(Duration.ofSeconds(60))
                    .until(() -> stopped.appliedEvents() > 500 && running.appliedEvents() > 500);
            long outageStart = System.nanoTime();
            store.stop();
            // a batch the store accepted just before it stopped may still be committed: let that settle
            await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
            long appliedWhenDown = stopped.appliedEvents();
            long otherWhenDown = running.appliedEvents();
            await("nothing is committed for " + down + " while it is down").during(Duration.ofSeconds(10))
                    .atMost(Duration.ofSeconds(12)).until(() -> stopped.appliedEvents() == appliedWhenDown);
            assertThat(running.appliedEvents()).as(other + " keeps applying while " + down + " is down")
                    .isGreaterThan(otherWhenDown + 500);
            assertThat(pipeline.fatal()).isNull();
            Duration left = OUTAGE.minusNanos(System.nanoTime() - outageStart);
            if (!left.isNegative()) {
                Thread.sleep(left.toMillis());
            }
            store.start();
            assertThat(writes.get()).isGreaterThanOrEqualTo(10_000);
            stores.awaitCaughtUp(stores.config, Duration.ofMinutes(3), "elasticsearch", "hbase");
            assertThat(pipeline.fatal()).isNull();
            assertThat(stopped.appliedEvents()).isGreaterThan(appliedWhenDown);
        }
        stores.assertStoresEqualSource();
    }

    private static SinkWorker worker(Pipeline pipeline, String sink) {
        return pipeline.writer().workers().stream().filter(w -> w.sinkName().equals(sink)).findFirst().orElseThrow();
    }
}
