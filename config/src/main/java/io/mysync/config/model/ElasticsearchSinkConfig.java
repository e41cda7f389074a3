package io.mysync.config.model;

import java.time.Duration;
import java.util.List;

/** Connection to Elasticsearch; see {@code ElasticsearchKeys}. */
public record ElasticsearchSinkConfig(List<String> hosts, String username, String password, int bulkActions,
                                      int concurrentRequests, Duration flushInterval, Duration timeout, int indexShards, int indexReplicas,
                                      Duration tombstoneTtl) {
}
