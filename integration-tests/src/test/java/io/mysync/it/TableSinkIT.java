package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MySyncConfig;
import io.mysync.dev.demo.DemoSchema;
import io.mysync.dev.demo.DemoWorkload;
import io.mysync.runtime.Pipeline;
import io.mysync.runtime.verify.CatchUp;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.sandbox.server.SqlServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MySQL/MariaDB table store, added as one package (writer.mysql): the shop on MariaDB copied into tables of a
 * database on MySQL 8 over verified TLS. Inserts, updates, deletes, a primary-key change, a TRUNCATE and rows after
 * it arrive exactly; a replay of every topic from offset 0 changes no row and no seq; verify finds a row changed and
 * a row removed behind the sink's back, and its repair restores them.
 */
@ExtendWith(SandboxExtension.class)
class TableSinkIT {

    @TempDir
    Path dir;

    @Test
    void aSecondDatabaseFollowsTheSourceRowByRowAndReplaysChangeNothing() throws Exception {
        SqlServer target = TestEnv.sandbox().mysql();
        String copy = TestEnv.unique("copy");
        try (Connection c = TestEnv.root(target, ""); Statement st = c.createStatement()) {
            DemoSchema.create(c, copy);
            for (String table : DemoSchema.TABLES) {
                st.execute("ALTER TABLE `" + copy + "`." + table + " ADD COLUMN _mysync_seq BIGINT NOT NULL DEFAULT 0");
            }
        }
        String sink = "  mysql_table:\n    url: mysql://root@127.0.0.1:" + target.port() + "/" + copy + "\n"
                + "    password: " + SqlServer.PASSWORD + "\n"
                + "    ssl: { mode: verify_identity, ca: " + TestEnv.sandbox().certificates().caCertificate() + " }\n";
        ShopFixture shop = new ShopFixture(TestEnv.sandbox().mariadb(), dir).withConfig(yaml -> yaml
                .replace("sinks:\n", "sinks:\n" + sink)
                .replace("    redis: { key:", "    mysql_table: { table: \"{table}\" }\n    redis: { key:"));

        try (Pipeline pipeline = new Pipeline(shop.config, true, Set.of("mysql_table"), true).start()) {
            try (Connection db = TestEnv.root(shop.server, shop.database); Statement st = db.createStatement()) {
                DemoWorkload workload = new DemoWorkload(db, shop.database);
                workload.run(800, n -> { });
                assertThat(workload.keyChanges()).isPositive();
                db.setAutoCommit(false);
                st.execute("INSERT INTO customers (id, name, balance, created_at) VALUES "
                        + "(900001, 'Txn One', 1.00, '2024-01-01 00:00:00'), "
                        + "(900002, 'Txn Two', 2.00, '2024-01-01 00:00:00')");
                st.execute("UPDATE customers SET id = 900003 WHERE id = 900002");
                st.execute("UPDATE customers SET name = 'Txn Three', notes = NULL WHERE id = 900003");
                st.execute("DELETE FROM customers WHERE id = 900001");
                db.commit();
                st.execute("TRUNCATE TABLE orders");
                st.execute("INSERT INTO orders (id, customer_id, sku, qty, total, state, placed_on, flags, placed_year)"
                        + " VALUES (18446744073709551615, 1, 'sku-1', 2, 12345678901.25, 'paid', '2026-12-07',"
                        + " b'10100101', 2026)");
                db.commit();
            }
            awaitCaughtUp(shop, shop.config);
            assertThat(pipeline.fatal()).isNull();
            assertCopyEqualsSource(shop, target, copy);
            assertThat(TableRows.rows(target, copy, "orders")).as("the TRUNCATE removed the older orders").hasSize(1);

            // verify: a value changed and a row removed in the copy are found, and repaired
            TestEnv.execute(target, copy, "UPDATE customers SET name = 'Eve' WHERE id = 900003",
                    "DELETE FROM products ORDER BY sku LIMIT 1");
            CliRun found = CliRun.of("verify", "--config", shop.configFile.toString(), "--sinks", "mysql_table");
            assertThat(found.code()).as(found.out() + found.err()).isEqualTo(1);
            assertThat(found.out()).contains("differs in name").contains("missing in products");
            assertThat(found.out().lines().filter(l -> l.startsWith("  mysql_table ")).count())
                    .as("exactly the two rows changed behind the sink's back: %s", found.out()).isEqualTo(2);
            CliRun repair = CliRun.of("verify", "--config", shop.configFile.toString(), "--sinks", "mysql_table",
                    "--repair");
            assertThat(repair.code()).as(repair.out() + repair.err()).isZero();
            awaitCaughtUp(shop, shop.config);
            assertCopyEqualsSource(shop, target, copy);
        }
        String seqs = TestEnv.sandbox().mysql().sql("SELECT SUM(_mysync_seq), COUNT(*) FROM `" + copy + "`.customers");

        // replay: a new consumer group applies every topic from offset 0 to the populated copy
        Path replayConfig = dir.resolve("replay.yaml");
        Files.writeString(replayConfig, Files.readString(shop.configFile)
                .replace("writer:\n", "writer:\n  group: replay.{source}.{sink}\n"));
        MySyncConfig replay = ConfigLoader.load(replayConfig);
        try (Pipeline writerOnly = new Pipeline(replay, false, Set.of("mysql_table"), true).start()) {
            // no reader runs now, and other tests keep writing to the server: wait for what the reader published
            CatchUp.await(replay, shop.checkpoints(), shop.checkpoints().load(shop.sourceId).orElseThrow().position(),
                    "mysql_table", Duration.ofMinutes(2));
            assertThat(writerOnly.writer().workers().get(0).appliedEvents()).isGreaterThan(800);
            assertThat(writerOnly.fatal()).isNull();
        }
        assertCopyEqualsSource(shop, target, copy);
        assertThat(TestEnv.sandbox().mysql().sql("SELECT SUM(_mysync_seq), COUNT(*) FROM `" + copy
                + "`.customers")).as("no row went back to an older change").isEqualTo(seqs);
    }

    private static void awaitCaughtUp(ShopFixture shop, MySyncConfig config) throws Exception {
        try (Connection c = TestEnv.root(shop.server, "")) {
            CatchUp.await(config, shop.checkpoints(), CatchUp.sourceEnd(c), "mysql_table", Duration.ofMinutes(2));
        }
    }

    private static void assertCopyEqualsSource(ShopFixture shop, SqlServer target, String copy) throws Exception {
        TableRows.assertEqual(shop.server, shop.database, target, copy);
    }
}
