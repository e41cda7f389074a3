package io.mysync.writer.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mysync.common.event.ChangeEvent;
import io.mysync.common.spi.PoisonEventException;
import io.mysync.common.spi.RejectedEventsException;
import io.mysync.common.spi.RetriableSinkException;
import io.mysync.common.spi.Sink;
import io.mysync.common.spi.SinkException;
import io.mysync.config.model.ElasticsearchMapping;
import io.mysync.config.model.MappingConfig;
import io.mysync.writer.mapping.MappedChange;
import io.mysync.writer.mapping.MappingIndex;
import io.mysync.writer.mapping.RowIds;
import io.mysync.writer.mapping.TemplateKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Applies batches with bulk requests whose every action carries {@code version = seq, version_type = external}:
 * Elasticsearch keeps the highest version of each document, so a replayed or late event answers 409 and counts as
 * done. Deletes carry the same version (their tombstones outlive {@code index.gc_deletes}, set on indices MySync
 * creates). Item errors are sorted into retriable (429, 5xx: the whole batch is retried after a back-off) and
 * rejected for good (mapping and parse errors: dead-lettered by the writer).
 */
public final class ElasticsearchSink implements Sink {

    public static final String NAME = "elasticsearch";

    private static final Set<String> RETRIABLE_TYPES = Set.of("es_rejected_execution_exception",
            "unavailable_shards_exception", "cluster_block_exception", "circuit_breaking_exception",
            "no_shard_available_action_exception", "node_not_connected_exception", "index_not_found_exception");

    /** What one mapping needs: index and id templates. */
    record Target(ElasticsearchMapping mapping, TemplateKey index, RowIds ids) {
    }

    /** Exact decimals: BigDecimal as plain digits, never 1E+3. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);

    private final ElasticsearchClient client;
    /** Bulk requests go through the low-level client as NDJSON written here: the typed client's own
     *  serialization and full response parsing cost more than the rest of the sink (measured in the README). */
    private final RestClient restClient;
    private final EsIndices indices;
    private final int bulkActions;
    private final MappingIndex<Target> targets;
    private final ExecutorService requests;

    ElasticsearchSink(ElasticsearchClient client, EsIndices indices, int bulkActions, int concurrentRequests,
                      List<MappingConfig> mappings) {
        this.client = client;
        this.restClient = ((RestClientTransport) client._transport()).restClient();
        this.indices = indices;
        this.bulkActions = bulkActions;
        this.requests = Executors.newFixedThreadPool(concurrentRequests, r -> {
            Thread t = new Thread(r, "mysync-elasticsearch-bulk");
            t.setDaemon(true);
            return t;
        });
        this.targets = new MappingIndex<>(mappings.stream().filter(m -> m.elasticsearch().isPresent())
                .map(m -> new MappingIndex.Entry<>(m, new Target(m.elasticsearch().get(),
                        new TemplateKey(m.elasticsearch().get().index()), new RowIds(m.elasticsearch().get().id()))))
                .toList());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void apply(List<ChangeEvent> batch) throws SinkException {
        List<ChangeEvent> events = new ArrayList<>();
        List<String> operations = new ArrayList<>();
        List<RejectedEventsException.Rejection> rejected = new ArrayList<>();
        List<Future<List<RejectedEventsException.Rejection>>> inFlight = new ArrayList<>();
        for (ChangeEvent event : batch) {
            Optional<MappingIndex.Routed<Target>> routed = targets.route(event);
            if (routed.isEmpty()) {
                continue;
            }
            try {
                operations.add(operation(routed.get().change(), routed.get().prepared()));
                events.add(event);
            } catch (PoisonEventException e) {
                rejected.add(new RejectedEventsException.Rejection(event, "mapping", e.getMessage()));
            } catch (RetriableSinkException e) {
                throw e;
            } catch (SinkException e) {
                throw new IllegalStateException(e);
            }
            if (operations.size() == bulkActions) {
                inFlight.add(submit(events, operations));
                events = new ArrayList<>();
                operations = new ArrayList<>();
            }
        }
        if (!operations.isEmpty()) {
            inFlight.add(submit(events, operations));
        }
        RetriableSinkException retriable = null;
        for (Future<List<RejectedEventsException.Rejection>> request : inFlight) {
            try {
                rejected.addAll(request.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RetriableSinkException r) {
                    retriable = r; // wait for the others too: none may still run when the batch is redelivered
                } else {
                    throw new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetriableSinkException("interrupted while waiting for Elasticsearch", e);
            }
        }
        if (retriable != null) {
            throw retriable;
        }
        if (!rejected.isEmpty()) {
            throw new RejectedEventsException(rejected);
        }
    }

    /** The bulk action line and, for an index action, the document line, with the row's seq as version. */
    private String operation(MappedChange change, Target target) throws SinkException {
        ChangeEvent event = change.event();
        String index = indices.ensure(target.index().resolve(event, change.keyImage()).toLowerCase(Locale.ROOT),
                target.mapping(), change);
        String id = target.ids().of(change);
        ObjectNode action = JSON.createObjectNode();
        action.putObject(change.delete() ? "delete" : "index").put("_index", index).put("_id", id)
                .put("version", event.getSeq()).put("version_type", "external");
        try {
            if (change.delete()) {
                return JSON.writeValueAsString(action) + "\n";
            }
            return JSON.writeValueAsString(action) + "\n"
                    + JSON.writeValueAsString(EsDocuments.of(change, target.mapping().jsonObjects())) + "\n";
        } catch (JsonProcessingException e) {
            throw new PoisonEventException(event, "cannot write the document as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Sends one bulk request on the request pool; its result is the events Elasticsearch rejected for good. */
    private Future<List<RejectedEventsException.Rejection>> submit(List<ChangeEvent> events,
                                                                   List<String> operations) {
        return requests.submit(() -> {
            List<RejectedEventsException.Rejection> rejected = new ArrayList<>();
            send(events, operations, rejected);
            return rejected;
        });
    }

    private void send(List<ChangeEvent> events, List<String> operations,
                      List<RejectedEventsException.Rejection> rejected) throws RetriableSinkException {
        Request request = new Request("POST", "/_bulk");
        request.addParameter("filter_path", "errors,items.*.status,items.*.error,items.*._index");
        request.setEntity(new NStringEntity(String.join("", operations), NDJSON));
        JsonNode response;
        try {
            response = JSON.readTree(restClient.performRequest(request).getEntity().getContent());
        } catch (ResponseException e) {
            throw new RetriableSinkException("Elasticsearch refused the bulk request ("
                    + e.getResponse().getStatusLine().getStatusCode() + "): " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RetriableSinkException("Elasticsearch did not answer a bulk request: " + e.getMessage(), e);
        }
        if (!response.path("errors").asBoolean(false)) {
            return;
        }
        String retriable = null;
        JsonNode items = response.path("items");
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i).elements().next();
            int status = item.path("status").asInt();
            JsonNode error = item.path("error");
            if (error.isMissingNode() || status == 409) {
                continue; // applied, or a newer version is already there
            }
            String type = error.path("type").asText();
            String reason = error.path("reason").asText();
            if (status == 429 || status >= 500 || RETRIABLE_TYPES.contains(type)) {
                if ("index_not_found_exception".equals(type)) {
                    indices.forget(item.path("_index").asText());
                }
                retriable = status + " " + type + ": " + reason;
            } else {
                JsonNode cause = error.path("caused_by");
                rejected.add(new RejectedEventsException.Rejection(events.get(i), type, status + " " + reason
                        + (cause.isMissingNode() ? "" : " (" + cause.path("type").asText() + ": "
                        + cause.path("reason").asText() + ")")));
            }
        }
        if (retriable != null) {
            throw new RetriableSinkException("Elasticsearch could not apply part of a bulk request: " + retriable,
                    null);
        }
    }

    @Override
    public void close() {
        requests.shutdownNow();
        try {
            client._transport().close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
