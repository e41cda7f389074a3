package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;

/** Direct reads from the sandbox's Elasticsearch and HBase, for tests that check what a sink wrote. */
final class Stores {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Connection hbase;

    private Stores() {
    }

    static synchronized Connection hbase() throws Exception {
        if (hbase == null) {
            var conf = HBaseConfiguration.create();
            conf.set("hbase.zookeeper.quorum", TestEnv.sandbox().hbase().zookeeperQuorum());
            hbase = ConnectionFactory.createConnection(conf);
        }
        return hbase;
    }

    /** The document's {@code _source} (a realtime GET), or empty when there is none. */
    static Optional<JsonNode> esDocument(String index, String id) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                TestEnv.sandbox().elasticsearch().url() + "/" + index + "/_doc/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Optional.of(JSON.readTree(response.body()).path("_source"));
    }

    static String esGet(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(TestEnv.sandbox().elasticsearch().url() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static void esPost(String path, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                        TestEnv.sandbox().elasticsearch().url() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    static void esPut(String path, String json) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                        TestEnv.sandbox().elasticsearch().url() + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** The newest version of every cell of a row, or an empty result when the row does not exist. */
    static Result hbaseRow(String table, byte[] rowKey) throws Exception {
        try (Table t = hbase().getTable(TableName.valueOf(table))) {
            return t.get(new Get(rowKey));
        }
    }

    static Optional<String> hbaseCell(String table, String rowKey, String qualifier) throws Exception {
        byte[] value = hbaseRow(table, rowKey.getBytes(StandardCharsets.UTF_8))
                .getValue("d".getBytes(StandardCharsets.UTF_8), qualifier.getBytes(StandardCharsets.UTF_8));
        return Optional.ofNullable(value).map(v -> new String(v, StandardCharsets.UTF_8));
    }
}
