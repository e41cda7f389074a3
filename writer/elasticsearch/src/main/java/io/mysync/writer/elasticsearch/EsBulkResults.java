package io.mysync.writer.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.writer.api.RejectedEventsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What Elasticsearch's answer to a {@code _bulk} request means, item by item: applied (or a version conflict: the
 * index holds a newer change, which is success under external versioning), refused for good (a dead letter, with the
 * hint that fixes a mapping conflict), or to be sent again (a full queue, a missing shard or index). A 401 or 403
 * inside an item stops the writer like one on the request.
 */
final class EsBulkResults {

    private static final Set<String> RETRIABLE_TYPES = Set.of("es_rejected_execution_exception",
            "unavailable_shards_exception", "cluster_block_exception", "circuit_breaking_exception",
            "no_shard_available_action_exception", "node_not_connected_exception", "index_not_found_exception");

    /**
     * @param rejected the events refused for good, with the store's error
     * @param retriable what the last item to retry said, when one is to be retried
     * @param missingIndices indices Elasticsearch no longer has (deleted behind the writer): to be created again
     */
    record Outcome(List<RejectedEventsException.Rejection> rejected, Optional<String> retriable,
                   List<String> missingIndices) {
    }

    private EsBulkResults() {
    }

    /**
     * @param response the answer, filtered to {@code errors,items.*.status,items.*.error,items.*._index}
     * @param events the request's events, one per item, in order
     * @throws io.mysync.writer.api.StoreRefusedException when an item was refused with 401 or 403
     */
    static Outcome read(JsonNode response, List<ChangeEvent> events) {
        List<RejectedEventsException.Rejection> rejected = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        String retriable = null;
        if (response.path("errors").asBoolean(false)) {
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
                EsRefusals.checkStatus(status, type + ": " + reason, null);
                if (status == 429 || status >= 500 || RETRIABLE_TYPES.contains(type)) {
                    if ("index_not_found_exception".equals(type)) {
                        missing.add(item.path("_index").asText());
                    }
                    retriable = status + " " + type + ": " + reason;
                } else {
                    rejected.add(new RejectedEventsException.Rejection(events.get(i), type, refusal(status, reason,
                            type, error.path("caused_by"))));
                }
            }
        }
        return new Outcome(rejected, Optional.ofNullable(retriable), missing);
    }

    private static String refusal(int status, String reason, String type, JsonNode cause) {
        return status + " " + reason + (cause.isMissingNode() ? "" : " (" + cause.path("type").asText() + ": "
                + cause.path("reason").asText() + ")") + (type.endsWith("parsing_exception")
                ? ". The row's values do not fit the index's mapping: did the column's type change? Create an index "
                + "with the new mapping (or a mapping_file), then replay the dead letters" : "");
    }
}
