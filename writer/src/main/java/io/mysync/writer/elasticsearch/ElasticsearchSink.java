package io.mysync.writer.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    private final ElasticsearchClient client;
    private final EsIndices indices;
    private final int bulkActions;
    private final MappingIndex<Target> targets;
    private final ExecutorService requests;

    ElasticsearchSink(ElasticsearchClient client, EsIndices indices, int bulkActions, int concurrentRequests,
                      List<MappingConfig> mappings) {
        this.client = client;
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
        List<BulkOperation> operations = new ArrayList<>();
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

    private BulkOperation operation(MappedChange change, Target target) throws SinkException {
        ChangeEvent event = change.event();
        String index = indices.ensure(target.index().resolve(event, change.keyImage()).toLowerCase(Locale.ROOT),
                target.mapping(), change);
        String id = target.ids().of(change);
        long version = event.getSeq();
        if (change.delete()) {
            return BulkOperation.of(op -> op.delete(d -> d.index(index).id(id).version(version)
                    .versionType(VersionType.External)));
        }
        Object document = EsDocuments.of(change, target.mapping().jsonObjects());
        return BulkOperation.of(op -> op.index(i -> i.index(index).id(id).version(version)
                .versionType(VersionType.External).document(document)));
    }

    /** Sends one bulk request on the request pool; its result is the events Elasticsearch rejected for good. */
    private Future<List<RejectedEventsException.Rejection>> submit(List<ChangeEvent> events,
                                                                   List<BulkOperation> operations) {
        return requests.submit(() -> {
            List<RejectedEventsException.Rejection> rejected = new ArrayList<>();
            send(events, operations, rejected);
            return rejected;
        });
    }

    private void send(List<ChangeEvent> events, List<BulkOperation> operations,
                      List<RejectedEventsException.Rejection> rejected) throws RetriableSinkException {
        BulkResponse response;
        try {
            response = client.bulk(BulkRequest.of(b -> b.operations(operations)));
        } catch (ElasticsearchException e) {
            throw new RetriableSinkException("Elasticsearch refused the bulk request (" + e.status() + "): "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new RetriableSinkException("Elasticsearch did not answer a bulk request: " + e.getMessage(), e);
        }
        if (!response.errors()) {
            return;
        }
        String retriable = null;
        List<BulkResponseItem> items = response.items();
        for (int i = 0; i < items.size(); i++) {
            BulkResponseItem item = items.get(i);
            ErrorCause error = item.error();
            if (error == null || item.status() == 409) {
                continue; // applied, or a newer version is already there
            }
            if (item.status() == 429 || item.status() >= 500 || RETRIABLE_TYPES.contains(error.type())) {
                if ("index_not_found_exception".equals(error.type())) {
                    indices.forget(item.index());
                }
                retriable = item.status() + " " + error.type() + ": " + error.reason();
            } else {
                rejected.add(new RejectedEventsException.Rejection(events.get(i), error.type(),
                        item.status() + " " + error.reason() + (error.causedBy() == null ? ""
                                : " (" + error.causedBy().type() + ": " + error.causedBy().reason() + ")")));
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
