package io.mysync.writer.redis;

import io.mysync.common.event.ChangeEvent;
import io.mysync.common.spi.PoisonEventException;
import io.mysync.common.spi.RetriableSinkException;
import io.mysync.common.spi.StoreRefusedException;
import io.mysync.common.tls.TlsFailure;
import io.mysync.common.spi.Sink;
import io.mysync.common.spi.SinkException;
import io.mysync.config.model.RedisSinkConfig;
import io.mysync.writer.mapping.TemplateKey;
import io.mysync.writer.mapping.TruncateSegments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Applies batches to Redis in one pipeline of script calls. The script compares the event's seq with the key's
 * stored seq and writes only newer changes, so redelivered and stale events change nothing. A TRUNCATE scans the
 * table's keys and deletes, by a second script, those older than it.
 */
public final class RedisSink implements Sink {

    private static final Logger LOG = LoggerFactory.getLogger(RedisSink.class);

    public static final String NAME = "redis";
    private static final int CHANGES_PER_CALL = 50;

    private final RedisSinkConfig config;
    private final HostAndPort address;
    private final JedisClientConfig clientConfig; // TLS material read once, not on every reconnect
    private final RedisRowEncoder encoder;
    private final byte[] seqPrefix;
    private final byte[] script;
    private Jedis jedis;
    private byte[] scriptSha;
    private final byte[] truncateScript;
    private byte[] truncateSha;

    RedisSink(RedisSinkConfig config, RedisRowEncoder encoder) {
        this.config = config;
        this.address = RedisClientSettings.address(config);
        this.clientConfig = RedisClientSettings.of(config);
        this.encoder = encoder;
        this.seqPrefix = config.seqPrefix().getBytes(StandardCharsets.UTF_8);
        this.script = loadScript("apply.lua");
        this.truncateScript = loadScript("truncate.lua");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void apply(List<ChangeEvent> batch) throws SinkException {
        TruncateSegments.apply(batch, this::applyRows, this::truncate);
    }

    private void applyRows(List<ChangeEvent> batch) throws SinkException {
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
        } catch (JedisAccessControlException e) {
            throw refused(e);
        } catch (JedisNoScriptException e) {
            scriptSha = null; // the server restarted and lost the script: load it again, retry once
            try {
                run(commands, sources);
            } catch (JedisAccessControlException again) {
                throw refused(again);
            } catch (JedisException again) {
                throw retriable(again);
            }
        } catch (JedisConnectionException e) {
            throw retriable(e);
        }
    }

    /**
     * Deletes the keys of the event's table (SCAN with the key template as pattern) whose last change is older than
     * the TRUNCATE, leaving tombstones at its seq.
     */
    private void truncate(ChangeEvent event) throws SinkException {
        Optional<TemplateKey> template = encoder.templateOf(event.getDatabase(), event.getTable());
        if (template.isEmpty()) {
            return;
        }
        String table = event.getDatabase() + "." + event.getTable();
        String pattern = template.get().scope(event.getDatabase(), event.getTable(), RedisSink::globLiteral, "*");
        if (pattern.startsWith("*")) {
            throw new PoisonEventException(event, "cannot remove the keys of " + table + " after '"
                    + event.getStatement() + "': its Redis key template " + template.get().template() + " starts "
                    + "with a column, so its keys cannot be told from other keys. Give the template a fixed prefix "
                    + "(order:{id}); delete the old keys by hand, or set on_truncate/on_drop: ignore", null);
        }
        byte[] seq = Long.toUnsignedString(event.getSeq()).getBytes(StandardCharsets.US_ASCII);
        byte[] ttl = Long.toString(Math.max(1, config.tombstoneTtl().toMillis())).getBytes(StandardCharsets.US_ASCII);
        try {
            Jedis connection = connection();
            ScanParams page = new ScanParams().match(pattern).count(1000);
            String cursor = ScanParams.SCAN_POINTER_START;
            long seen = 0;
            long deleted = 0;
            do {
                ScanResult<String> keys = connection.scan(cursor, page);
                cursor = keys.getCursor();
                List<byte[]> scriptKeys = new ArrayList<>(keys.getResult().size() * 2);
                for (String key : keys.getResult()) {
                    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
                    if (!startsWith(bytes, seqPrefix)) {
                        scriptKeys.add(bytes);
                        scriptKeys.add(RedisRowEncoder.seqKey(seqPrefix, bytes));
                    }
                }
                seen += scriptKeys.size() / 2;
                if (!scriptKeys.isEmpty()) {
                    deleted += (Long) connection.evalsha(truncateSha, scriptKeys, List.of(seq, ttl));
                }
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
            LOG.info("{} at seq {}: deleted {} of {} Redis keys matching {} (newer ones kept)", table,
                    event.getSeq(), deleted, seen, pattern);
        } catch (JedisNoScriptException e) {
            scriptSha = null; // the server restarted and lost the scripts: the retry loads them again
            throw retriable(e);
        } catch (JedisConnectionException e) {
            throw retriable(e);
        } catch (JedisAccessControlException e) {
            throw refused(e);
        } catch (JedisDataException e) {
            throw new PoisonEventException(event, "Redis refused to remove the keys of " + table + ": "
                    + e.getMessage(), e);
        }
    }

    /** A literal part of a key as SCAN MATCH pattern text. */
    static String globLiteral(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** One script call per run of up to {@value #CHANGES_PER_CALL} changes, all calls in one pipeline. */
    private void run(List<RedisCommand> commands, List<ChangeEvent> sources) throws PoisonEventException {
        Jedis connection = connection();
        Pipeline pipeline = connection.pipelined();
        List<Response<Object>> responses = new ArrayList<>();
        for (int from = 0; from < commands.size(); from += CHANGES_PER_CALL) {
            responses.add(call(pipeline, commands.subList(from, Math.min(commands.size(), from + CHANGES_PER_CALL))));
        }
        pipeline.sync();
        for (int i = 0; i < responses.size(); i++) {
            try {
                responses.get(i).get();
            } catch (JedisNoScriptException | JedisConnectionException | JedisAccessControlException e) {
                throw e;
            } catch (JedisDataException e) {
                int from = i * CHANGES_PER_CALL;
                findPoison(connection, commands.subList(from, Math.min(commands.size(), from + CHANGES_PER_CALL)),
                        sources.subList(from, Math.min(sources.size(), from + CHANGES_PER_CALL)), e);
            }
        }
    }

    private Response<Object> call(Pipeline pipeline, List<RedisCommand> run) {
        List<byte[]> keys = new ArrayList<>(run.size() * 2);
        List<byte[]> args = new ArrayList<>(run.size() * 16);
        for (RedisCommand command : run) {
            keys.addAll(command.keys());
            args.addAll(command.args());
        }
        return pipeline.evalsha(scriptSha, keys, args);
    }

    /** A run failed: apply its changes one by one (harmless, the script skips what it applied) to name the culprit. */
    private void findPoison(Jedis connection, List<RedisCommand> run, List<ChangeEvent> sources, JedisDataException cause)
            throws PoisonEventException {
        for (int i = 0; i < run.size(); i++) {
            try {
                connection.evalsha(scriptSha, run.get(i).keys(), run.get(i).args());
            } catch (JedisNoScriptException | JedisConnectionException | JedisAccessControlException e) {
                throw e;
            } catch (JedisDataException e) {
                ChangeEvent event = sources.get(i);
                throw new PoisonEventException(event, "Redis rejected seq " + event.getSeq() + " of "
                        + event.getDatabase() + "." + event.getTable() + " at key "
                        + new String(run.get(i).keys().get(0), StandardCharsets.UTF_8) + ": " + e.getMessage()
                        + " (does another program write a different type under this key?)", e);
            }
        }
        throw new PoisonEventException(sources.get(0), "Redis rejected a run of changes: " + cause.getMessage(), cause);
    }

    @Override
    public void checkConnection() throws SinkException {
        try {
            connection().ping();
        } catch (JedisAccessControlException e) {
            throw refused(e);
        } catch (JedisException e) {
            throw retriable(e);
        }
    }

    private Jedis connection() {
        if (jedis == null || !jedis.isConnected() || jedis.isBroken()) {
            closeQuietly();
            jedis = new Jedis(address, clientConfig);
            scriptSha = null;
        }
        if (scriptSha == null) {
            scriptSha = jedis.scriptLoad(script);
            truncateSha = jedis.scriptLoad(truncateScript);
        }
        return jedis;
    }

    /** WRONGPASS or NOPERM: the login or the user's ACL, to be fixed on the server or in the config. */
    private StoreRefusedException refused(JedisAccessControlException e) {
        closeQuietly();
        String user = config.username().orElse("default");
        return new StoreRefusedException("Redis at " + config.url() + " refused user '" + user + "': "
                + e.getMessage() + "; fix: check sinks.redis.username and sinks.redis.password, and that the "
                + "user's ACL allows EVALSHA, SCRIPT LOAD and SCAN on the mappings' key patterns and "
                + config.seqPrefix() + "* (ACL SETUSER ... ~pattern)", e);
    }

    /**
     * @throws StoreRefusedException when the connection failed on the certificate, which no retry fixes (a handshake
     *                               cut short stays retriable: a restarting server does that too)
     */
    private RetriableSinkException retriable(JedisException e) {
        closeQuietly();
        var tls = TlsFailure.of(e).filter(failure -> failure != TlsFailure.HANDSHAKE);
        if (tls.isPresent()) {
            throw new StoreRefusedException(tls.get().describe("Redis at " + config.url(),
                    "sinks.redis.ssl.*", e), e);
        }
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

    private static byte[] loadScript(String name) {
        try (InputStream in = RedisSink.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException(name + " missing from the writer jar", e);
        }
    }
}
