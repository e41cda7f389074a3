package io.mysync.writer.elasticsearch;

import static io.mysync.writer.elasticsearch.ElasticsearchSettings.ELASTICSEARCH;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.writer.api.PoisonEventException;
import io.mysync.writer.api.RejectedEventsException;
import io.mysync.writer.api.RetriableSinkException;
import io.mysync.writer.api.StoreRefusedException;
import io.mysync.writer.api.SinkException;
import io.mysync.config.model.MappingConfig;
import io.mysync.writer.api.RowChangeSink;
import io.mysync.writer.api.mapping.MappedChange;
import io.mysync.writer.api.mapping.MappingIndex;
import io.mysync.writer.api.mapping.RowIds;
import io.mysync.writer.api.mapping.TemplateKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies batches with bulk requests whose every action carries {@code version = seq, version_type = external}:
 * Elasticsearch keeps the highest version of each document, so a replayed or late event answers 409 and counts as
 * done. Deletes carry the same version (their tombstones outlive {@code index.gc_deletes}, set on indices MySync
 * creates). Item errors are sorted into retriable (429, 5xx: the whole batch is retried after a back-off) and
 * rejected for good (mapping and parse errors: dead-lettered by the writer).
 */
public final class ElasticsearchSink extends RowChangeSink {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchSink.class);

    public static final String NAME = "elasticsearch";

    /** What one mapping needs: index and id templates. */
    record Target(ElasticsearchMapping mapping, TemplateKey index, RowIds ids) {
    }

    /** The mappings that send tables to Elasticsearch, each with its templates (the sink's and verify's routing). */
    static MappingIndex<Target> targets(List<MappingConfig> mappings) {
        return new MappingIndex<>(NAME, mappings.stream().filter(m -> m.options(ELASTICSEARCH).isPresent())
                .map(m -> new MappingIndex.Entry<>(m, new Target(m.options(ELASTICSEARCH).get(),
                        new TemplateKey(m.options(ELASTICSEARCH).get().index()), new RowIds(m.options(ELASTICSEARCH).get().id()))))
                .toList());
    }

    /** Exact decimals: BigDecimal as plain digits, never 1E+3. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);

    private final ElasticsearchClient client;
    /** Bulk requests go through the low-level client as NDJSON written here: the typed client's own
     *  serialization and full response parsing cost more than the rest of the sink (measured in docs/benchmark.md). */
    private final RestClient restClient;
    private final EsIndices indices;
    private final int bulkActions;
    private final MappingIndex<Target> targets;
    private final ExecutorService requests;

    ElasticsearchSink(ElasticsearchClient client, EsIndices indices, int bulkActions, int concurrentRequests,
                      List<MappingConfig> mappings) {
        super(NAME);
        this.client = client;
        this.restClient = ((RestClientTransport) client._transport()).restClient();
        this.indices = indices;
        this.bulkActions = bulkActions;
        this.requests = Executors.newFixedThreadPool(concurrentRequests, r -> {
            Thread t = new Thread(r, "mysync-elasticsearch-bulk");
            t.setDaemon(true);
            return t;
        });
        this.targets = targets(mappings);
    }

    /** Creates the indices of source tables named in full whose index name holds no column. */
    @Override
    public void prepare() throws SinkException {
        for (MappingIndex.FixedName<Target> index : targets.fixedNames(Target::index)) {
            try {
                indices.prepare(index.name().toLowerCase(Locale.ROOT), index.entry().prepared().mapping());
            } catch (IllegalArgumentException e) {
                LOG.warn("{}; the events of {} will go to the dead letters until it is fixed", e.getMessage(),
                        index.entry().mapping().table());
            }
        }
    }

    @Override
    protected void applyRows(List<ChangeEvent> batch) throws SinkException {
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
        StoreRefusedException refusal = null;
        for (Future<List<RejectedEventsException.Rejection>> request : inFlight) {
            try {
                rejected.addAll(request.get());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RetriableSinkException r) {
                    retriable = r; // wait for the others too: none may still run when the batch is redelivered
                } else if (e.getCause() instanceof StoreRefusedException refused) {
                    refusal = refused;
                } else {
                    throw new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetriableSinkException("interrupted while waiting for Elasticsearch", e);
            }
        }
        if (refusal != null) {
            throw refusal;
        }
        if (retriable != null) {
            throw retriable;
        }
        if (!rejected.isEmpty()) {
            throw new RejectedEventsException(rejected);
        }
    }

    /**
     * Deletes the documents of the event's table whose version (seq) is below the TRUNCATE's ({@link EsDocumentScan}),
     * by versioned bulk deletes at the TRUNCATE's seq, which leave tombstones; a document changed after the TRUNCATE
     * has a higher version and stays.
     */
    @Override
    protected void truncate(ChangeEvent event) throws SinkException {
        Optional<MappingIndex.Entry<Target>> entry = targets.of(event.getDatabase(), event.getTable());
        if (entry.isEmpty() || entry.get().mapping().document(NAME).joins()) {
            return; // a joined document's table: the join stage deletes its documents, each with its revision
        }
        String indices = entry.get().prepared().index().scope(event.getDatabase(), event.getTable(),
                text -> text.toLowerCase(Locale.ROOT), "*");
        long[] seenAndOlder = new long[2];
        try {
            EsDocumentScan.<SinkException>forEachPage(restClient, indices, hits -> {
                List<String> deletes = new ArrayList<>();
                for (JsonNode hit : hits) {
                    seenAndOlder[0]++;
                    if (hit.path("_version").asLong() < event.getSeq()) {
                        ObjectNode action = JSON.createObjectNode();
                        action.putObject("delete").put("_index", hit.path("_index").asText())
                                .put("_id", hit.path("_id").asText()).put("version", event.getSeq())
                                .put("version_type", "external");
                        deletes.add(JSON.writeValueAsString(action) + "\n");
                    }
                }
                seenAndOlder[1] += deletes.size();
                if (!deletes.isEmpty()) {
                    List<RejectedEventsException.Rejection> rejected = new ArrayList<>();
                    send(Collections.nCopies(deletes.size(), event), deletes, rejected);
                    if (!rejected.isEmpty()) {
                        throw new RejectedEventsException(rejected.subList(0, 1));
                    }
                }
            });
        } catch (ResponseException e) {
            EsRefusals.check(e);
            throw new RetriableSinkException("Elasticsearch refused to list the documents of "
                    + event.getDatabase() + "." + event.getTable() + " for a TRUNCATE: " + e.getMessage(), e);
        } catch (IOException e) {
            EsRefusals.check(e);
            throw new RetriableSinkException("Elasticsearch did not answer while removing the documents of "
                    + event.getDatabase() + "." + event.getTable() + ": " + e.getMessage(), e);
        }
        LOG.info("{}.{} at seq {}: deleted {} of {} Elasticsearch documents in {} (newer ones kept)",
                event.getDatabase(), event.getTable(), event.getSeq(), seenAndOlder[1], seenAndOlder[0], indices);
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
            EsRefusals.check(e);
            throw new RetriableSinkException("Elasticsearch refused the bulk request ("
                    + e.getResponse().getStatusLine().getStatusCode() + "): " + e.getMessage(), e);
        } catch (IOException e) {
            EsRefusals.check(e);
            throw new RetriableSinkException("Elasticsearch did not answer a bulk request: " + e.getMessage(), e);
        }
        EsBulkResults.Outcome outcome = EsBulkResults.read(response, events);
        outcome.missingIndices().forEach(indices::forget);
        rejected.addAll(outcome.rejected());
        if (outcome.retriable().isPresent()) {
            throw new RetriableSinkException("Elasticsearch could not apply part of a bulk request: "
                    + outcome.retriable().get(), null);
        }
    }

    /**
     * {@code GET /}: a 401 or an untrusted certificate stops the writer; any other answer shows the login works (a
     * key without the cluster's monitor privilege gets 403 here, yet may write its indices).
     */
    @Override
    public void checkConnection() throws SinkException {
        try {
            restClient.performRequest(new Request("GET", "/"));
        } catch (ResponseException e) {
            if (e.getResponse().getStatusLine().getStatusCode() == 401) {
                EsRefusals.check(e);
            }
        } catch (IOException e) {
            EsRefusals.check(e);
            throw new RetriableSinkException("Elasticsearch did not answer: " + e.getMessage(), e);
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
