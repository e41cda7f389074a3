package io.mysync.sandbox.server;

import io.mysync.sandbox.ProcessServer;
import io.mysync.sandbox.SandboxCertificates;
import io.mysync.sandbox.SandboxLayout;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * Redis from Debian's package, in the foreground so the sandbox owns its PID; nothing persisted. Plaintext on
 * {@link #port()}, TLS with the sandbox's certificates on {@link #tlsPort()} (client certificates optional).
 */
public final class RedisServer extends ProcessServer {

    private final int tlsPort;

    public RedisServer(int port, int tlsPort, SandboxLayout layout) {
        super("redis", port, layout);
        this.tlsPort = tlsPort;
    }

    @Override
    protected void prepare() throws Exception {
        new SandboxCertificates(layout).ensure(); // nothing else: Redis keeps the sandbox's data in memory only
    }

    @Override
    protected List<String> command() {
        SandboxCertificates tls = new SandboxCertificates(layout);
        return List.of("/usr/bin/redis-server", "--port", Integer.toString(port()), "--bind", "127.0.0.1",
                "--tls-port", Integer.toString(tlsPort), "--tls-cert-file", tls.serverCertificate().toString(),
                "--tls-key-file", tls.serverKey().toString(), "--tls-ca-cert-file", tls.caCertificate().toString(),
                "--tls-auth-clients", "optional",
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

    public int tlsPort() {
        return tlsPort;
    }

    /** The TLS port as {@code sinks.redis.url} takes it. */
    public String tlsUrl() {
        return "rediss://127.0.0.1:" + tlsPort;
    }

    /**
     * Creates (or resets) an ACL user that may run what the writer runs on keys matching {@code keyPatterns} only,
     * as a production Redis would limit MySync.
     */
    public void aclUser(String user, String password, List<String> keyPatterns) {
        try (Jedis jedis = new Jedis("127.0.0.1", port(), 5000)) {
            List<String> rules = new java.util.ArrayList<>(List.of("reset", "on", ">" + password,
                    "+@read", "+@write", "+@scripting", "+@connection", "+@keyspace", "-@dangerous"));
            keyPatterns.forEach(pattern -> rules.add("~" + pattern));
            jedis.aclSetUser(user, rules.toArray(String[]::new));
        }
    }
}
