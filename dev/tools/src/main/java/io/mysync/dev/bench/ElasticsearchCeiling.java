package io.mysync.dev.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * What Elasticsearch itself takes: the documents MySync wrote, re-sent with no MySync code in between as raw
 * {@code _bulk} requests (external versions, the same bulk size and parallelism as the writer) into a new index
 * with the same mapping. Ids come in a scrambled order, as rows arrive spread over partitions, and repeat after
 * {@code distinctIds} like the bench's rows, so later documents replace earlier ones with higher versions, as the
 * bench's updates do. The figure beside the writer's rate shows how much of the server's ceiling it reaches.
 */
public final class ElasticsearchCeiling {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ElasticsearchCeiling() {
    }

    /** @return documents acknowledged per second */
    public static double docsPerSecond(String url, String sourceIndex, String targetIndex, long docs,
                                       long distinctIds, int bulkSize, int parallel) throws Exception {
        JsonNode mapping = JSON.readTree(send(url + "/" + sourceIndex + "/_mapping", "GET", null))
                .path(sourceIndex).path("mappings");
        ObjectNode create = JSON.createObjectNode();
        create.putObject("settings").put("number_of_replicas", 0).put("number_of_shards", 1);
        create.set("mappings", mapping);
        send(url + "/" + targetIndex, "PUT", JSON.writeValueAsString(create));
        JsonNode template = JSON.readTree(send(url + "/" + sourceIndex + "/_search?size=1", "GET", null))
                .path("hits").path("hits").path(0).path("_source");
        if (!(template instanceof ObjectNode shape)) {
            throw new IllegalStateException(sourceIndex + " holds no document to shape the ceiling run after");
        }
        long requests = (docs + bulkSize - 1) / bulkSize;
        return docs / ParallelRun.seconds(parallel, lane -> {
            for (long r = lane; r < requests; r += parallel) {
                send(url + "/" + targetIndex + "/_bulk", "POST",
                        bulk(shape, r * bulkSize, Math.min(docs, (r + 1) * bulkSize), distinctIds));
            }
        });
    }

    private static String bulk(ObjectNode shape, long from, long to, long distinctIds) throws IOException {
        StringBuilder body = new StringBuilder();
        for (long n = from; n < to; n++) {
            long id = BenchIds.scrambled(n, distinctIds);
            ObjectNode doc = shape.deepCopy();
            doc.put("id", id);
            body.append("{\"index\":{\"_id\":\"").append(id).append("\",\"version\":").append(n + 1)
                    .append(",\"version_type\":\"external\"}}\n").append(JSON.writeValueAsString(doc)).append('\n');
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
