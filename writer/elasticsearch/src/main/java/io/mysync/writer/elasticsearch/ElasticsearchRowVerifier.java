package io.mysync.writer.elasticsearch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.writer.api.PoisonEventException;
import io.mysync.config.model.MappingConfig;
import io.mysync.writer.api.RowVerifier;
import io.mysync.writer.api.mapping.MappedChange;
import io.mysync.writer.api.mapping.MappingIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.util.EntityUtils;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * Reads each row's document with one {@code _mget} (real-time: no refresh needed) and compares its source with the
 * document the sink writes for the row, value by value with exact decimals; a deleted row's document must be gone.
 */
final class ElasticsearchRowVerifier implements RowVerifier {

    /** As the sink writes documents: BigDecimal as plain digits. */
    private static final ObjectMapper WRITE = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    /** Both sides read back the same way: 3202.90 stays 3202.90. */
    private static final ObjectMapper READ = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private record Located(String index, String id, MappedChange change, boolean jsonObjects) {
    }

    private final RestClient client;
    private final MappingIndex<ElasticsearchSink.Target> targets;

    ElasticsearchRowVerifier(ElasticsearchSinkConfig config, List<MappingConfig> mappings) {
        this.client = EsClientSettings.restClient(config);
        this.targets = ElasticsearchSink.targets(mappings);
    }

    @Override
    public boolean maps(String database, String table) {
        return targets.of(database, table).isPresent();
    }

    @Override
    public List<String> differences(List<ChangeEvent> rows) {
        List<Optional<Located>> located = rows.stream().map(this::locate).toList();
        ObjectNode body = READ.createObjectNode();
        ArrayNode docs = body.putArray("docs");
        located.forEach(l -> l.ifPresent(at -> docs.addObject().put("_index", at.index()).put("_id", at.id())));
        Iterator<JsonNode> found = docs.isEmpty() ? Collections.emptyIterator() : mget(body);
        List<String> differences = new ArrayList<>(rows.size());
        for (Optional<Located> at : located) {
            differences.add(at.isEmpty() ? null : difference(at.get(), found.next()));
        }
        return differences;
    }

    @Override
    public String locationOf(ChangeEvent row) {
        return locate(row).map(l -> l.index() + "/_doc/" + l.id()).orElse("(not mapped)");
    }

    private Optional<Located> locate(ChangeEvent row) {
        return targets.route(row).map(routed -> {
            try {
                MappedChange change = routed.change();
                String index = routed.prepared().index().resolve(row, change.keyImage()).toLowerCase(Locale.ROOT);
                return new Located(index, routed.prepared().ids().of(change), change,
                        routed.prepared().mapping().jsonObjects());
            } catch (PoisonEventException e) {
                throw new IllegalArgumentException("the sink cannot write " + row.getDatabase() + "."
                        + row.getTable() + " either: " + e.getMessage(), e);
            }
        });
    }

    private Iterator<JsonNode> mget(ObjectNode body) {
        Request request = new Request("POST", "/_mget");
        request.setEntity(new StringEntity(body.toString(), ContentType.APPLICATION_JSON));
        try {
            String response = EntityUtils.toString(client.performRequest(request).getEntity());
            return READ.readTree(response).path("docs").iterator();
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch did not answer _mget: " + e.getMessage(), e);
        }
    }

    private static String difference(Located at, JsonNode stored) {
        boolean present = stored.path("found").asBoolean(false);
        if (at.change().delete()) {
            return present ? "the row is gone from the source but its document is still in Elasticsearch" : null;
        }
        if (!present) {
            return stored.has("error") ? "cannot be read: " + stored.path("error").path("reason").asText()
                    : "missing in Elasticsearch";
        }
        JsonNode expected;
        try {
            Map<String, Object> document = EsDocuments.of(at.change(), at.jsonObjects());
            expected = READ.readTree(WRITE.writeValueAsString(document));
        } catch (IOException | PoisonEventException e) {
            throw new IllegalArgumentException("cannot build the document of " + at.id() + ": " + e.getMessage(), e);
        }
        JsonNode actual = stored.path("_source");
        if (expected.equals(actual)) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        expected.fieldNames().forEachRemaining(fields::add);
        actual.fieldNames().forEachRemaining(f -> {
            if (!fields.contains(f)) {
                fields.add(f);
            }
        });
        for (String field : fields) {
            JsonNode want = expected.get(field);
            JsonNode have = actual.get(field);
            if (want == null || have == null || !want.equals(have)) {
                return field + " is " + (have == null ? "absent" : have.toString()) + " but the row has "
                        + (want == null ? "no such column" : want.toString());
            }
        }
        return "the document differs from the row";
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            // closing the connection pool only
        }
    }
}
