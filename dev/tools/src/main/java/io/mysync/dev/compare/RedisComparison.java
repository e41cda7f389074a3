package io.mysync.dev.compare;

import static io.mysync.writer.redis.RedisSettings.REDIS;

import io.mysync.config.model.MappingConfig;
import io.mysync.writer.redis.RedisValueType;
import io.mysync.writer.api.StoredFields;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.PipelineBase;
import redis.clients.jedis.Response;
import redis.clients.jedis.ScanIteration;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Compares a mapped source table with Redis hashes row by row: every row's key holds exactly the row's columns and
 * values, and no key matching the template is left without a row.
 */
public final class RedisComparison {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]+)}");
    private static final int BATCH = 1_000;

    private RedisComparison() {
    }

    public static ComparisonResult compare(Connection db, Jedis redis, MappingConfig mapping, String database,
                                           String table) throws SQLException {
        return compare(db, new RedisReads() {
            @Override
            public PipelineBase pipeline() {
                return redis.pipelined();
            }

            @Override
            public void forEachKey(String pattern, Consumer<String> each) {
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    ScanResult<String> page = redis.scan(cursor, new ScanParams().match(pattern).count(1000));
                    page.getResult().forEach(each);
                    cursor = page.getCursor();
                } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            }

            @Override
            public String type(String key) {
                return redis.type(key);
            }
        }, mapping, database, table);
    }

    /** The same against any client: one server, a Sentinel-managed master or a cluster (every node scanned). */
    public static ComparisonResult compare(Connection db, UnifiedJedis redis, MappingConfig mapping, String database,
                                           String table) throws SQLException {
        return compare(db, new RedisReads() {
            @Override
            public PipelineBase pipeline() {
                return redis.pipelined();
            }

            @Override
            public void forEachKey(String pattern, Consumer<String> each) {
                ScanIteration scan = redis.scanIteration(1000, pattern);
                while (!scan.isIterationCompleted()) {
                    scan.nextBatch().getResult().forEach(each);
                }
            }

            @Override
            public String type(String key) {
                return redis.type(key);
            }
        }, mapping, database, table);
    }

    /** What the comparison reads from Redis, for a single connection and for the pooled and cluster clients. */
    private interface RedisReads {
        PipelineBase pipeline();

        void forEachKey(String pattern, Consumer<String> each);

        String type(String key);
    }

    private static ComparisonResult compare(Connection db, RedisReads redis, MappingConfig mapping, String database,
                                            String table) throws SQLException {
        if (mapping.options(REDIS).orElseThrow().type() != RedisValueType.HASH) {
            throw new IllegalArgumentException("row-by-row comparison covers hash mappings");
        }
        String template = mapping.options(REDIS).get().keyTemplate();
        long[] counts = new long[2];
        List<String> examples = new ArrayList<>();
        Set<String> expectedKeys = new HashSet<>();
        List<Pending> batch = new ArrayList<>(BATCH);
        PipelineBase[] pipeline = {redis.pipeline()};
        SourceRows.forEach(db, database, table, row -> {
            counts[0]++;
            Map<String, byte[]> expected = new LinkedHashMap<>();
            row.forEach((column, value) -> {
                if (mapping.copies(column)) {
                    expected.put(column, value);
                }
            });
            String key = key(template, database, table, row);
            expectedKeys.add(key);
            batch.add(new Pending(key, expected, pipeline[0].hgetAll(key.getBytes(StandardCharsets.UTF_8))));
            if (batch.size() == BATCH) {
                pipeline[0].sync();
                pipeline[0].close();
                check(batch, counts, examples);
                pipeline[0] = redis.pipeline();
            }
        });
        pipeline[0].sync();
        pipeline[0].close();
        check(batch, counts, examples);
        String pattern = PLACEHOLDER.matcher(template.replace("*", "\\*")
                .replace("{database}", database.replace("*", "\\*"))
                .replace("{table}", table.replace("*", "\\*"))).replaceAll("*");
        long[] extra = {0};
        redis.forEachKey(pattern, key -> {
            if (!expectedKeys.contains(key) && "hash".equals(redis.type(key))) {
                extra[0]++;
                if (examples.size() < 10) {
                    examples.add(key + ": in Redis but no such row in " + database + "." + table);
                }
            }
        });
        return new ComparisonResult(counts[0], counts[1], extra[0], examples);
    }

    /** A row read from the source and its key's hash, asked for in a pipeline of {@link #BATCH} requests. */
    private record Pending(String key, Map<String, byte[]> expected, Response<Map<byte[], byte[]>> stored) {
    }

    private static void check(List<Pending> batch, long[] counts, List<String> examples) {
        for (Pending p : batch) {
            String difference = difference(p.expected(), p.stored().get());
            if (difference != null) {
                counts[1]++;
                if (examples.size() < 10) {
                    examples.add(p.key() + ": " + difference);
                }
            }
        }
        batch.clear();
    }

    static String key(String template, String database, String table, Map<String, byte[]> row) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = switch (name) {
                case "database" -> database;
                case "table" -> table;
                default -> new String(row.get(name), StandardCharsets.UTF_8);
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String difference(Map<String, byte[]> expected, Map<byte[], byte[]> stored) {
        Map<String, byte[]> actual = null;
        if (!stored.isEmpty()) {
            actual = new LinkedHashMap<>();
            for (Map.Entry<byte[], byte[]> field : stored.entrySet()) {
                actual.put(new String(field.getKey(), StandardCharsets.UTF_8), field.getValue());
            }
        }
        return StoredFields.difference("Redis", expected, actual);
    }
}
