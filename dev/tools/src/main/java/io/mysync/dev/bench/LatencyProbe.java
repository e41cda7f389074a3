package io.mysync.dev.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Measures commit-to-visible latency with Redis keyspace notifications: the workload records when each row's
 * transaction committed, the probe when the row's key was written in Redis.
 */
public final class LatencyProbe implements AutoCloseable {

    private final Map<String, Long> committedAt = new ConcurrentHashMap<>();
    private final List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
    private final JedisPubSub subscriber;
    private final Thread thread;

    public LatencyProbe(int redisPort, String keyPrefix) throws InterruptedException {
        try (Jedis admin = new Jedis("127.0.0.1", redisPort)) {
            admin.configSet("notify-keyspace-events", "Kh");
        }
        String channelPrefix = "__keyspace@0__:";
        this.subscriber = new JedisPubSub() {
            @Override
            public void onPMessage(String pattern, String channel, String message) {
                long now = System.nanoTime();
                if ("hset".equals(message)) {
                    Long committed = committedAt.remove(channel.substring(channelPrefix.length()));
                    if (committed != null) {
                        latenciesMicros.add((now - committed) / 1000);
                    }
                }
            }
        };
        this.thread = new Thread(() -> {
            try (Jedis jedis = new Jedis("127.0.0.1", redisPort)) {
                jedis.psubscribe(subscriber, channelPrefix + keyPrefix + "*");
            }
        }, "latency-probe");
        thread.setDaemon(true);
        thread.start();
        Thread.sleep(300); // let the subscription register before rows arrive
    }

    public void committed(String key, long nanoTime) {
        committedAt.put(key, nanoTime);
    }

    public int samples() {
        return latenciesMicros.size();
    }

    /** Latency at quantile q (0..1) in milliseconds. */
    public double quantileMillis(double q) {
        List<Long> sorted;
        synchronized (latenciesMicros) {
            sorted = new ArrayList<>(latenciesMicros);
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size()))) / 1000.0;
    }

    @Override
    public void close() {
        subscriber.punsubscribe();
    }
}
