package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mysync.config.model.MySyncConfig;
import io.mysync.dev.demo.DemoWorkload;
import io.mysync.runtime.Pipeline;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.sandbox.server.SqlServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * {@code mysync verify} on a pipeline that is busy: rows the workload changes while verify reads them are not
 * reported (they are checked again once Redis caught up past them), and a value changed or a key removed directly in
 * Redis is found, named by its key, with exit code 1; {@code --repair} has the reader emit exactly those rows again
 * and the store equals the source afterwards.
 */
@ExtendWith(SandboxExtension.class)
class VerifyIT {

    @TempDir
    Path dir;

    @Test
    void aBusyPipelineRaisesNoFalseAlarmAndAStoreChangedBehindItsBackIsFoundAndRepaired() throws Exception {
        ShopFixture shop = new ShopFixture(TestEnv.sandbox().mariadb(), dir);
        try (Pipeline pipeline = new Pipeline(shop.config, true, Set.of(), true).start();
             Jedis redis = new Jedis("127.0.0.1", TestEnv.sandbox().redis().port())) {
            CompletableFuture<Long> writes = workload(shop.server, shop.database, 400, 8000);
            var worker = pipeline.writer().workers().get(0);
            await("the workload's rows flow").atMost(Duration.ofSeconds(60))
                    .until(() -> worker.appliedEvents() > 800);
            // two customers the workload never touches: one to change in Redis, one to remove from it
            TestEnv.execute(shop.server, shop.database,
                    "INSERT INTO customers (id, name, email, balance, vip, created_at) VALUES "
                            + "(900000001, 'Ada', 'ada@example.com', 10.00, 0, '2026-01-01 10:00:00'), "
                            + "(900000002, 'Bob', 'bob@example.com', 20.00, 1, '2026-01-01 11:00:00')");
            String changed = shop.sourceId + ":customers:900000001";
            String removed = shop.sourceId + ":customers:900000002";
            await().atMost(Duration.ofSeconds(60)).until(() -> redis.exists(changed) && redis.exists(removed));
            assertThat(writes).as("the workload still runs while verify reads").isNotDone();

            CliRun busy = CliRun.of("verify", "--config", shop.configFile.toString(), "--json");
            assertThat(busy.code()).as(busy.out() + busy.err()).isZero();
            JsonNode clean = new ObjectMapper().readTree(busy.out());
            assertThat(clean.path("clean").asBoolean()).isTrue();
            assertThat(clean.path("tables")).hasSize(3).allSatisfy(t -> {
                assertThat(t.path("rows_checked").asLong()).isPositive();
                assertThat(t.path("differences")).isEmpty();
            });
            System.out.println("VerifyIT: under load, verify checked "
                    + clean.path("tables").findValues("rows_checked") + " rows and rechecked "
                    + clean.path("tables").findValues("rows_rechecked") + ", 0 differences");

            redis.hset(changed, "name", "Eve");
            redis.del(removed);
            CliRun found = CliRun.of("verify", "--config", shop.configFile.toString(), "--tables",
                    shop.database + ".customers");
            assertThat(found.code()).as(found.out() + found.err()).isEqualTo(1);
            assertThat(found.out()).contains(changed + "): name is 'Eve' but the row has 'Ada'")
                    .contains(removed + "): missing in Redis");
            assertThat(found.out().lines().filter(l -> l.startsWith("  redis ")).count())
                    .as("exactly the two rows changed behind the pipeline's back: %s", found.out()).isEqualTo(2);

            CliRun repair = CliRun.of("verify", "--config", shop.configFile.toString(), "--tables",
                    shop.database + ".customers", "--repair");
            assertThat(repair.code()).as(repair.out() + repair.err()).isZero();
            assertThat(repair.out()).contains("Repaired").contains(changed + "): was name is 'Eve'")
                    .contains(removed + "): was missing in Redis");
            assertThat(redis.hget(changed, "name")).isEqualTo("Ada");
            assertThat(redis.hget(removed, "name")).isEqualTo("Bob");
            writes.get();
            CliRun after = CliRun.of("verify", "--config", shop.configFile.toString(), "--json");
            assertThat(after.code()).as(after.out() + after.err()).isZero();
            assertThat(pipeline.fatal()).isNull();
        }
    }

    @Test
    void elasticsearchAndHBaseChangedBehindThePipelinesBackAreFoundAndRepaired() throws Exception {
        StoresFixture stores = new StoresFixture(TestEnv.sandbox().mariadb(), dir, "");
        // Elasticsearch applies once a second: rows the workload changes are always behind there when verify reads
        // them, so the busy run has rows to check again and must still report none
        Files.writeString(stores.configFile, Files.readString(stores.configFile)
                .replace("bulk_actions: 100 }", "bulk_actions: 100, flush_interval: 1s }"));
        MySyncConfig config = TestEnv.load(stores.configFile);
        try (Pipeline pipeline = new Pipeline(config, true, Set.of(), true).start()) {
            CompletableFuture<Long> writes = workload(stores.server, stores.database, 200, 4000);
            var hbaseWriter = pipeline.writer().workers().stream().filter(w -> w.sinkName().equals("hbase"))
                    .findFirst().orElseThrow();
            await("the workload's rows flow").atMost(Duration.ofSeconds(60))
                    .until(() -> hbaseWriter.appliedEvents() > 400);
            TestEnv.execute(stores.server, stores.database,
                    "INSERT INTO customers (id, name, email, balance, vip, created_at) VALUES "
                            + "(900000001, 'Ada', 'ada@example.com', 10.00, 0, '2026-01-01 10:00:00')");
            String index = stores.source + "_customers";
            HttpClient http = HttpClient.newHttpClient();
            URI document = URI.create(TestEnv.sandbox().elasticsearch().url() + "/" + index + "/_doc/900000001");
            await().atMost(Duration.ofSeconds(60)).until(() -> http.send(HttpRequest.newBuilder(document).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            try (Table table = Stores.hbase().getTable(TableName.valueOf(index))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> !table.get(new Get(Bytes.toBytes("900000001")))
                        .isEmpty());
            }
            assertThat(writes).as("the workload still runs while verify reads").isNotDone();
            CliRun busy = CliRun.of("verify", "--config", stores.configFile.toString(), "--json");
            assertThat(busy.code()).as(busy.out() + busy.err()).isZero();
            JsonNode tables = new ObjectMapper().readTree(busy.out()).path("tables");
            assertThat(tables).hasSize(6).allSatisfy(t -> assertThat(t.path("differences")).isEmpty());
            long rechecked = tables.findValues("rows_rechecked").stream().mapToLong(JsonNode::asLong).sum();
            System.out.println("VerifyIT: Elasticsearch 1 s behind, verify rechecked " + rechecked + " rows of "
                    + tables.findValues("rows_checked") + ", 0 differences");
            assertThat(rechecked).as("rows behind in Elasticsearch were checked again, not reported").isPositive();

            HttpResponse<String> update = http.send(HttpRequest.newBuilder(URI.create(TestEnv.sandbox().elasticsearch()
                    .url() + "/" + index + "/_update/900000001?refresh=true")).header("Content-Type",
                    "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"doc\":{\"name\":\"Eve\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(update.statusCode()).as(update.body()).isEqualTo(200);
            try (Table table = Stores.hbase().getTable(TableName.valueOf(index))) {
                byte[] row = Bytes.toBytes("900000001");
                long ts = table.get(new Get(row)).getColumnLatestCell(Bytes.toBytes("d"), Bytes.toBytes("email"))
                        .getTimestamp();
                // at the cell's own version (the row's seq): a newer wall-clock timestamp would shadow every repair
                table.put(new Put(row, ts).addColumn(Bytes.toBytes("d"), Bytes.toBytes("email"),
                        Bytes.toBytes("eve@example.com")));
            }

            CliRun found = CliRun.of("verify", "--config", stores.configFile.toString(), "--tables",
                    stores.database + ".customers");
            assertThat(found.code()).as(found.out() + found.err()).isEqualTo(1);
            assertThat(found.out()).contains("elasticsearch " + stores.database + ".customers id=900000001 ("
                    + index + "/_doc/900000001): name is \"Eve\" but the row has \"Ada\"")
                    .contains("hbase " + stores.database + ".customers id=900000001 (" + index
                            + "/900000001): email is 'eve@example.com' but the row has 'ada@example.com'");

            CliRun repair = CliRun.of("verify", "--config", stores.configFile.toString(), "--tables",
                    stores.database + ".customers", "--repair");
            assertThat(repair.code()).as(repair.out() + repair.err()).isZero();
            assertThat(repair.out()).contains("Repaired");
            writes.get();
            stores.awaitCaughtUp(config, Duration.ofMinutes(2), "elasticsearch", "hbase");
            stores.assertStoresEqualSource();
            assertThat(pipeline.fatal()).isNull();
        }
    }

    /** The demo workload at {@code rate} changes/s in the background, {@code changes} in all. */
    private static CompletableFuture<Long> workload(SqlServer server, String database, int rate, int changes) {
        return CompletableFuture.supplyAsync(() -> {
            try (Connection db = TestEnv.root(server, database)) {
                return new DemoWorkload(db, database).atRate(rate).run(changes, n -> { });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
