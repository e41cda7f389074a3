package io.mysync.writer.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * The two Lua scripts the sink runs by EVALSHA: {@code apply.lua} (a run of row changes, each written only when its
 * seq is newer than the key's) and {@code truncate.lua} (a table's keys older than a TRUNCATE removed).
 */
final class RedisScripts {

    private static final Logger LOG = LoggerFactory.getLogger(RedisScripts.class);

    private final byte[] apply = load("apply.lua");
    private final byte[] applySha = sha1(apply);
    private final byte[] truncate = load("truncate.lua");
    private final byte[] truncateSha = sha1(truncate);

    byte[] applySha() {
        return applySha;
    }

    byte[] truncateSha() {
        return truncateSha;
    }

    /** SCRIPT LOAD of both on the server, or on every master of a cluster that answers. */
    void loadOn(UnifiedJedis client) {
        if (client instanceof JedisCluster nodes) {
            for (ConnectionPool node : nodes.getClusterNodes().values()) {
                try (var connection = node.getResource()) {
                    Jedis jedis = new Jedis(connection);
                    jedis.scriptLoad(apply);
                    jedis.scriptLoad(truncate);
                } catch (JedisConnectionException e) {
                    LOG.debug("Redis node not reachable for SCRIPT LOAD; the calls it serves will load them", e);
                }
            }
        } else {
            client.scriptLoad(SafeEncoder.encode(apply));
            client.scriptLoad(SafeEncoder.encode(truncate));
        }
    }

    private static byte[] load(String name) {
        try (InputStream in = RedisScripts.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException(name + " missing from the Redis store's jar", e);
        }
    }

    /** The script's SHA-1 in hex, as EVALSHA takes it (Redis computes the same on SCRIPT LOAD). */
    private static byte[] sha1(byte[] script) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1").digest(script))
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
