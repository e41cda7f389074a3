package io.mysync.dev.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Measures commit-to-visible latency with Redis keyspace notifications: the workload records when each row's
 * transaction committed, the probe when the row's key was written in Redis.
 */
public final class LatencyProbe implements VisibilityProbe {

    private final Map<String, Long> committedAt = new ConcurrentHashMap<>();
    private final Latencies latencies = new Latencies();
    private volatile long lastVisible;
    private final JedisPubSub subscriber;
    private final Thread thread;

    private final String keyPrefix;

    public LatencyProbe(int redisPort, String keyPrefix) throws InterruptedException {
        this.keyPrefix = keyPrefix;
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
                        latencies.add(now - committed);
                        lastVisible = now;
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

    @Override
    public void committed(long id, long nanoTime) {
        committedAt.put(keyPrefix + id, nanoTime);
    }

    @Override
    public Latencies latencies() {
        return latencies;
    }

    @Override
    public int pending() {
        return committedAt.size();
    }

    @Override
    public long lastVisibleNanos() {
        return lastVisible;
    }

    @Override
    public void close() {
        subscriber.punsubscribe();
    }
}
