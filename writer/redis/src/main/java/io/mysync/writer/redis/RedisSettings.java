package io.mysync.writer.redis;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.load.ConfigProblem;
import io.mysync.config.load.ConfigValues;
import io.mysync.config.load.PairCheck;
import io.mysync.config.model.Credentials;
import io.mysync.config.model.StoreTls;
import io.mysync.config.model.StoreTlsBuilder;
import io.mysync.config.store.StoreSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads {@code sinks.redis} and the mappings' {@code redis:} sections ({@link RedisConfigKeys}). */
public final class RedisSettings implements StoreSettings<RedisSinkConfig, RedisMapping> {

    /** The store, for typed lookups: {@code config.sink(REDIS)}, {@code mapping.options(REDIS)}. */
    public static final RedisSettings REDIS = new RedisSettings();

    @Override
    public String name() {
        return RedisSink.NAME;
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return RedisConfigKeys.ALL;
    }

    @Override
    public List<ConfigKey<String>> rowTemplates() {
        return List.of(RedisConfigKeys.KEY);
    }

    @Override
    public boolean holdsJoinedDocuments() {
        return true;
    }

    @Override
    public List<ConfigKey<String>> files() {
        return List.of(RedisConfigKeys.SSL_CA, RedisConfigKeys.SSL_CERT, RedisConfigKeys.SSL_KEY);
    }

    @Override
    public void check(ConfigValues v, List<ConfigProblem> problems) {
        RedisServersCheck.check(v, problems);
        String url = v.get(RedisConfigKeys.URL);
        List<String> nodes = v.get(RedisConfigKeys.CLUSTER);
        List<String> sentinels = v.get(RedisConfigKeys.SENTINEL_NODES);
        boolean tls = url == null || nodes == null || sentinels == null || url.startsWith("rediss://")
                || nodes.stream().anyMatch(n -> n.startsWith("rediss://"))
                || sentinels.stream().anyMatch(n -> n.startsWith("rediss://"));
        for (ConfigKey<String> key : files()) {
            if (!tls && !v.get(key).isBlank()) {
                problems.add(new ConfigProblem(v.file(), v.lineOf(key.path()), key.path(), key.path()
                        + " is set but the Redis nodes are redis://, which does not use TLS: write rediss://"));
            }
        }
        PairCheck.both(v, problems, RedisConfigKeys.SSL_CERT, RedisConfigKeys.SSL_KEY, "a client certificate");
    }

    @Override
    public RedisSinkConfig sink(ConfigValues v, Path base) {
        StoreTls tls = StoreTlsBuilder.builder()
                .ca(v.path(RedisConfigKeys.SSL_CA, -1, base))
                .certificate(v.path(RedisConfigKeys.SSL_CERT, -1, base))
                .key(v.path(RedisConfigKeys.SSL_KEY, -1, base))
                .verifyHostname(v.get(RedisConfigKeys.SSL_VERIFY_HOSTNAME))
                .build();
        return RedisSinkConfigBuilder.builder()
                .servers(servers(v))
                .username(v.text(RedisConfigKeys.USERNAME))
                .password(v.get(RedisConfigKeys.PASSWORD))
                .tls(tls)
                .timeout(v.get(RedisConfigKeys.TIMEOUT))
                .tombstoneTtl(v.get(RedisConfigKeys.TOMBSTONE_TTL))
                .seqPrefix(v.get(RedisConfigKeys.SEQ_PREFIX))
                .waitReplicas(v.get(RedisConfigKeys.WAIT_REPLICAS))
                .build();
    }

    @Override
    public RedisMapping mapping(ConfigValues v, int index, Path base) {
        return new RedisMapping(v.get(RedisConfigKeys.KEY, index), v.get(RedisConfigKeys.TYPE, index),
                v.get(RedisConfigKeys.TTL, index));
    }

    private static RedisServers servers(ConfigValues v) {
        if (!v.get(RedisConfigKeys.CLUSTER).isEmpty()) {
            return RedisServers.cluster(v.get(RedisConfigKeys.CLUSTER));
        }
        if (!v.get(RedisConfigKeys.SENTINEL_MASTER).isEmpty()) {
            String user = v.get(RedisConfigKeys.SENTINEL_USERNAME);
            String password = v.get(RedisConfigKeys.SENTINEL_PASSWORD);
            return RedisServers.sentinel(v.get(RedisConfigKeys.SENTINEL_MASTER), v.get(RedisConfigKeys.SENTINEL_NODES),
                    user.isEmpty() && password.isEmpty() ? Optional.empty()
                            : Optional.of(new Credentials(user, password)));
        }
        return RedisServers.standalone(v.get(RedisConfigKeys.URL));
    }
}
