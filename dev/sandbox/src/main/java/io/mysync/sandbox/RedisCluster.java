package io.mysync.sandbox;

import io.mysync.sandbox.server.RedisNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import redis.clients.jedis.Jedis;

/**
 * A Redis Cluster of three masters with one replica each, six redis-server processes on consecutive ports, started
 * fresh for a test and joined by {@code redis-cli --cluster create}. {@link #failover} promotes a replica the way
 * an operator's {@code CLUSTER FAILOVER} does.
 */
public final class RedisCluster implements AutoCloseable {

    private static final int NODES = 6;
    private static final int BUS_OFFSET = 100;

    private final List<RedisNode> nodes;

    RedisCluster(SandboxLayout layout, int firstPort) {
        this.nodes = IntStream.range(0, NODES).mapToObj(i -> new RedisNode("redis-cluster-" + (i + 1), firstPort + i,
                List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                        "--cluster-port", Integer.toString(firstPort + BUS_OFFSET + i), // not port+10000: ephemeral range
                        "--cluster-node-timeout", "2000", "--save", "", "--appendonly", "no"), layout)).toList();
    }

    public List<RedisNode> nodes() {
        return nodes;
    }

    /** Seed node URLs, as {@code sinks.redis.cluster} takes them. */
    public List<String> seeds() {
        return nodes.subList(0, 3).stream().map(RedisNode::url).toList();
    }

    /** Wipes every node, starts them and creates the cluster (slots split over three masters, a replica each). */
    public RedisCluster start() throws Exception {
        for (RedisNode node : nodes) {
            node.stop();
            DataDirs.wipe(node.dataDir());
            node.start();
        }
        List<String> create = new ArrayList<>(List.of("/usr/bin/redis-cli", "--cluster", "create"));
        nodes.forEach(node -> create.add(node.endpoint()));
        create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        Process process = new ProcessBuilder(create).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("redis-cli --cluster create failed:\n" + output);
        }
        awaitHealthy(60);
        return this;
    }

    /** Waits until every node sees all 16,384 slots served and three masters with a replica each. */
    public void awaitHealthy(int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String last = "";
        while (System.nanoTime() < deadline) {
            boolean ok = true;
            for (RedisNode node : nodes) {
                try (Jedis jedis = node.client()) {
                    last = node.name() + ": " + jedis.clusterInfo().replace("\r\n", " ");
                    ok &= last.contains("cluster_state:ok") && last.contains("cluster_slots_ok:16384")
                            && last.contains("cluster_known_nodes:6");
                } catch (Exception e) {
                    ok = false;
                    last = node.name() + ": " + e.getMessage();
                }
            }
            if (ok && masters().size() == 3) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the Redis cluster did not become healthy within " + seconds + " s: " + last);
    }

    /** The nodes that are masters now. */
    public List<RedisNode> masters() {
        List<RedisNode> masters = new ArrayList<>();
        for (RedisNode node : nodes) {
            try (Jedis jedis = node.client()) {
                if (jedis.role().get(0).toString().equals("master")) {
                    masters.add(node);
                }
            } catch (Exception e) {
                // a node that does not answer is no master
            }
        }
        return masters;
    }

    /**
     * Promotes the replica of the master that serves {@code slot} with {@code CLUSTER FAILOVER} (the old master
     * becomes its replica) and waits until the cluster is healthy again.
     *
     * @return the node that is master now
     */
    public RedisNode failover(int slot) throws Exception {
        for (RedisNode node : nodes) {
            try (Jedis jedis = node.client()) {
                if (!jedis.role().get(0).toString().equals("slave")) {
                    continue;
                }
                String masterId = replicaOf(jedis);
                if (servesSlot(masterId, slot)) {
                    jedis.clusterFailover();
                    long deadline = System.nanoTime() + 30_000_000_000L;
                    while (!jedis.role().get(0).toString().equals("master")) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException(node.name() + " did not take over within 30 s");
                        }
                        Thread.sleep(100);
                    }
                    awaitHealthy(60);
                    return node;
                }
            }
        }
        throw new IllegalStateException("no replica serves slot " + slot);
    }

    private static String replicaOf(Jedis replica) {
        for (String line : replica.clusterNodes().split("\n")) {
            if (line.contains("myself")) {
                return line.split(" ")[3];
            }
        }
        throw new IllegalStateException("CLUSTER NODES names no 'myself'");
    }

    private boolean servesSlot(String masterId, int slot) {
        try (Jedis jedis = nodes.get(0).client()) {
            for (String line : jedis.clusterNodes().split("\n")) {
                String[] fields = line.split(" ");
                if (!fields[0].equals(masterId)) {
                    continue;
                }
                for (int i = 8; i < fields.length; i++) {
                    String[] range = fields[i].split("-");
                    if (range[0].startsWith("[")) {
                        continue;
                    }
                    int from = Integer.parseInt(range[0]);
                    int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                    if (slot >= from && slot <= to) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Override
    public void close() throws Exception {
        for (RedisNode node : nodes) {
            node.stop();
        }
    }
}
