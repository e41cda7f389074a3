package io.mysync.writer.elasticsearch;

import static io.mysync.writer.elasticsearch.ElasticsearchSettings.ELASTICSEARCH;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mysync.writer.api.Sink;
import io.mysync.config.model.MySyncConfig;
import io.mysync.config.store.StoreSettings;
import io.mysync.writer.api.Batching;
import io.mysync.writer.api.RowVerifier;
import io.mysync.writer.api.SinkFactory;
import java.util.Optional;

/** Creates the Elasticsearch sink from {@code sinks.elasticsearch} and the mappings' {@code elasticsearch:}. */
public final class ElasticsearchSinkFactory implements SinkFactory {

    @Override
    public StoreSettings<?, ?> settings() {
        return ELASTICSEARCH;
    }

    @Override
    public Batching batching(MySyncConfig config) {
        ElasticsearchSinkConfig es = config.sink(ELASTICSEARCH).orElseThrow();
        return es.flushInterval().isZero() ? Batching.perPoll(config.writer().batchSize())
                : new Batching(es.bulkActions(), es.flushInterval());
    }

    @Override
    public Optional<RowVerifier> verifier(MySyncConfig config) {
        return Optional.of(new ElasticsearchRowVerifier(config.sink(ELASTICSEARCH).orElseThrow(), config.mappings()));
    }

    @Override
    public Sink create(MySyncConfig config) {
        ElasticsearchSinkConfig es = config.sink(ELASTICSEARCH).orElseThrow();
        ElasticsearchClient client = client(es);
        return new ElasticsearchSink(client, new EsIndices(client, es), es.bulkActions(), es.concurrentRequests(),
                config.mappings());
    }

    static ElasticsearchClient client(ElasticsearchSinkConfig es) {
        // exact decimals: BigDecimal as plain digits, never 1E+3
        ObjectMapper json = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        return new ElasticsearchClient(new RestClientTransport(EsClientSettings.restClient(es),
                new JacksonJsonpMapper(json)));
    }
}
