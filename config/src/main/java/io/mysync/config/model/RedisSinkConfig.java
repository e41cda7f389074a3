package io.mysync.config.model;

import java.time.Duration;
import java.util.Optional;

/**
 * Connection to Redis; see {@code WriterKeys}.
 *
 * @param username the ACL user; empty: the default user (password alone)
 * @param tls      used when the URL is {@code rediss://}
 */
public record RedisSinkConfig(String url, Optional<String> username, String password, StoreTls tls,
                              Duration timeout, Duration tombstoneTtl, String seqPrefix) {

    public RedisSinkConfig(String url, String password, Duration timeout, Duration tombstoneTtl, String seqPrefix) {
        this(url, Optional.empty(), password, StoreTls.defaults(), timeout, tombstoneTtl, seqPrefix);
    }

    public boolean usesTls() {
        return url.startsWith("rediss://");
    }
}
