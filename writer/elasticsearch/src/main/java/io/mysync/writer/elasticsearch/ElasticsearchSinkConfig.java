package io.mysync.writer.elasticsearch;

import io.mysync.config.model.StoreTls;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Connection to Elasticsearch; see {@link ElasticsearchConfigKeys}.
 *
 * @param hosts  node URLs, each possibly with the same path prefix
 * @param apiKey the encoded API key, instead of username and password
 */
@RecordBuilder
public record ElasticsearchSinkConfig(List<String> hosts, String username, String password, Optional<String> apiKey,
                                      StoreTls tls, int bulkActions, int concurrentRequests, Duration flushInterval,
                                      Duration timeout, int indexShards, int indexReplicas, Duration tombstoneTtl) {

    public ElasticsearchSinkConfig(List<String> hosts, String username, String password, int bulkActions,
                                   int concurrentRequests, Duration flushInterval, Duration timeout, int indexShards,
                                   int indexReplicas, Duration tombstoneTtl) {
        this(hosts, username, password, Optional.empty(), StoreTls.defaults(), bulkActions, concurrentRequests,
                flushInterval, timeout, indexShards, indexReplicas, tombstoneTtl);
    }
}
