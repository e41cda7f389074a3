package io.mysync.sandbox.server;

import io.mysync.sandbox.ProcessServer;
import io.mysync.sandbox.SandboxLayout;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * One Redis process of a cluster or a Sentinel setup: Debian's redis-server in the foreground, nothing persisted,
 * with the role's own options (cluster mode, replica of, or a Sentinel's config file).
 */
public final class RedisNode extends ProcessServer {

    private final List<String> options;

    public RedisNode(String name, int port, List<String> options, SandboxLayout layout) {
        super(name, port, layout);
        this.options = List.copyOf(options);
    }

    @Override
    protected void prepare() {
        // nothing: a Sentinel's config file is written by its set before the start
    }

    @Override
    protected List<String> command() {
        List<String> command = new ArrayList<>(List.of("/usr/bin/redis-server"));
        command.addAll(options);
        command.addAll(List.of("--port", Integer.toString(port()), "--bind", "127.0.0.1", "--daemonize", "no",
                "--dir", dir().toString()));
        return command;
    }

    @Override
    protected boolean answers() {
        try (Jedis jedis = client()) {
            return "PONG".equals(jedis.ping());
        } catch (Exception e) {
            return false;
        }
    }

    public String url() {
        return "redis://127.0.0.1:" + port();
    }

    /** A plain connection to this node (the caller closes it). */
    public Jedis client() {
        return new Jedis("127.0.0.1", port(), 2000);
    }
}
