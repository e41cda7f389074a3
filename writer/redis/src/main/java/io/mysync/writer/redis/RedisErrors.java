package io.mysync.writer.redis;

import java.util.Set;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Which error replies a retry outlives, by Redis's error code (the reply's first word): slots moving or a cluster
 * without a quorum, a master just demoted to a replica (failover), a server loading its data or busy in a script.
 * Every other error reply is about the command itself, so about the event behind it.
 */
final class RedisErrors {

    private static final Set<String> PASSING = Set.of("MOVED", "ASK", "TRYAGAIN", "CLUSTERDOWN", "READONLY",
            "LOADING", "MASTERDOWN", "BUSY", "NOREPLICAS", "UNBLOCKED");

    private RedisErrors() {
    }

    static boolean passing(JedisDataException e) {
        return PASSING.contains(code(e.getMessage()));
    }

    static String code(String reply) {
        if (reply == null) {
            return "";
        }
        int space = reply.indexOf(' ');
        return space < 0 ? reply : reply.substring(0, space);
    }
}
