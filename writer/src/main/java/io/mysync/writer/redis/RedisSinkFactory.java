package io.mysync.writer.redis;

import io.mysync.common.spi.Sink;
import io.mysync.config.model.MySyncConfig;
import io.mysync.writer.RowVerifier;
import io.mysync.writer.SinkFactory;
import java.util.Optional;

/** Creates the Redis sink from {@code sinks.redis} and the mappings' {@code redis:} sections. */
public final class RedisSinkFactory implements SinkFactory {

    @Override
    public String name() {
        return RedisSink.NAME;
    }

    @Override
    public boolean configured(MySyncConfig config) {
        return config.redis().isPresent();
    }

    @Override
    public Optional<RowVerifier> verifier(MySyncConfig config) {
        return Optional.of(new RedisRowVerifier(config.redis().orElseThrow(),
                RedisRowEncoder.forMappings(config.mappings())));
    }

    @Override
    public Sink create(MySyncConfig config) {
        return new RedisSink(config.redis().orElseThrow(), RedisRowEncoder.forMappings(config.mappings()));
    }
}
