package io.mysync.dev.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * What Elasticsearch itself takes: the documents MySync wrote, read back and re-sent with no MySync code in between
 * as raw {@code _bulk} requests (external versions, the same bulk size and parallelism as the writer) into a new
 * index with the same mapping. Documents come in a scrambled order, as rows arrive spread over partitions, and each
 * is sent again after one pass over all of them, so later copies replace earlier ones with higher versions, as the
 * bench's updates do. Every document keeps its own values: indexing cost grows with the distinct terms a field holds,
 * and copies of one document would make the ceiling look higher than the same server can take for real rows
 * (docs/benchmark.md). The figure beside the writer's rate shows how much of the server's ceiling it reaches.
 */
public final class ElasticsearchCeiling {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String url;
    private final String targetIndex;
    private final List<Document> written;

    private ElasticsearchCeiling(String url, String targetIndex, List<Document> written) {
        this.url = url;
        this.targetIndex = targetIndex;
        this.written = written;
    }

    /** Creates the target index with the source index's mapping and reads every document of the source index. */
    public static ElasticsearchCeiling prepare(String url, String sourceIndex, String targetIndex) throws Exception {
        JsonNode mapping = JSON.readTree(send(url + "/" + sourceIndex + "/_mapping", "GET", null))
                .path(sourceIndex).path("mappings");
        ObjectNode create = JSON.createObjectNode();
        create.putObject("settings").put("number_of_replicas", 0).put("number_of_shards", 1);
        create.set("mappings", mapping);
        send(url + "/" + targetIndex, "PUT", JSON.writeValueAsString(create));
        List<Document> written = documents(url, sourceIndex);
        if (written.isEmpty()) {
            throw new IllegalStateException(sourceIndex + " holds no document to send again");
        }
        return new ElasticsearchCeiling(url, targetIndex, written);
    }

    /** @return documents acknowledged per second */
    public double docsPerSecond(long docs, int bulkSize, int parallel) throws Exception {
        long requests = (docs + bulkSize - 1) / bulkSize;
        return docs / ParallelRun.seconds(parallel, lane -> {
            for (long r = lane; r < requests; r += parallel) {
                send(url + "/" + targetIndex + "/_bulk", "POST",
                        bulk(written, r * bulkSize, Math.min(docs, (r + 1) * bulkSize)));
            }
        });
    }

    /** A document as the writer stored it: its id and its source as JSON text. */
    private record Document(String id, String source) {
    }

    /** Every document of the index, read with a scroll. */
    private static List<Document> documents(String url, String index) throws IOException, InterruptedException {
        List<Document> documents = new ArrayList<>();
        JsonNode page = JSON.readTree(send(url + "/" + index + "/_search?scroll=1m", "POST",
                "{\"size\":5000,\"sort\":[\"_doc\"]}"));
        while (page.path("hits").path("hits").size() > 0) {
            for (JsonNode hit : page.path("hits").path("hits")) {
                documents.add(new Document(hit.path("_id").asText(), JSON.writeValueAsString(hit.path("_source"))));
            }
            ObjectNode next = JSON.createObjectNode().put("scroll", "1m")
                    .put("scroll_id", page.path("_scroll_id").asText());
            page = JSON.readTree(send(url + "/_search/scroll", "POST", JSON.writeValueAsString(next)));
        }
        return documents;
    }

    private static String bulk(List<Document> written, long from, long to) {
        StringBuilder body = new StringBuilder();
        for (long n = from; n < to; n++) {
            Document doc = written.get((int) BenchIds.scrambled(n, written.size()));
            body.append("{\"index\":{\"_id\":\"").append(doc.id()).append("\",\"version\":").append(n + 1)
                    .append(",\"version_type\":\"external\"}}\n").append(doc.source()).append('\n');
        }
        return body.toString();
    }

    private static String send(String url, String method, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", url.endsWith("_bulk") ? "application/x-ndjson" : "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300 || (url.endsWith("_bulk") && response.body().startsWith("{\"errors\":true"))) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        return response.body();
    }
}
