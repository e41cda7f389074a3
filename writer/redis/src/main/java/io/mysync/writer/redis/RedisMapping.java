package io.mysync.writer.redis;

import java.time.Duration;

/** How one table's rows are stored in Redis. */
public record RedisMapping(String keyTemplate, RedisValueType type, Duration ttl) {
}
