package io.mysync.writer.redis;

import io.mysync.common.tls.TlsFailure;
import io.mysync.writer.api.RetriableSinkException;
import io.mysync.writer.api.StoreRefusedException;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisException;

/** Redis's failures as the sink contract's: a login, an ACL or a certificate to fix, or a server to wait for. */
final class RedisFailures {

    private RedisFailures() {
    }

    /** WRONGPASS or NOPERM: the login or the user's ACL, to be fixed on the server or in the config. */
    static StoreRefusedException refused(RedisSinkConfig config, JedisAccessControlException e) {
        String user = config.username().orElse("default");
        return new StoreRefusedException("Redis at " + config.servers().describe() + " refused user '" + user
                + "': " + e.getMessage() + "; fix: check sinks.redis.username and sinks.redis.password, and that the "
                + "user's ACL allows EVALSHA, SCRIPT LOAD and SCAN on the mappings' key patterns and "
                + config.seqPrefix() + "* (ACL SETUSER ... ~pattern)", e);
    }

    /**
     * @throws StoreRefusedException when the connection failed on the certificate, which no retry fixes (a handshake
     *                               cut short stays retriable: a restarting server does that too)
     */
    static RetriableSinkException retriable(RedisSinkConfig config, JedisException e) {
        String where = "Redis at " + config.servers().describe();
        var tls = TlsFailure.of(e).filter(failure -> failure != TlsFailure.HANDSHAKE);
        if (tls.isPresent()) {
            throw new StoreRefusedException(tls.get().describe(where, "sinks.redis.ssl.*", e), e);
        }
        return new RetriableSinkException(where + " is unavailable: " + e.getMessage(), e);
    }
}
