package io.mysync.writer.redis;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.writer.api.PoisonEventException;
import io.mysync.writer.api.RetriableSinkException;
import io.mysync.writer.api.StoreRefusedException;
import io.mysync.writer.api.SinkException;
import io.mysync.writer.api.RowChangeSink;
import io.mysync.writer.api.mapping.TemplateKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.ScanIteration;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.resps.ScanResult;

/**
 * Applies batches to Redis in one pipeline of script calls. The script compares the event's seq with the key's
 * stored seq and writes only newer changes, so redelivered and stale events change nothing. A row key and its seq
 * key share a hash slot ({@link RedisKeys}); in a cluster each script call holds the changes of one slot and the
 * pipeline sends each call to the slot's master. A TRUNCATE scans every master for the table's keys and deletes,
 * by a second script, those older than it.
 */
public final class RedisSink extends RowChangeSink {

    private static final Logger LOG = LoggerFactory.getLogger(RedisSink.class);

    public static final String NAME = "redis";

    private final RedisSinkConfig config;
    private final boolean cluster;
    private final RedisRowEncoder encoder;
    private final byte[] seqPrefix;
    private final RedisScripts scripts = new RedisScripts();
    private UnifiedJedis client;
    private boolean scriptsLoaded;
    private RedisClusterSlots slots; // a cluster's slot map, read again after any failure

    RedisSink(RedisSinkConfig config, RedisRowEncoder encoder) {
        super(NAME);
        this.config = config;
        this.cluster = config.servers().topology() == RedisServers.Topology.CLUSTER;
        this.encoder = encoder;
        this.seqPrefix = config.seqPrefix().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void applyRows(List<ChangeEvent> batch) throws SinkException {
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
        List<RedisScriptCall> calls = RedisScriptCall.of(commands, sources, cluster);
        try {
            run(calls);
        } catch (JedisAccessControlException e) {
            throw refused(e);
        } catch (JedisNoScriptException e) {
            scriptsLoaded = false; // a server restarted or a replica took over without the script: load, retry once
            try {
                run(calls);
            } catch (JedisAccessControlException again) {
                throw refused(again);
            } catch (JedisException again) {
                throw retriable(again);
            }
        } catch (JedisException e) {
            throw retriable(e); // connection lost, no node reachable, or an error reply a retry outlives
        }
    }

    /**
     * Every call in one pipeline, in a cluster one pipeline per master; each pipeline ends with a WAIT for the
     * configured replicas on the same connection, so the batch counts as applied only once they have it.
     */
    private void run(List<RedisScriptCall> calls) throws SinkException {
        UnifiedJedis redis = client();
        if (!(redis instanceof JedisCluster nodes)) {
            try (Pipeline pipeline = (Pipeline) redis.pipelined()) {
                runOn(pipeline, calls, redis, config.servers().describe());
            }
            return;
        }
        if (slots == null) {
            slots = RedisClusterSlots.read(nodes);
        }
        Map<String, List<RedisScriptCall>> byMaster = new LinkedHashMap<>();
        for (RedisScriptCall call : calls) {
            byMaster.computeIfAbsent(slots.masterOf(call.slot()), node -> new ArrayList<>()).add(call);
        }
        for (Map.Entry<String, List<RedisScriptCall>> master : byMaster.entrySet()) {
            ConnectionPool pool = master.getKey() == null ? null : nodes.getClusterNodes().get(master.getKey());
            if (pool == null) {
                throw new JedisClusterOperationException("no master known for slot "
                        + master.getValue().get(0).slot() + " (the cluster is changing)");
            }
            try (Connection connection = pool.getResource(); Pipeline pipeline = new Pipeline(connection)) {
                runOn(pipeline, master.getValue(), redis, master.getKey());
            }
        }
    }

    private void runOn(Pipeline pipeline, List<RedisScriptCall> calls, UnifiedJedis redis, String node)
            throws SinkException {
        List<Response<Object>> responses = new ArrayList<>(calls.size());
        for (RedisScriptCall call : calls) {
            responses.add(pipeline.evalsha(scripts.applySha(), call.keys(), call.args()));
        }
        int replicas = config.replicasToWait();
        Response<Long> confirmed = replicas > 0 ? pipeline.waitReplicas(replicas, config.timeout().toMillis()) : null;
        pipeline.sync();
        for (int i = 0; i < responses.size(); i++) {
            try {
                responses.get(i).get();
            } catch (JedisNoScriptException | JedisAccessControlException e) {
                throw e;
            } catch (JedisDataException e) {
                if (RedisErrors.passing(e)) {
                    throw e;
                }
                findPoison(redis, calls.get(i), e);
            }
        }
        if (confirmed != null && confirmed.get() < replicas) {
            closeQuietly();
            throw new RetriableSinkException("Redis at " + node + ": " + confirmed.get() + " of "
                    + replicas + " replicas confirmed the batch within " + config.timeout().toMillis()
                    + " ms (sinks.redis.wait_replicas); not committing it, retrying (a failover in progress, or "
                    + "fewer replicas than wait_replicas)", null);
        }
    }

    /**
     * Deletes the keys of the event's table (SCAN of every master with the key template as pattern) whose last
     * change is older than the TRUNCATE, leaving tombstones at its seq.
     */
    @Override
    protected void truncate(ChangeEvent event) throws SinkException {
        Optional<TemplateKey> template = encoder.templateOf(event.getDatabase(), event.getTable());
        if (template.isEmpty()) {
            return;
        }
        String table = event.getDatabase() + "." + event.getTable();
        String pattern = template.get().scope(event.getDatabase(), event.getTable(), RedisKeys::globLiteral, "*");
        if (pattern.startsWith("*")) {
            throw new PoisonEventException(event, "cannot remove the keys of " + table + " after '"
                    + event.getStatement() + "': its Redis key template " + template.get().template() + " starts "
                    + "with a column, so its keys cannot be told from other keys. Give the template a fixed prefix "
                    + "(order:{id}); delete the old keys by hand, or set on_truncate/on_drop: ignore", null);
        }
        List<byte[]> args = List.of(Long.toUnsignedString(event.getSeq()).getBytes(StandardCharsets.US_ASCII),
                Long.toString(Math.max(1, config.tombstoneTtl().toMillis())).getBytes(StandardCharsets.US_ASCII));
        try {
            UnifiedJedis redis = client();
            ScanIteration scan = redis.scanIteration(1000, pattern);
            long seen = 0;
            long deleted = 0;
            while (!scan.isIterationCompleted()) {
                ScanResult<String> page = scan.nextBatch();
                Map<Integer, List<byte[]>> bySlot = new LinkedHashMap<>();
                for (String key : page.getResult()) {
                    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
                    if (!RedisKeys.startsWith(bytes, seqPrefix)) {
                        List<byte[]> keys = bySlot.computeIfAbsent(cluster ? RedisKeys.slot(bytes) : 0,
                                s -> new ArrayList<>());
                        keys.add(bytes);
                        keys.add(RedisKeys.seqKey(seqPrefix, bytes));
                        seen++;
                    }
                }
                for (List<byte[]> keys : bySlot.values()) {
                    deleted += (Long) redis.evalsha(scripts.truncateSha(), keys, args);
                }
            }
            LOG.info("{} at seq {}: deleted {} of {} Redis keys matching {} (newer ones kept)", table,
                    event.getSeq(), deleted, seen, pattern);
        } catch (JedisNoScriptException e) {
            scriptsLoaded = false; // the retry loads the scripts again
            throw retriable(e);
        } catch (JedisAccessControlException e) {
            throw refused(e);
        } catch (JedisDataException e) {
            if (RedisErrors.passing(e)) {
                throw retriable(e);
            }
            throw new PoisonEventException(event, "Redis refused to remove the keys of " + table + ": "
                    + e.getMessage(), e);
        } catch (JedisException e) {
            throw retriable(e);
        }
    }

    /** A call failed: apply its changes one by one (harmless, the script skips what it applied) to name the culprit. */
    private void findPoison(UnifiedJedis redis, RedisScriptCall call, JedisDataException cause)
            throws PoisonEventException {
        for (int i = 0; i < call.commands().size(); i++) {
            RedisCommand command = call.commands().get(i);
            try {
                redis.evalsha(scripts.applySha(), command.keys(), command.args());
            } catch (JedisNoScriptException | JedisAccessControlException e) {
                throw e;
            } catch (JedisDataException e) {
                if (RedisErrors.passing(e)) {
                    throw e;
                }
                ChangeEvent event = call.sources().get(i);
                throw new PoisonEventException(event, "Redis rejected seq " + event.getSeq() + " of "
                        + event.getDatabase() + "." + event.getTable() + " at key "
                        + new String(command.keys().get(0), StandardCharsets.UTF_8) + ": " + e.getMessage()
                        + " (does another program write a different type under this key?)", e);
            }
        }
        throw new PoisonEventException(call.sources().get(0), "Redis rejected a run of changes: "
                + cause.getMessage(), cause);
    }

    @Override
    public void checkConnection() throws SinkException {
        try {
            client().ping();
        } catch (JedisAccessControlException e) {
            throw refused(e);
        } catch (JedisException e) {
            throw retriable(e);
        }
    }

    /** The client, made on first use and after a failure; the scripts loaded on every node that lacks them. */
    private UnifiedJedis client() {
        if (client == null) {
            client = RedisClientSettings.connect(config);
            scriptsLoaded = false;
        }
        if (!scriptsLoaded) {
            scripts.loadOn(client);
            scriptsLoaded = true;
        }
        return client;
    }

    private StoreRefusedException refused(JedisAccessControlException e) {
        closeQuietly();
        return RedisFailures.refused(config, e);
    }

    private RetriableSinkException retriable(JedisException e) {
        closeQuietly();
        return RedisFailures.retriable(config, e);
    }

    private void closeQuietly() {
        slots = null;
        if (client != null) {
            try {
                client.close();
            } catch (RuntimeException ignored) {
                // the client is being replaced anyway
            }
            client = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
