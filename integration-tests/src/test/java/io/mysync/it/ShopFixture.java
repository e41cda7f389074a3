package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.dev.demo.DemoSchema;
import io.mysync.runtime.verify.CatchUp;
import io.mysync.dev.compare.ComparisonResult;
import io.mysync.dev.compare.RedisComparison;
import io.mysync.common.position.CheckpointStore;
import io.mysync.common.position.Position;
import io.mysync.config.model.MySyncConfig;
import io.mysync.reader.ReaderCheckpoints;
import io.mysync.sandbox.server.SqlServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.UnifiedJedis;

/** The demo shop schema in a test's own database, with its config, catch-up and row-by-row comparison. */
final class ShopFixture {

    final SqlServer server;
    final String database;
    final String sourceId;
    final Path configFile;
    final MySyncConfig config;

    ShopFixture(SqlServer server, Path dir) throws Exception {
        this.server = server;
        this.database = TestEnv.unique("shop");
        this.sourceId = TestEnv.unique("src");
        Position start = TestEnv.endOfBinlog(server);
        try (Connection c = TestEnv.root(server, "")) {
            DemoSchema.create(c, database);
        }
        this.configFile = TestEnv.config(dir, server, sourceId, database, TestEnv.SHOP, start);
        this.config = TestEnv.load(configFile);
    }

    private ShopFixture(ShopFixture same, MySyncConfig config) {
        this(same, same.server, config);
    }

    private ShopFixture(ShopFixture same, SqlServer server, MySyncConfig config) {
        this.server = server;
        this.database = same.database;
        this.sourceId = same.sourceId;
        this.configFile = same.configFile;
        this.config = config;
    }

    /** The same database and source, with the config file rewritten by {@code edit} and loaded again. */
    ShopFixture withConfig(java.util.function.UnaryOperator<String> edit) throws Exception {
        java.nio.file.Files.writeString(configFile, edit.apply(java.nio.file.Files.readString(configFile)));
        return new ShopFixture(this, TestEnv.load(configFile));
    }

    /** The same database and source on another server, e.g. the promoted replica after a failover. */
    ShopFixture on(SqlServer other) {
        return new ShopFixture(this, other, config);
    }

    /** The reader's checkpoint store: the file, or the Kafka checkpoint topic with exactly-once delivery. */
    CheckpointStore checkpoints() {
        return ReaderCheckpoints.open(config);
    }

    /** Waits until Redis has applied everything the source committed until now. */
    void awaitCaughtUp(Duration timeout) throws Exception {
        Position end;
        try (Connection c = TestEnv.root(server, "")) {
            end = CatchUp.sourceEnd(c);
        }
        CatchUp.await(config, checkpoints(), end, "redis", timeout);
    }

    /** Compares every row of every table with the sandbox's Redis and asserts they are equal. */
    ComparisonResult assertRedisEqualsSource() throws Exception {
        try (UnifiedJedis redis = new UnifiedJedis(new HostAndPort("127.0.0.1", TestEnv.sandbox().redis().port()))) {
            return assertRedisEqualsSource(redis);
        }
    }

    /** Compares every row of every table with Redis (a server, a Sentinel master, a cluster) and asserts equality. */
    ComparisonResult assertRedisEqualsSource(UnifiedJedis redis) throws Exception {
        ComparisonResult total = new ComparisonResult(0, 0, 0, java.util.List.of());
        try (Connection c = TestEnv.root(server, database)) {
            for (String table : DemoSchema.TABLES) {
                total = total.plus(RedisComparison.compare(c, redis, config.mappingOf(database, table).orElseThrow(),
                        database, table));
            }
        }
        assertThat(total.clean()).as(total.toString()).isTrue();
        assertThat(total.rowsChecked()).isGreaterThan(0);
        return total;
    }
}
