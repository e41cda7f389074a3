package io.mysync.dev.bench;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * What Redis itself takes: rows shaped like one the writer stored (same fields and values), written with no
 * MySync code and no compare-and-set in between as plain pipelined {@code HSET}s, one pipeline per writer batch,
 * under keys of their own. Ids come in a scrambled order and repeat after {@code distinctIds} like the bench's rows.
 *
 * @param rowsPerSecond rows acknowledged per second
 * @param cpuMicrosPerRow the Redis server's CPU per row (its one command thread)
 */
public record RedisCeiling(double rowsPerSecond, double cpuMicrosPerRow) {

    public static RedisCeiling measure(int port, String sampleKey, String keyPrefix, long rows, long distinctIds,
                                       int batch) {
        RedisCpu cpu = new RedisCpu(port);
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            Map<byte[], byte[]> shape = jedis.hgetAll(sampleKey.getBytes(StandardCharsets.UTF_8));
            if (shape.isEmpty()) {
                throw new IllegalStateException(sampleKey + " holds no row to shape the ceiling run after");
            }
            double cpuBefore = cpu.seconds();
            long start = System.nanoTime();
            for (long from = 0; from < rows; from += batch) {
                Pipeline pipeline = jedis.pipelined();
                for (long n = from; n < Math.min(rows, from + batch); n++) {
                    pipeline.hset((keyPrefix + BenchIds.scrambled(n, distinctIds)).getBytes(StandardCharsets.UTF_8),
                            shape);
                }
                pipeline.sync();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new RedisCeiling(rows / seconds, (cpu.seconds() - cpuBefore) * 1e6 / rows);
        }
    }
}
