package io.mysync.writer.redis;

import io.mysync.config.model.Credentials;
import java.util.List;
import java.util.Optional;

/**
 * Where the Redis sink writes: one server, a Redis Cluster (seed nodes) or the master that Sentinels name.
 *
 * @param nodes          URLs: the server, the cluster's seed nodes or the Sentinels, all redis:// or all rediss://
 * @param master         the Sentinels' name of the master; empty otherwise
 * @param sentinelLogin  the Sentinels' own login, when they require one
 */
public record RedisServers(Topology topology, List<String> nodes, String master,
                           Optional<Credentials> sentinelLogin) {

    public enum Topology { STANDALONE, CLUSTER, SENTINEL }

    public RedisServers {
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("no Redis node given");
        }
    }

    public static RedisServers standalone(String url) {
        return new RedisServers(Topology.STANDALONE, List.of(url), "", Optional.empty());
    }

    public static RedisServers cluster(List<String> seeds) {
        return new RedisServers(Topology.CLUSTER, seeds, "", Optional.empty());
    }

    public static RedisServers sentinel(String master, List<String> sentinels, Optional<Credentials> login) {
        return new RedisServers(Topology.SENTINEL, sentinels, master, login);
    }

    public boolean usesTls() {
        return nodes.get(0).startsWith("rediss://");
    }

    /** For messages: {@code redis://h:6379}, {@code cluster [redis://h:7001, ...]}, {@code master 'm' of ...}. */
    public String describe() {
        return switch (topology) {
            case STANDALONE -> nodes.get(0);
            case CLUSTER -> "cluster " + nodes;
            case SENTINEL -> "master '" + master + "' of Sentinels " + nodes;
        };
    }
}
