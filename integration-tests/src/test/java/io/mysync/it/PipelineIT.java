package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.runtime.Pipeline;
import io.mysync.dev.demo.DemoWorkload;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MySyncConfig;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.sandbox.server.SqlServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

/**
 * Inserts, updates, deletes, primary-key changes and multi-statement transactions reach Redis exactly, on MariaDB
 * and MySQL 8; replaying the whole topic from offset 0 into the populated store changes nothing.
 */
@ExtendWith(SandboxExtension.class)
class PipelineIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void changesArriveExactlyAndReplaysChangeNothing(String flavor) throws Exception {
        SqlServer server = TestEnv.server(flavor);
        ShopFixture shop = new ShopFixture(server, dir);
        try (Pipeline pipeline = new Pipeline(shop.config, true, Set.of(), true).start()) {
            try (Connection db = TestEnv.root(server, shop.database)) {
                DemoWorkload workload = new DemoWorkload(db, shop.database);
                workload.run(2000, n -> { });
                assertThat(workload.keyChanges()).isPositive();
            }
            // one transaction that inserts, updates, re-keys and deletes rows, touching one row several times
            try (Connection db = TestEnv.root(server, shop.database); Statement st = db.createStatement()) {
                db.setAutoCommit(false);
                st.execute("INSERT INTO customers (id, name, balance, created_at) VALUES "
                        + "(900001, 'Txn One', 1.00, '2024-01-01 00:00:00'), "
                        + "(900002, 'Txn Two', 2.00, '2024-01-01 00:00:00')");
                st.execute("UPDATE customers SET balance = balance * 10, notes = NULL WHERE id >= 900001");
                st.execute("UPDATE customers SET id = 900003 WHERE id = 900002");
                st.execute("UPDATE customers SET name = 'Txn Three' WHERE id = 900003");
                st.execute("DELETE FROM customers WHERE id = 900001");
                st.execute("DELETE FROM orders WHERE id <= 5");
                db.commit();
                // and a transaction that is rolled back must leave no trace
                st.execute("INSERT INTO customers (id, name, balance, created_at) VALUES "
                        + "(900009, 'Ghost', 0, '2024-01-01 00:00:00')");
                db.rollback();
            }
            shop.awaitCaughtUp(Duration.ofMinutes(2));
            assertThat(pipeline.fatal()).isNull();
        }
        shop.assertRedisEqualsSource();
        try (Jedis redis = new Jedis("127.0.0.1", TestEnv.sandbox().redis().port())) {
            assertThat(redis.hget(shop.sourceId + ":customers:900003", "name")).isEqualTo("Txn Three");
            assertThat(redis.exists(shop.sourceId + ":customers:900001")).isFalse();
            assertThat(redis.exists(shop.sourceId + ":customers:900002")).isFalse();
            assertThat(redis.exists(shop.sourceId + ":customers:900009")).isFalse();
        }

        // replay: a new consumer group reads every topic from offset 0 into the populated store
        Path replayConfig = dir.resolve("replay.yaml");
        Files.writeString(replayConfig, Files.readString(shop.configFile)
                .replace("writer:\n", "writer:\n  group: replay.{source}.{sink}\n"));
        MySyncConfig replay = ConfigLoader.load(replayConfig);
        try (Pipeline writerOnly = new Pipeline(replay, false, Set.of("redis"), true).start()) {
            io.mysync.runtime.verify.CatchUp.await(replay, shop.checkpoints(),
                    shop.checkpoints().load(shop.sourceId).orElseThrow().position(), "redis", Duration.ofMinutes(2));
            assertThat(writerOnly.writer().workers().get(0).appliedEvents()).isGreaterThan(2000);
        }
        shop.assertRedisEqualsSource();
    }
}
