package io.mysync.dev.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;

/** Visibility probes for the stores without change notifications: searchable in Elasticsearch, readable in HBase. */
public final class StoreProbes {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private StoreProbes() {
    }

    /** A row counts as visible once its key exists (EXISTS, pipelined). */
    public static PollingProbe redis(int port, String keyPrefix) {
        redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis("127.0.0.1", port);
        return new PollingProbe("redis", ids -> {
            List<redis.clients.jedis.Response<Boolean>> exists = new ArrayList<>(ids.size());
            synchronized (jedis) {
                redis.clients.jedis.Pipeline pipeline = jedis.pipelined();
                ids.forEach(id -> exists.add(pipeline.exists(keyPrefix + id)));
                pipeline.sync();
            }
            Set<Long> found = new HashSet<>();
            for (int i = 0; i < ids.size(); i++) {
                if (exists.get(i).get()) {
                    found.add(ids.get(i));
                }
            }
            return found;
        }, jedis);
    }

    /** A row counts as visible once a search finds it: after the refresh that makes it searchable. */
    public static PollingProbe elasticsearch(String url, String index) {
        return new PollingProbe("elasticsearch", ids -> {
            ObjectNode query = JSON.createObjectNode().put("size", ids.size()).put("_source", false);
            var values = query.putObject("query").putObject("ids").putArray("values");
            ids.forEach(id -> values.add(Long.toString(id)));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/" + index
                            + "/_search?filter_path=hits.hits._id")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(query))).build(),
                    HttpResponse.BodyHandlers.ofString());
            Set<Long> found = new HashSet<>();
            for (JsonNode hit : JSON.readTree(response.body()).path("hits").path("hits")) {
                found.add(Long.parseLong(hit.path("_id").asText()));
            }
            return found;
        });
    }

    /** A row counts as visible once a Get returns it. */
    public static PollingProbe hbase(Connection hbase, String table) {
        return new PollingProbe("hbase", ids -> {
            List<Get> gets = new ArrayList<>(ids.size());
            ids.forEach(id -> gets.add(new Get(Bytes.toBytes(Long.toString(id)))));
            boolean[] exists;
            try (Table t = hbase.getTable(TableName.valueOf(table))) {
                exists = t.exists(gets);
            }
            Set<Long> found = new HashSet<>();
            for (int i = 0; i < exists.length; i++) {
                if (exists[i]) {
                    found.add(ids.get(i));
                }
            }
            return found;
        });
    }
}
