package io.mysync.writer.elasticsearch;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.load.ConfigProblem;
import io.mysync.config.load.ConfigValues;
import io.mysync.config.model.StoreTls;
import io.mysync.config.store.StoreSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads {@code sinks.elasticsearch} and the mappings' {@code elasticsearch:} sections. */
public final class ElasticsearchSettings implements StoreSettings<ElasticsearchSinkConfig, ElasticsearchMapping> {

    /** The store, for typed lookups: {@code config.sink(ELASTICSEARCH)}. */
    public static final ElasticsearchSettings ELASTICSEARCH = new ElasticsearchSettings();

    @Override
    public String name() {
        return ElasticsearchSink.NAME;
    }

    @Override
    public List<ConfigKey<?>> keys() {
        return ElasticsearchConfigKeys.ALL;
    }

    @Override
    public List<ConfigKey<String>> rowTemplates() {
        return List.of(ElasticsearchConfigKeys.ID);
    }

    @Override
    public List<ConfigKey<String>> files() {
        return List.of(ElasticsearchConfigKeys.SSL_CA);
    }

    @Override
    public void check(ConfigValues v, List<ConfigProblem> problems) {
        if (!v.get(ElasticsearchConfigKeys.API_KEY).isBlank() && !v.get(ElasticsearchConfigKeys.USERNAME).isBlank()) {
            problems.add(problem(v, ElasticsearchConfigKeys.API_KEY, "sinks.elasticsearch.api_key and username are "
                    + "both set: give one way to log in"));
        }
        if (!v.get(ElasticsearchConfigKeys.SSL_CA).isBlank()
                && !v.get(ElasticsearchConfigKeys.SSL_CA_FINGERPRINT).isBlank()) {
            problems.add(problem(v, ElasticsearchConfigKeys.SSL_CA_FINGERPRINT, "sinks.elasticsearch.ssl.ca and "
                    + "ssl.ca_fingerprint are both set: trust the CA file or the fingerprint, not both"));
        }
        List<String> hosts = v.get(ElasticsearchConfigKeys.HOSTS); // null when invalid, reported already
        boolean https = hosts == null || hosts.stream().allMatch(h -> h.startsWith("https://"));
        for (ConfigKey<String> key : List.of(ElasticsearchConfigKeys.SSL_CA,
                ElasticsearchConfigKeys.SSL_CA_FINGERPRINT)) {
            if (!https && !v.get(key).isBlank()) {
                problems.add(problem(v, key, key.path() + " is set but not every host is https://: "
                        + "write https:// URLs"));
            }
        }
    }

    @Override
    public ElasticsearchSinkConfig sink(ConfigValues v, Path base) {
        StoreTls tls = new StoreTls(v.path(ElasticsearchConfigKeys.SSL_CA, -1, base),
                v.text(ElasticsearchConfigKeys.SSL_CA_FINGERPRINT), Optional.empty(), Optional.empty(),
                v.get(ElasticsearchConfigKeys.SSL_VERIFY_HOSTNAME));
        return new ElasticsearchSinkConfig(v.get(ElasticsearchConfigKeys.HOSTS),
                v.get(ElasticsearchConfigKeys.USERNAME), v.get(ElasticsearchConfigKeys.PASSWORD),
                v.text(ElasticsearchConfigKeys.API_KEY), tls, v.get(ElasticsearchConfigKeys.BULK_ACTIONS),
                v.get(ElasticsearchConfigKeys.CONCURRENT_REQUESTS), v.get(ElasticsearchConfigKeys.FLUSH_INTERVAL),
                v.get(ElasticsearchConfigKeys.TIMEOUT), v.get(ElasticsearchConfigKeys.INDEX_SHARDS),
                v.get(ElasticsearchConfigKeys.INDEX_REPLICAS), v.get(ElasticsearchConfigKeys.TOMBSTONE_TTL));
    }

    @Override
    public ElasticsearchMapping mapping(ConfigValues v, int index, Path base) {
        return new ElasticsearchMapping(v.get(ElasticsearchConfigKeys.INDEX, index),
                v.get(ElasticsearchConfigKeys.ID, index), v.path(ElasticsearchConfigKeys.MAPPING_FILE, index, base),
                v.get(ElasticsearchConfigKeys.JSON_OBJECTS, index), v.get(ElasticsearchConfigKeys.DECIMALS, index));
    }

    private static ConfigProblem problem(ConfigValues v, ConfigKey<?> key, String message) {
        return new ConfigProblem(v.file(), v.lineOf(key.path()), key.path(), message);
    }
}
