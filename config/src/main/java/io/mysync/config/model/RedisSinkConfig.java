package io.mysync.config.model;

import java.time.Duration;

/** Connection to Redis; see {@code WriterKeys}. */
public record RedisSinkConfig(String url, String password, Duration timeout, Duration tombstoneTtl,
                             String seqPrefix) {
}
