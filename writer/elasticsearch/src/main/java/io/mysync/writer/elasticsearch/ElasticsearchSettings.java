package io.mysync.writer.elasticsearch;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.load.ConfigProblem;
import io.mysync.config.load.ConfigValues;
import io.mysync.config.model.StoreTls;
import io.mysync.config.model.StoreTlsBuilder;
import io.mysync.config.store.StoreSettings;
import java.nio.file.Path;
import java.util.List;

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
    public boolean holdsJoinedDocuments() {
        return true;
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
        StoreTls tls = StoreTlsBuilder.builder()
                .ca(v.path(ElasticsearchConfigKeys.SSL_CA, -1, base))
                .caFingerprint(v.text(ElasticsearchConfigKeys.SSL_CA_FINGERPRINT))
                .verifyHostname(v.get(ElasticsearchConfigKeys.SSL_VERIFY_HOSTNAME))
                .build();
        return ElasticsearchSinkConfigBuilder.builder()
                .hosts(v.get(ElasticsearchConfigKeys.HOSTS))
                .username(v.get(ElasticsearchConfigKeys.USERNAME))
                .password(v.get(ElasticsearchConfigKeys.PASSWORD))
                .apiKey(v.text(ElasticsearchConfigKeys.API_KEY))
                .tls(tls)
                .bulkActions(v.get(ElasticsearchConfigKeys.BULK_ACTIONS))
                .concurrentRequests(v.get(ElasticsearchConfigKeys.CONCURRENT_REQUESTS))
                .flushInterval(v.get(ElasticsearchConfigKeys.FLUSH_INTERVAL))
                .timeout(v.get(ElasticsearchConfigKeys.TIMEOUT))
                .indexShards(v.get(ElasticsearchConfigKeys.INDEX_SHARDS))
                .indexReplicas(v.get(ElasticsearchConfigKeys.INDEX_REPLICAS))
                .tombstoneTtl(v.get(ElasticsearchConfigKeys.TOMBSTONE_TTL))
                .build();
    }

    @Override
    public ElasticsearchMapping mapping(ConfigValues v, int index, Path base) {
        return ElasticsearchMappingBuilder.builder()
                .index(v.get(ElasticsearchConfigKeys.INDEX, index))
                .id(v.get(ElasticsearchConfigKeys.ID, index))
                .mappingFile(v.path(ElasticsearchConfigKeys.MAPPING_FILE, index, base))
                .jsonObjects(v.get(ElasticsearchConfigKeys.JSON_OBJECTS, index))
                .decimals(v.get(ElasticsearchConfigKeys.DECIMALS, index))
                .build();
    }

    private static ConfigProblem problem(ConfigValues v, ConfigKey<?> key, String message) {
        return new ConfigProblem(v.file(), v.lineOf(key.path()), key.path(), message);
    }
}
