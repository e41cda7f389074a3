package io.mysync.writer.redis;

import static io.mysync.writer.redis.RedisSettings.REDIS;

import io.mysync.writer.api.Sink;
import io.mysync.config.model.MySyncConfig;
import io.mysync.config.store.StoreSettings;
import io.mysync.writer.api.RowVerifier;
import io.mysync.writer.api.SinkFactory;
import java.util.Optional;

/** Creates the Redis sink from {@code sinks.redis} and the mappings' {@code redis:} sections. */
public final class RedisSinkFactory implements SinkFactory {

    @Override
    public StoreSettings<?, ?> settings() {
        return REDIS;
    }

    @Override
    public Optional<RowVerifier> verifier(MySyncConfig config) {
        return Optional.of(new RedisRowVerifier(config.sink(REDIS).orElseThrow(),
                RedisRowEncoder.forMappings(config.mappings())));
    }

    @Override
    public Sink create(MySyncConfig config) {
        return new RedisSink(config.sink(REDIS).orElseThrow(), RedisRowEncoder.forMappings(config.mappings()));
    }
}
