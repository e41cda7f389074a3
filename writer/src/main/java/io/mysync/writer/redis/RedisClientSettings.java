package io.mysync.writer.redis;

import io.mysync.common.tls.PemTls;
import io.mysync.config.model.RedisSinkConfig;
import io.mysync.config.model.StoreTls;
import java.net.URI;
import javax.net.ssl.SSLParameters;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/** The Jedis settings of {@code sinks.redis}: timeouts, the ACL user and password, the database, TLS. */
final class RedisClientSettings {

    private RedisClientSettings() {
    }

    static HostAndPort address(RedisSinkConfig config) {
        URI uri = URI.create(config.url());
        return new HostAndPort(uri.getHost(), uri.getPort());
    }

    static JedisClientConfig of(RedisSinkConfig config) {
        URI uri = URI.create(config.url());
        int timeout = (int) config.timeout().toMillis();
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeout).socketTimeoutMillis(timeout).clientName("mysync-writer");
        config.username().ifPresent(client::user);
        if (!config.password().isEmpty()) {
            client.password(config.password());
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            client.database(Integer.parseInt(path.substring(1)));
        }
        if (config.usesTls()) {
            StoreTls tls = config.tls();
            client.ssl(true).sslSocketFactory(PemTls.context(tls.ca(), tls.certificate(), tls.key(), true)
                    .getSocketFactory());
            if (tls.verifyHostname()) {
                SSLParameters parameters = new SSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the JDK checks the certificate's names
                client.sslParameters(parameters);
            }
        }
        return client.build();
    }
}
