package io.mysync.sandbox.server;

import io.mysync.sandbox.ProcessServer;
import io.mysync.sandbox.SandboxLayout;
import java.util.List;
import redis.clients.jedis.Jedis;

/** Redis from Debian's package, in the foreground so the sandbox owns its PID; nothing persisted. */
public final class RedisServer extends ProcessServer {

    public RedisServer(int port, SandboxLayout layout) {
        super("redis", port, layout);
    }

    @Override
    protected void prepare() {
        // no files: Redis keeps the sandbox's data in memory only
    }

    @Override
    protected List<String> command() {
        return List.of("/usr/bin/redis-server", "--port", Integer.toString(port()), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir().toString());
    }

    @Override
    protected boolean answers() {
        try (Jedis jedis = new Jedis("127.0.0.1", port(), 1000)) {
            return "PONG".equals(jedis.ping());
        } catch (Exception e) {
            return false;
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port();
    }
}
