package io.mysync.dev.bench;

import redis.clients.jedis.Jedis;

/**
 * The Redis server's own CPU time (user + system, from {@code INFO cpu}). Redis executes commands on one thread, so
 * the CPU it spends per applied row bounds any writer's rate: at most one second of it per second.
 */
public final class RedisCpu {

    private final int port;

    public RedisCpu(int port) {
        this.port = port;
    }

    /** @return seconds of CPU the server has used since it started */
    public double seconds() {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            double total = 0;
            for (String line : jedis.info("cpu").split("\r?\n")) {
                if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
                    total += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return total;
        }
    }
}
