package io.mysync.writer.redis;

import io.mysync.common.tls.PemTls;
import io.mysync.config.model.Credentials;
import io.mysync.config.model.StoreTls;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLParameters;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;

/**
 * The Jedis client of {@code sinks.redis}: one server, a cluster or a Sentinel-managed master, with the timeouts,
 * the ACL user and password, the database and TLS.
 */
final class RedisClientSettings {

    private RedisClientSettings() {
    }

    /** A client for the configured servers; a cluster client discovers the nodes and follows slot moves. */
    static UnifiedJedis connect(RedisSinkConfig config) {
        RedisServers servers = config.servers();
        JedisClientConfig client = of(config, config.username(), Optional.of(config.password()), database(config));
        return switch (servers.topology()) {
            case STANDALONE -> new JedisPooled(address(servers.nodes().get(0)), client);
            case CLUSTER -> new JedisCluster(addresses(servers), client);
            case SENTINEL -> new JedisSentineled(servers.master(), client, addresses(servers),
                    of(config, servers.sentinelLogin().map(Credentials::username).filter(u -> !u.isEmpty()),
                            servers.sentinelLogin().map(Credentials::password), 0));
        };
    }

    private static Set<HostAndPort> addresses(RedisServers servers) {
        return servers.nodes().stream().map(RedisClientSettings::address).collect(Collectors.toSet());
    }

    private static HostAndPort address(String url) {
        URI uri = URI.create(url);
        return new HostAndPort(uri.getHost(), uri.getPort());
    }

    private static int database(RedisSinkConfig config) {
        String path = URI.create(config.servers().nodes().get(0)).getPath();
        return path != null && path.length() > 1 ? Integer.parseInt(path.substring(1)) : 0;
    }

    private static JedisClientConfig of(RedisSinkConfig config, Optional<String> user, Optional<String> password,
                                        int database) {
        int timeout = (int) config.timeout().toMillis();
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeout).socketTimeoutMillis(timeout).clientName("mysync-writer")
                .database(database);
        user.ifPresent(client::user);
        password.filter(p -> !p.isEmpty()).ifPresent(client::password);
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
