package io.mysync.config.model;

import java.time.Duration;
import java.util.Optional;

/**
 * Connection to Redis; see {@code WriterKeys}.
 *
 * @param username the ACL user; empty: the default user (password alone)
 * @param tls      used when the nodes are {@code rediss://}
 */
public record RedisSinkConfig(RedisServers servers, Optional<String> username, String password, StoreTls tls,
                              Duration timeout, Duration tombstoneTtl, String seqPrefix) {

    public RedisSinkConfig(String url, String password, Duration timeout, Duration tombstoneTtl, String seqPrefix) {
        this(RedisServers.standalone(url), Optional.empty(), password, StoreTls.defaults(), timeout, tombstoneTtl,
                seqPrefix);
    }

    public boolean usesTls() {
        return servers.usesTls();
    }
}
