package io.mysync.dev.compare;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mysync.writer.api.StoredFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Row-by-row comparison of a source table with its Elasticsearch index (documents with default ids, all columns):
 * each document's {@code _source}, turned back into MySync's text form by column type, must equal the row, and the
 * index must hold no other documents.
 */
public final class ElasticsearchComparison {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true)); // 3202.90 stays 3202.90
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ElasticsearchComparison() {
    }

    public static ComparisonResult compare(Connection db, String url, String index, List<String> primaryKey,
                                           String database, String table) throws SQLException, IOException {
        Map<String, String> types = new LinkedHashMap<>();
        SourceRows.columns(db, database, table).forEach(c -> types.put(c.name(), c.dataType()));
        post(url + "/" + index + "/_refresh");
        long[] counts = new long[3]; // rows, mismatches, rows the store holds
        List<String> examples = new ArrayList<>();
        SourceRows.forEach(db, database, table, row -> {
            counts[0]++;
            String id = StoreRowCheck.id(primaryKey, row);
            Map<String, byte[]> stored = document(url, index, id, types);
            counts[2] += stored == null ? 0 : 1;
            String difference = StoredFields.difference("Elasticsearch", row, stored);
            if (difference != null) {
                counts[1]++;
                if (examples.size() < 10) {
                    examples.add(index + "/" + id + ": " + difference);
                }
            }
        });
        long documents = JSON.readTree(get(url + "/" + index + "/_count").body()).path("count").asLong();
        long extra = Math.max(0, documents - counts[2]);
        if (extra > 0 && examples.size() < 10) {
            examples.add(index + ": " + documents + " documents for " + counts[0] + " rows");
        }
        return new ComparisonResult(counts[0], counts[1], extra, examples);
    }

    private static Map<String, byte[]> document(String url, String index, String id, Map<String, String> types) {
        try {
            HttpResponse<String> response = get(url + "/" + index + "/_doc/"
                    + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8));
            if (response.statusCode() == 404) {
                return null;
            }
            Map<String, byte[]> fields = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = JSON.readTree(response.body()).path("_source").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> field = it.next();
                byte[] text = text(field.getValue(), types.getOrDefault(field.getKey(), ""));
                if (text != null) {
                    fields.put(field.getKey(), text);
                }
            }
            return fields;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON value back in the text form the source comparison uses; null for JSON null. */
    static byte[] text(JsonNode value, String dataType) {
        if (value.isNull()) {
            return null;
        }
        String text;
        if (value.isArray()) {
            List<String> members = new ArrayList<>();
            value.forEach(m -> members.add(m.asText()));
            text = String.join(",", members);
        } else if (value.isNumber()) {
            text = switch (dataType) {
                case "float" -> Float.toString(value.floatValue());
                case "double", "real" -> Double.toString(value.doubleValue());
                case "decimal" -> value.decimalValue().toPlainString();
                default -> value.bigIntegerValue().toString();
            };
        } else if (dataType.endsWith("blob") || dataType.endsWith("binary")) {
            return Base64.getDecoder().decode(value.asText());
        } else if (dataType.equals("datetime")) {
            text = value.asText().replace('T', ' ');
        } else {
            text = value.asText();
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(String url) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private static void post(String url) throws IOException {
        send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
