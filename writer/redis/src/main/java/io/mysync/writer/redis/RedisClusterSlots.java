package io.mysync.writer.redis;

import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Which master serves each slot, as {@code CLUSTER SLOTS} said when it was read: the sink sends each master its
 * calls and a WAIT on one connection. Stale after a failover or a resharding (the masters answer MOVED, and the
 * sink reads it again).
 */
final class RedisClusterSlots {

    private final String[] masterOfSlot = new String[16_384];

    private RedisClusterSlots() {
    }

    /** @throws JedisClusterOperationException when no known node answers */
    static RedisClusterSlots read(JedisCluster cluster) {
        JedisException last = null;
        for (ConnectionPool pool : cluster.getClusterNodes().values()) {
            try (Connection connection = pool.getResource()) {
                RedisClusterSlots slots = new RedisClusterSlots();
                for (Object range : new Jedis(connection).clusterSlots()) {
                    List<?> fields = (List<?>) range;
                    List<?> master = (List<?>) fields.get(2);
                    String node = new String((byte[]) master.get(0), StandardCharsets.UTF_8) + ":" + master.get(1);
                    for (int slot = ((Long) fields.get(0)).intValue(); slot <= (Long) fields.get(1); slot++) {
                        slots.masterOfSlot[slot] = node;
                    }
                }
                return slots;
            } catch (JedisException e) {
                last = e;
            }
        }
        throw new JedisClusterOperationException("no Redis Cluster node answered CLUSTER SLOTS", last);
    }

    /** The master's {@code host:port}, or null while no master serves the slot. */
    String masterOf(int slot) {
        return masterOfSlot[slot];
    }
}
