package io.mysync.writer.redis;

import io.mysync.common.event.ChangeEvent;
import io.mysync.common.spi.PoisonEventException;
import io.mysync.common.spi.RetriableSinkException;
import io.mysync.common.spi.Sink;
import io.mysync.common.spi.SinkException;
import io.mysync.config.model.RedisSinkConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Applies batches to Redis in one pipeline of script calls. The script compares the event's seq with the key's
 * stored seq and writes only newer changes, so redelivered and stale events change nothing.
 */
public final class RedisSink implements Sink {

    public static final String NAME = "redis";

    private final RedisSinkConfig config;
    private final RedisRowEncoder encoder;
    private final byte[] seqPrefix;
    private final byte[] script;
    private Jedis jedis;
    private byte[] scriptSha;

    RedisSink(RedisSinkConfig config, RedisRowEncoder encoder) {
        this.config = config;
        this.encoder = encoder;
        this.seqPrefix = config.seqPrefix().getBytes(StandardCharsets.UTF_8);
        this.script = loadScript();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void apply(List<ChangeEvent> batch) throws SinkException {
        List<RedisCommand> commands = new ArrayList<>(batch.size());
        List<ChangeEvent> sources = new ArrayList<>(batch.size());
        for (ChangeEvent event : batch) {
            Optional<RedisCommand> command = encoder.encode(event, seqPrefix, config.tombstoneTtl());
            if (command.isPresent()) {
                commands.add(command.get());
                sources.add(event);
            }
        }
        if (commands.isEmpty()) {
            return;
        }
        try {
            run(commands, sources);
        } catch (JedisNoScriptException e) {
            scriptSha = null; // the server restarted and lost the script: load it again, retry once
            try {
                run(commands, sources);
            } catch (JedisException again) {
                throw retriable(again);
            }
        } catch (JedisConnectionException e) {
            throw retriable(e);
        }
    }

    private void run(List<RedisCommand> commands, List<ChangeEvent> sources) throws PoisonEventException {
        Jedis connection = connection();
        Pipeline pipeline = connection.pipelined();
        List<Response<Object>> responses = new ArrayList<>(commands.size());
        for (RedisCommand command : commands) {
            responses.add(pipeline.evalsha(scriptSha, command.keys(), command.args()));
        }
        pipeline.sync();
        for (int i = 0; i < responses.size(); i++) {
            try {
                responses.get(i).get();
            } catch (JedisNoScriptException | JedisConnectionException e) {
                throw e;
            } catch (JedisDataException e) {
                ChangeEvent event = sources.get(i);
                throw new PoisonEventException(event, "Redis rejected seq " + event.getSeq() + " of "
                        + event.getDatabase() + "." + event.getTable() + " at key "
                        + new String(commands.get(i).keys().get(0), StandardCharsets.UTF_8) + ": " + e.getMessage()
                        + " (does another program write a different type under this key?)", e);
            }
        }
    }

    private Jedis connection() {
        if (jedis == null || !jedis.isConnected() || jedis.isBroken()) {
            closeQuietly();
            URI uri = URI.create(config.url());
            DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis((int) config.timeout().toMillis())
                    .socketTimeoutMillis((int) config.timeout().toMillis())
                    .ssl("rediss".equals(uri.getScheme()))
                    .clientName("mysync-writer");
            if (!config.password().isEmpty()) {
                client.password(config.password());
            }
            String path = uri.getPath();
            if (path != null && path.length() > 1) {
                client.database(Integer.parseInt(path.substring(1)));
            }
            jedis = new Jedis(new HostAndPort(uri.getHost(), uri.getPort()), client.build());
            scriptSha = null;
        }
        if (scriptSha == null) {
            scriptSha = jedis.scriptLoad(script);
        }
        return jedis;
    }

    private RetriableSinkException retriable(JedisException e) {
        closeQuietly();
        return new RetriableSinkException("Redis at " + config.url() + " is unavailable: " + e.getMessage(), e);
    }

    private void closeQuietly() {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException ignored) {
                // the connection is being replaced anyway
            }
            jedis = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private static byte[] loadScript() {
        try (InputStream in = RedisSink.class.getResourceAsStream("apply.lua")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("apply.lua missing from the writer jar", e);
        }
    }
}
