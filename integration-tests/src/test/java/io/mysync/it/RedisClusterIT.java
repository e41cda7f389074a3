package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mysync.dev.demo.DemoWorkload;
import io.mysync.runtime.Pipeline;
import io.mysync.sandbox.RedisCluster;
import io.mysync.sandbox.RedisSentinels;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.sandbox.server.RedisNode;
import io.mysync.writer.redis.RedisKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The Redis sink on a real three-master Redis Cluster and on a Sentinel-managed master, each with a replica
 * promoted while the workload runs: the stores equal the source row by row afterwards, every row's seq key sits in
 * its row's slot, and a TRUNCATE removes the table's keys from every master.
 */
@ExtendWith(SandboxExtension.class)
class RedisClusterIT {

    @TempDir
    Path dir;

    @Test
    void clusterFollowsAFailoverUnderLoadAndTruncateSweepsEveryMaster() throws Exception {
        try (RedisCluster cluster = TestEnv.sandbox().redisCluster().start()) {
            String url = "    url: " + TestEnv.sandbox().redis().url() + "\n";
            ShopFixture shop = new ShopFixture(TestEnv.sandbox().mariadb(), dir).withConfig(yaml -> yaml.replace(
                    url, "    cluster: [ " + String.join(", ", cluster.seeds()) + " ]\n"));
            try (Pipeline pipeline = new Pipeline(shop.config, true, Set.of(), true).start()) {
                CompletableFuture<Long> writes = workload(shop, 3000);
                var worker = pipeline.writer().workers().get(0);
                await("events flow before the failover").atMost(Duration.ofSeconds(30))
                        .until(() -> worker.appliedEvents() > 300);
                int slot = JedisClusterCRC16.getSlot(shop.sourceId + ":customers:1");
                RedisNode promoted = cluster.failover(slot);
                writes.get();
                shop.awaitCaughtUp(Duration.ofMinutes(2));
                assertThat(pipeline.fatal()).isNull();

                try (JedisCluster redis = new JedisCluster(seeds(cluster), DefaultJedisClientConfig.builder().build())) {
                    shop.assertRedisEqualsSource(redis);
                    assertThat(cluster.masters()).as("the promoted replica serves its slots").contains(promoted);
                    Set<RedisNode> holding = new HashSet<>();
                    for (RedisNode master : cluster.masters()) {
                        List<String> keys = keys(master, shop.sourceId + ":*");
                        if (!keys.isEmpty()) {
                            holding.add(master);
                        }
                        for (String key : keys) {
                            String seqKey = RedisKeys.seqKey("__mysync:seq:", key);
                            assertThat(redis.exists(seqKey)).as("%s has its seq key %s", key, seqKey).isTrue();
                            assertThat(JedisClusterCRC16.getSlot(seqKey)).isEqualTo(JedisClusterCRC16.getSlot(key));
                        }
                    }
                    assertThat(holding).as("the rows are spread over all three masters").hasSize(3);
                }

                TestEnv.execute(shop.server, shop.database, "TRUNCATE TABLE orders");
                shop.awaitCaughtUp(Duration.ofMinutes(1));
                assertThat(pipeline.fatal()).isNull();
                for (RedisNode master : cluster.masters()) {
                    assertThat(keys(master, shop.sourceId + ":orders:*")).as("orders keys left on %s after TRUNCATE",
                            master.name()).isEmpty();
                }
                try (JedisCluster redis = new JedisCluster(seeds(cluster), DefaultJedisClientConfig.builder().build())) {
                    shop.assertRedisEqualsSource(redis);
                }
            }
        }
    }

    @Test
    void sentinelMasterSwitchUnderLoadLosesNothing() throws Exception {
        try (RedisSentinels sentinels = TestEnv.sandbox().redisSentinels().start()) {
            String url = "    url: " + TestEnv.sandbox().redis().url() + "\n";
            ShopFixture shop = new ShopFixture(TestEnv.sandbox().mariadb(), dir).withConfig(yaml -> yaml.replace(
                    url, "    sentinel:\n      master: " + RedisSentinels.MASTER_NAME
                            + "\n      nodes: [ " + String.join(", ", sentinels.sentinelUrls()) + " ]\n"));
            try (Pipeline pipeline = new Pipeline(shop.config, true, Set.of(), true).start()) {
                CompletableFuture<Long> writes = workload(shop, 3000);
                var worker = pipeline.writer().workers().get(0);
                await("events flow before the failover").atMost(Duration.ofSeconds(30))
                        .until(() -> worker.appliedEvents() > 300);
                RedisNode before = sentinels.currentMaster();
                RedisNode after = sentinels.failover();
                assertThat(after).isNotEqualTo(before);
                writes.get();
                shop.awaitCaughtUp(Duration.ofMinutes(2));
                assertThat(pipeline.fatal()).isNull();
            }
            Set<HostAndPort> nodes = sentinels.sentinelUrls().stream()
                    .map(node -> HostAndPort.from(node.substring("redis://".length()))).collect(Collectors.toSet());
            try (JedisSentineled redis = new JedisSentineled(RedisSentinels.MASTER_NAME,
                    DefaultJedisClientConfig.builder().build(), nodes, DefaultJedisClientConfig.builder().build())) {
                assertThat(redis.getCurrentMaster().getPort()).isEqualTo(sentinels.currentMaster().port());
                shop.assertRedisEqualsSource(redis);
            }
        }
    }

    private static CompletableFuture<Long> workload(ShopFixture shop, long changes) {
        return CompletableFuture.supplyAsync(() -> {
            try (Connection db = TestEnv.root(shop.server, shop.database)) {
                return new DemoWorkload(db, shop.database).atRate(600).run(changes, n -> { });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Set<HostAndPort> seeds(RedisCluster cluster) {
        return cluster.seeds().stream().map(url -> HostAndPort.from(url.substring("redis://".length())))
                .collect(Collectors.toSet());
    }

    /** The keys one node holds that match {@code pattern} (its own SCAN, not the cluster's). */
    private static List<String> keys(RedisNode node, String pattern) {
        List<String> keys = new java.util.ArrayList<>();
        try (Jedis jedis = node.client()) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                var page = jedis.scan(cursor, new ScanParams().match(pattern).count(1000));
                keys.addAll(page.getResult());
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        return keys.stream().filter(k -> !k.startsWith("__mysync:")).toList();
    }
}
