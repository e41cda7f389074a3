package io.mysync.writer.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.writer.api.PoisonEventException;
import io.mysync.writer.api.RowVerifier;
import io.mysync.writer.api.StoredFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Reads each row's key in one pipeline and compares it with the apply script's arguments for the row: a hash holds
 * exactly the row's fields, a JSON value is the row's object, a deleted row's key is gone.
 */
final class RedisRowVerifier implements RowVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisSinkConfig config;
    private final RedisRowEncoder encoder;
    private final byte[] seqPrefix;
    private final UnifiedJedis redis;

    RedisRowVerifier(RedisSinkConfig config, RedisRowEncoder encoder) {
        this.config = config;
        this.encoder = encoder;
        this.seqPrefix = config.seqPrefix().getBytes(StandardCharsets.UTF_8);
        this.redis = RedisClientSettings.connect(config);
    }

    @Override
    public List<String> differences(List<ChangeEvent> rows) {
        List<Optional<RedisCommand>> expected = new ArrayList<>(rows.size());
        List<Response<?>> stored = new ArrayList<>(rows.size());
        try (PipelineBase pipeline = redis.pipelined()) {
            for (ChangeEvent row : rows) {
                Optional<RedisCommand> command = encode(row);
                expected.add(command);
                if (command.isEmpty()) {
                    stored.add(null);
                } else {
                    byte[] key = command.get().keys().get(0);
                    stored.add(kind(command.get()).equals("hash") ? pipeline.hgetAll(key) : pipeline.get(key));
                }
            }
            pipeline.sync();
        }
        List<String> differences = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Response<?> response = stored.get(i);
            differences.add(expected.get(i).map(c -> difference(c, response == null ? null : response.get()))
                    .orElse(null));
        }
        return differences;
    }

    @Override
    public boolean maps(String database, String table) {
        return encoder.templateOf(database, table).isPresent();
    }

    @Override
    public String locationOf(ChangeEvent row) {
        return encode(row).map(c -> new String(c.keys().get(0), StandardCharsets.UTF_8)).orElse("(not mapped)");
    }

    private Optional<RedisCommand> encode(ChangeEvent row) {
        try {
            return encoder.encode(row, seqPrefix, config.tombstoneTtl());
        } catch (PoisonEventException e) {
            throw new IllegalArgumentException("the sink cannot write " + row.getDatabase() + "." + row.getTable()
                    + " either: " + e.getMessage(), e);
        }
    }

    private static String kind(RedisCommand command) {
        return new String(command.args().get(1), StandardCharsets.US_ASCII);
    }

    /** @return null when Redis holds what the command writes */
    private static String difference(RedisCommand command, Object stored) {
        switch (kind(command)) {
            case "del" -> {
                return stored == null || stored instanceof Map<?, ?> m && m.isEmpty() ? null
                        : "the row is gone from the source but its key is still in Redis";
            }
            case "hash" -> {
                @SuppressWarnings("unchecked")
                Map<byte[], byte[]> hash = (Map<byte[], byte[]>) stored;
                Map<String, byte[]> expected = new LinkedHashMap<>();
                List<byte[]> args = command.args();
                for (int i = 5; i + 1 < args.size(); i += 2) {
                    expected.put(new String(args.get(i), StandardCharsets.UTF_8), args.get(i + 1));
                }
                Map<String, byte[]> actual = null;
                if (hash != null && !hash.isEmpty()) {
                    actual = new LinkedHashMap<>();
                    for (Map.Entry<byte[], byte[]> field : hash.entrySet()) {
                        actual.put(new String(field.getKey(), StandardCharsets.UTF_8), field.getValue());
                    }
                }
                return StoredFields.difference("Redis", expected, actual);
            }
            default -> { // json
                byte[] value = (byte[]) stored;
                if (value == null) {
                    return "missing in Redis";
                }
                JsonNode actual = parse(value);
                JsonNode expected = parse(command.args().get(5));
                return expected.equals(actual) ? null : "'" + text(value) + "' but the row is '"
                        + text(command.args().get(5)) + "'";
            }
        }
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text(json));
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        redis.close();
    }
}
