package io.mysync.writer.elasticsearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * Every document of some indices, a page of 1,000 at a time, with its index, id and version: a refresh (documents
 * indexed since the last one are invisible to a search) and a scroll, cleared at the end or left to expire.
 */
final class EsDocumentScan {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HITS = "_scroll_id,hits.hits._index,hits.hits._id,hits.hits._version";

    /** One page's hits: each has {@code _index}, {@code _id} and {@code _version}. */
    interface Page<E extends Exception> {
        void accept(JsonNode hits) throws E, IOException;
    }

    private EsDocumentScan() {
    }

    /** @param indices an index name or pattern; missing indices are no error */
    static <E extends Exception> void forEachPage(RestClient client, String indices, Page<E> page)
            throws E, IOException {
        Request refresh = new Request("POST", "/" + indices + "/_refresh");
        refresh.addParameter("ignore_unavailable", "true");
        refresh.addParameter("allow_no_indices", "true");
        client.performRequest(refresh);
        Request search = new Request("POST", "/" + indices + "/_search");
        search.addParameter("scroll", "1m");
        search.addParameter("ignore_unavailable", "true");
        search.addParameter("allow_no_indices", "true");
        search.addParameter("filter_path", HITS);
        search.setJsonEntity("{\"size\":1000,\"_source\":false,\"version\":true,\"sort\":[\"_doc\"]}");
        JsonNode answer = JSON.readTree(client.performRequest(search).getEntity().getContent());
        String scrollId = answer.path("_scroll_id").asText(null);
        try {
            while (answer.path("hits").path("hits").size() > 0) {
                page.accept(answer.path("hits").path("hits"));
                if (scrollId == null) {
                    break;
                }
                Request next = new Request("POST", "/_search/scroll");
                next.addParameter("filter_path", HITS);
                next.setJsonEntity(JSON.createObjectNode().put("scroll", "1m").put("scroll_id", scrollId).toString());
                answer = JSON.readTree(client.performRequest(next).getEntity().getContent());
                scrollId = answer.path("_scroll_id").asText(scrollId);
            }
        } finally {
            if (scrollId != null) {
                Request clear = new Request("DELETE", "/_search/scroll");
                clear.setJsonEntity(JSON.createObjectNode().put("scroll_id", scrollId).toString());
                try {
                    client.performRequest(clear);
                } catch (IOException e) {
                    // the scroll expires by itself after a minute
                }
            }
        }
    }
}
