package io.mysync.sandbox;

import io.mysync.sandbox.server.RedisNode;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.IntStream;
import redis.clients.jedis.Jedis;

/**
 * A Redis master, its replica and three Sentinels watching them (quorum 2), started fresh for a test.
 * {@link #failover} asks the Sentinels to promote the replica, as they do on their own when the master fails.
 */
public final class RedisSentinels implements AutoCloseable {

    public static final String MASTER_NAME = "mysync-sandbox";

    private final RedisNode master;
    private final RedisNode replica;
    private final List<RedisNode> sentinels;

    RedisSentinels(SandboxLayout layout, int masterPort, int replicaPort, int firstSentinelPort) {
        List<String> data = List.of("--save", "", "--appendonly", "no");
        this.master = new RedisNode("redis-sentinel-master", masterPort, data, layout);
        this.replica = new RedisNode("redis-sentinel-replica", replicaPort, concat(data,
                List.of("--replicaof", "127.0.0.1", Integer.toString(masterPort))), layout);
        this.sentinels = IntStream.range(0, 3).mapToObj(i -> new RedisNode("redis-sentinel-" + (i + 1),
                firstSentinelPort + i, List.of(layout.dataOf("redis-sentinel-" + (i + 1)).resolve("sentinel.conf")
                .toString(), "--sentinel"), layout)).toList();
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    public List<RedisNode> servers() {
        return concat(List.of(master, replica), sentinels);
    }

    /** Sentinel URLs, as {@code sinks.redis.sentinel.nodes} takes them. */
    public List<String> sentinelUrls() {
        return sentinels.stream().map(RedisNode::url).toList();
    }

    /** Wipes and starts the master, the replica and the Sentinels; returns once the Sentinels see the replica. */
    public RedisSentinels start() throws Exception {
        for (RedisNode node : servers()) {
            node.stop();
            DataDirs.wipe(node.dataDir());
        }
        master.start();
        replica.start();
        for (RedisNode sentinel : sentinels) {
            Files.createDirectories(sentinel.dataDir());
            Files.writeString(sentinel.dataDir().resolve("sentinel.conf"), String.join("\n",
                    "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master.port() + " 2",
                    "sentinel down-after-milliseconds " + MASTER_NAME + " 2000",
                    "sentinel failover-timeout " + MASTER_NAME + " 10000",
                    "sentinel parallel-syncs " + MASTER_NAME + " 1", ""));
            sentinel.start();
        }
        await(60, "the Sentinels to see the replica and each other", () -> {
            try (Jedis sentinel = sentinels.get(0).client()) {
                var info = sentinel.sentinelMaster(MASTER_NAME);
                return "1".equals(String.valueOf(info.get("num-slaves")))
                        && "2".equals(String.valueOf(info.get("num-other-sentinels")));
            }
        });
        return this;
    }

    /** The node the Sentinels name as master now. */
    public RedisNode currentMaster() {
        try (Jedis sentinel = sentinels.get(0).client()) {
            int port = Integer.parseInt(sentinel.sentinelGetMasterAddrByName(MASTER_NAME).get(1));
            return port == master.port() ? master : replica;
        }
    }

    /** {@code SENTINEL FAILOVER}: the replica becomes master, the old master its replica; waits until done. */
    public RedisNode failover() throws Exception {
        RedisNode before = currentMaster();
        RedisNode after = before == master ? replica : master;
        try (Jedis sentinel = sentinels.get(0).client()) {
            sentinel.sentinelFailover(MASTER_NAME);
        }
        await(60, after.name() + " to be master", () -> {
            try (Jedis jedis = after.client()) {
                return currentMaster() == after && jedis.role().get(0).toString().equals("master");
            }
        });
        return after;
    }

    private interface Check {
        boolean done() throws Exception;
    }

    private static void await(int seconds, String what, Check check) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.done()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("waited " + seconds + " s for " + what, last);
    }

    @Override
    public void close() throws Exception {
        for (RedisNode sentinel : sentinels) {
            sentinel.stop();
        }
        replica.stop();
        master.stop();
    }
}
