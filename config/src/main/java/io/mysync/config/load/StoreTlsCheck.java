package io.mysync.config.load;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.keys.ElasticsearchKeys;
import io.mysync.config.keys.WriterKeys;
import java.util.List;

/** The stores' TLS and login settings that only make sense together. */
final class StoreTlsCheck {

    private StoreTlsCheck() {
    }

    static void check(ConfigValues v, List<ConfigProblem> problems) {
        if (v.hasSection("sinks.redis")) {
            String url = v.get(WriterKeys.REDIS_URL); // null when invalid, reported already
            List<String> nodes = v.get(WriterKeys.REDIS_CLUSTER);
            List<String> sentinels = v.get(WriterKeys.REDIS_SENTINEL_NODES);
            boolean tls = url == null || nodes == null || sentinels == null || url.startsWith("rediss://")
                    || nodes.stream().anyMatch(n -> n.startsWith("rediss://"))
                    || sentinels.stream().anyMatch(n -> n.startsWith("rediss://"));
            for (ConfigKey<String> key : List.of(WriterKeys.REDIS_SSL_CA, WriterKeys.REDIS_SSL_CERT,
                    WriterKeys.REDIS_SSL_KEY)) {
                if (!tls && !v.get(key).isBlank()) {
                    problems.add(problem(v, key, key.path() + " is set but the Redis nodes are redis://, which "
                            + "does not use TLS: write rediss://"));
                }
            }
            PairCheck.both(v, problems, WriterKeys.REDIS_SSL_CERT, WriterKeys.REDIS_SSL_KEY, "a client certificate");
        }
        if (v.hasSection("sinks.elasticsearch")) {
            if (!v.get(ElasticsearchKeys.API_KEY).isBlank() && !v.get(ElasticsearchKeys.USERNAME).isBlank()) {
                problems.add(problem(v, ElasticsearchKeys.API_KEY, "sinks.elasticsearch.api_key and username are "
                        + "both set: give one way to log in"));
            }
            if (!v.get(ElasticsearchKeys.SSL_CA).isBlank()
                    && !v.get(ElasticsearchKeys.SSL_CA_FINGERPRINT).isBlank()) {
                problems.add(problem(v, ElasticsearchKeys.SSL_CA_FINGERPRINT, "sinks.elasticsearch.ssl.ca and "
                        + "ssl.ca_fingerprint are both set: trust the CA file or the fingerprint, not both"));
            }
            List<String> hosts = v.get(ElasticsearchKeys.HOSTS); // null when invalid, reported already
            boolean https = hosts == null || hosts.stream().allMatch(h -> h.startsWith("https://"));
            for (ConfigKey<String> key : List.of(ElasticsearchKeys.SSL_CA, ElasticsearchKeys.SSL_CA_FINGERPRINT)) {
                if (!https && !v.get(key).isBlank()) {
                    problems.add(problem(v, key, key.path() + " is set but not every host is https://: "
                            + "write https:// URLs"));
                }
            }
        }
    }

    private static ConfigProblem problem(ConfigValues v, ConfigKey<?> key, String message) {
        return new ConfigProblem(v.file(), v.lineOf(key.path()), key.path(), message);
    }
}
