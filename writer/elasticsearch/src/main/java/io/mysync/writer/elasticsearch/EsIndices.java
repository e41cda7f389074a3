package io.mysync.writer.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mysync.writer.api.PoisonEventException;
import io.mysync.writer.api.RetriableSinkException;
import io.mysync.writer.api.SinkException;
import io.mysync.writer.api.mapping.MappedChange;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates indices before the first row of a table named in full, otherwise on first use: the configured shards and
 * replicas, {@code index.gc_deletes} long enough that a replayed older event cannot bring a deleted document back,
 * and the user's mapping file or the fields derived from the column types. Indices that already exist are used as
 * they are; fields they do not map yet (columns added later) are mapped with the derived types before the first row
 * that has them is indexed.
 */
final class EsIndices {

    private static final Logger LOG = LoggerFactory.getLogger(EsIndices.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ElasticsearchClient client;
    private final ElasticsearchSinkConfig config;
    private final Set<String> known = new HashSet<>();
    /** The mapped field names of each index, read on first use and kept up to date with the fields added. */
    private final Map<String, Set<String>> fieldsOf = new HashMap<>();
    /** The schema versions of each index whose fields are all mapped (looked up per row: no key is built). */
    private final Map<String, Set<Integer>> checkedVersions = new HashMap<>();
    /** Field types this cluster turned down as unknown: their fields fall back to keyword. */
    private final Set<String> missingTypes = new HashSet<>();

    EsIndices(ElasticsearchClient client, ElasticsearchSinkConfig config) {
        this.client = client;
        this.config = config;
    }

    /**
     * The index of a row, created when it does not exist; the row's fields it does not map yet are mapped first
     * (checked once per index and schema version).
     */
    String ensure(String index, ElasticsearchMapping mapping, MappedChange row) throws SinkException {
        if (!known.contains(index)) {
            try {
                create(index, mapping);
            } catch (IllegalArgumentException e) {
                throw new PoisonEventException(row.event(), e.getMessage() + ". Fix the index template or mapping "
                        + "file of mapping " + row.event().getDatabase() + "." + row.event().getTable(), e);
            }
        }
        if (mapping.mappingFile().isEmpty() && !row.delete()) {
            addNewFields(index, mapping, row);
        }
        return index;
    }

    /**
     * Creates an index before its first row.
     *
     * @throws IllegalArgumentException when Elasticsearch refuses the index (its name or the mapping file)
     */
    void prepare(String index, ElasticsearchMapping mapping) throws SinkException {
        if (!known.contains(index)) {
            create(index, mapping);
        }
    }

    /**
     * With the settings and the mapping file's mapping; without one, with no fields yet: {@link #ensure} maps each
     * row's new fields with their column types before the row is indexed, the first row's as a later column's.
     */
    private void create(String index, ElasticsearchMapping mapping) throws SinkException {
        try {
            if (!client.indices().exists(e -> e.index(index)).value()) {
                String body = body(mapping);
                client.indices().create(c -> c.index(index).withJson(new StringReader(body)));
                LOG.info("Created Elasticsearch index {} ({})", index, mapping.mappingFile()
                        .map(f -> "mapping from " + f).orElse("fields mapped from the column types of its rows"));
            }
        } catch (ElasticsearchException e) {
            EsRefusals.checkStatus(e.status(), e.getMessage(), e);
            if (!"resource_already_exists_exception".equals(e.error().type())) {
                if (e.status() == 429 || e.status() >= 500) {
                    throw new RetriableSinkException("Elasticsearch could not create index " + index + ": "
                            + e.getMessage(), e);
                }
                throw new IllegalArgumentException("Elasticsearch refused to create index " + index + ": "
                        + e.getMessage(), e);
            }
        } catch (IOException e) {
            EsRefusals.check(e);
            throw new RetriableSinkException("Elasticsearch did not answer while checking index " + index + ": "
                    + e.getMessage(), e);
        }
        known.add(index);
    }

    /**
     * Maps the fields of a row the index does not know yet (columns added since it was created) with the types
     * MySync derives, before the row is indexed: dynamic mapping would guess (DATETIME text as text). Checked once
     * per index and schema version. A type clash is left to Elasticsearch, which then rejects the documents.
     */
    private void addNewFields(String index, ElasticsearchMapping mapping, MappedChange row) throws SinkException {
        Set<Integer> checked = checkedVersions.computeIfAbsent(index, i -> new HashSet<>());
        if (checked.contains(row.event().getSchemaVersion())) {
            return;
        }
        try {
            Set<String> fields = fieldsOf.get(index);
            if (fields == null) {
                var mappings = client.indices().getMapping(g -> g.index(index)).result().get(index);
                fields = new HashSet<>(mappings == null ? Set.of() : mappings.mappings().properties().keySet());
                fieldsOf.put(index, fields);
            }
            Map<String, Object> added = new LinkedHashMap<>();
            for (MappedChange.Field field : row.fields()) {
                if (!fields.contains(field.name())) {
                    Map<String, Object> type = EsIndexMappings.available(EsIndexMappings.fieldOf(field.type(),
                            field.value(), mapping.jsonObjects(), mapping.decimals()), missingTypes);
                    if (type != null) {
                        added.put(field.name(), type);
                    }
                }
            }
            if (!added.isEmpty()) {
                String body = JSON.writeValueAsString(Map.of("properties", added));
                client.indices().putMapping(p -> p.index(index).withJson(new StringReader(body)));
                LOG.info("Mapped new fields of {}.{} in Elasticsearch index {}: {}", row.event().getDatabase(),
                        row.event().getTable(), index, added.keySet());
                fields.addAll(added.keySet());
            }
        } catch (ElasticsearchException e) {
            EsRefusals.checkStatus(e.status(), e.getMessage(), e);
            if (e.status() == 429 || e.status() >= 500) {
                throw new RetriableSinkException("Elasticsearch could not map new fields of index " + index + ": "
                        + e.getMessage(), e);
            }
            Optional<String> missing = EsIndexMappings.missingType(e.getMessage());
            if (missing.isPresent() && missingTypes.add(missing.get())) {
                LOG.warn("Elasticsearch has no {} field type (its module, {}, is not installed): fields MySync "
                        + "would map so are mapped as keyword, exact text without numeric range queries{}",
                        missing.get(), missing.get().equals("scaled_float") ? "mapper-extras" : "x-pack",
                        missing.get().equals("scaled_float")
                                ? "; or set mappings[].elasticsearch.decimals: double for range queries" : "");
                addNewFields(index, mapping, row);
                return;
            }
            LOG.warn("Elasticsearch refused new fields of index {} ({}); documents whose values do not fit its "
                    + "mapping go to the dead-letter topic", index, e.getMessage());
        } catch (IOException e) {
            EsRefusals.check(e);
            throw new RetriableSinkException("Elasticsearch did not answer while mapping new fields of index "
                    + index + ": " + e.getMessage(), e);
        }
        checked.add(row.event().getSchemaVersion());
    }

    /** After a 404 the index was deleted behind MySync's back: check (and create) it again. */
    void forget(String index) {
        known.remove(index);
        fieldsOf.remove(index);
        checkedVersions.remove(index);
    }

    /** Settings, and the mapping file's mapping if there is one. */
    private String body(ElasticsearchMapping mapping) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode settings = body.putObject("settings").putObject("index");
        settings.put("number_of_shards", config.indexShards());
        settings.put("number_of_replicas", config.indexReplicas());
        settings.put("gc_deletes", config.tombstoneTtl().toSeconds() + "s");
        if (mapping.mappingFile().isPresent()) {
            try {
                JsonNode file = JSON.readTree(Files.readString(mapping.mappingFile().get()));
                body.set("mappings", file.has("mappings") ? file.get("mappings") : file);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the Elasticsearch mapping file "
                        + mapping.mappingFile().get() + ": " + e.getMessage(), e);
            }
        }
        return body.toString();
    }
}
