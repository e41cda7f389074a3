package io.mysync.writer.redis;

import io.mysync.config.model.StoreTls;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Duration;
import java.util.Optional;

/**
 * Connection to Redis; see {@link RedisConfigKeys}.
 *
 * @param username the ACL user; empty: the default user (password alone)
 * @param tls          used when the nodes are {@code rediss://}
 * @param waitReplicas replicas that confirm each batch before it counts as applied (cluster and Sentinel only)
 */
@RecordBuilder
public record RedisSinkConfig(RedisServers servers, Optional<String> username, String password, StoreTls tls,
                              Duration timeout, Duration tombstoneTtl, String seqPrefix, int waitReplicas) {

    public RedisSinkConfig(String url, String password, Duration timeout, Duration tombstoneTtl, String seqPrefix) {
        this(RedisServers.standalone(url), Optional.empty(), password, StoreTls.defaults(), timeout, tombstoneTtl,
                seqPrefix, 0);
    }

    /** Replicas to wait for after each batch: none on a single server. */
    public int replicasToWait() {
        return servers.topology() == RedisServers.Topology.STANDALONE ? 0 : waitReplicas;
    }

    public boolean usesTls() {
        return servers.usesTls();
    }
}
