package io.mysync.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.SourcePosition;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A change event as a Debezium-compatible JSON envelope in Kafka Connect's JSON form ({@code {"schema": ...,
 * "payload": ...}}, what {@code JsonConverter} with {@code schemas.enable=true} reads):
 * <pre>
 * payload: { before, after,                       the row images, null where the op has none
 *            source: { version, connector: "mysync", name, ts_ms, snapshot, db, table, server_id, gtid, file,
 *                      pos, row, query, schema_version, primary_key },
 *            op: c | u | d | r | t,                INSERT, UPDATE, DELETE, SNAPSHOT (read), TRUNCATE
 *            ts_ms,                                the source commit time, so a replay is byte for byte the same
 *            seq,                                  MySync's dense per-source sequence number
 *            transaction: { id, last_in_transaction } }
 * </pre>
 * Each column's schema carries its exact MySQL type ({@link ConnectField}), from which {@link #decode} restores the
 * same {@link ChangeEvent} the protobuf form holds. Keys are {@code {"schema", "payload"}} documents of the primary
 * key's columns (all columns for a table without one); a TRUNCATE has no key.
 */
public final class JsonEnvelope {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String VERSION = "mysync-1";

    private static final Map<Op, String> OPS = Map.of(Op.INSERT, "c", Op.UPDATE, "u", Op.DELETE, "d", Op.SNAPSHOT,
            "r", Op.TRUNCATE, "t");
    private static final Map<String, Op> OPS_BY_CODE = Map.of("c", Op.INSERT, "u", Op.UPDATE, "d", Op.DELETE, "r",
            Op.SNAPSHOT, "t", Op.TRUNCATE);

    private JsonEnvelope() {
    }

    public static byte[] value(ChangeEvent event) {
        String prefix = "mysync." + event.getSourceId() + "." + event.getDatabase() + "." + event.getTable();
        Row image = event.hasAfter() ? event.getAfter() : event.getBefore();
        ObjectNode rowSchema = struct(prefix + ".Value", true);
        ArrayNode rowFields = rowSchema.putArray("fields");
        for (Column column : image.getColumnsList()) {
            rowFields.add(field(column.getName(), ConnectField.of(column.getType()),
                    !event.getPrimaryKeyList().contains(column.getName())));
        }
        ObjectNode schema = struct(prefix + ".Envelope", false);
        ArrayNode fields = schema.putArray("fields");
        fields.add(rowSchema.deepCopy().put("field", "before"));
        fields.add(rowSchema.deepCopy().put("field", "after"));
        fields.add(sourceSchema());
        fields.add(primitive("op", "string", false));
        fields.add(primitive("ts_ms", "int64", true));
        fields.add(primitive("seq", "int64", false));
        fields.add(transactionSchema());

        ObjectNode payload = NODES.objectNode();
        payload.set("before", event.hasBefore() ? row(event.getBefore()) : NODES.nullNode());
        payload.set("after", event.hasAfter() ? row(event.getAfter()) : NODES.nullNode());
        payload.set("source", source(event));
        payload.put("op", OPS.get(event.getOp()));
        payload.put("ts_ms", event.getCommitTimeMs());
        payload.put("seq", event.getSeq());
        payload.putObject("transaction").put("id", event.getTransactionId())
                .put("last_in_transaction", event.getLastInTransaction());
        return bytes(schema, payload);
    }

    /** The record key: the primary key's columns, or every column of a table without one; null for a TRUNCATE. */
    public static byte[] key(ChangeEvent event) {
        if (event.getOp() == Op.TRUNCATE) {
            return null;
        }
        Row image = event.hasAfter() ? event.getAfter() : event.getBefore();
        List<String> keys = event.getPrimaryKeyList();
        ObjectNode schema = struct("mysync." + event.getSourceId() + "." + event.getDatabase() + "."
                + event.getTable() + ".Key", false);
        ArrayNode fields = schema.putArray("fields");
        ObjectNode payload = NODES.objectNode();
        for (String name : keys.isEmpty() ? image.getColumnsList().stream().map(Column::getName).toList() : keys) {
            Column column = image.getColumnsList().stream().filter(c -> c.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the row has no key column " + name));
            fields.add(field(name, ConnectField.of(column.getType()), keys.isEmpty()));
            payload.set(name, ConnectValues.toJson(column.getValue()));
        }
        return bytes(schema, payload);
    }

    /** The event a {@link #value} document holds. */
    public static ChangeEvent decode(byte[] json) throws IOException {
        JsonNode root = JSON.readTree(json);
        JsonNode payload = root.path("payload");
        JsonNode source = payload.path("source");
        if (!payload.isObject() || !"mysync".equals(source.path("connector").asText())) {
            throw new IOException("not a MySync JSON envelope: no payload.source.connector \"mysync\"");
        }
        Map<String, String> types = new HashMap<>();
        for (JsonNode field : root.path("schema").path("fields")) {
            if (field.path("field").asText().equals("after")) {
                for (JsonNode column : field.path("fields")) {
                    types.put(column.path("field").asText(),
                            column.path("parameters").path(ConnectField.TYPE_PARAMETER).asText());
                }
            }
        }
        Op op = OPS_BY_CODE.get(payload.path("op").asText());
        if (op == null) {
            throw new IOException("unknown op '" + payload.path("op").asText() + "'");
        }
        ChangeEvent.Builder event = ChangeEvent.newBuilder().setSourceId(source.path("name").asText())
                .setSeq(payload.path("seq").asLong()).setOp(op).setDatabase(source.path("db").asText())
                .setTable(source.path("table").asText()).setSchemaVersion((int) source.path("schema_version").asLong())
                .setCommitTimeMs(source.path("ts_ms").asLong())
                .setTransactionId(payload.path("transaction").path("id").asText())
                .setLastInTransaction(payload.path("transaction").path("last_in_transaction").asBoolean())
                .setStatement(source.path("query").asText(""));
        SourcePosition position = SourcePosition.newBuilder().setGtid(source.path("gtid").asText(""))
                .setBinlogFile(source.path("file").asText("")).setBinlogPosition(source.path("pos").asLong())
                .setRowIndex(source.path("row").asInt()).setServerId(source.path("server_id").asLong()).build();
        if (!position.equals(SourcePosition.getDefaultInstance())) {
            event.setPosition(position);
        }
        source.path("primary_key").forEach(key -> event.addPrimaryKey(key.asText()));
        if (payload.path("before").isObject()) {
            event.setBefore(row(payload.path("before"), types));
        }
        if (payload.path("after").isObject()) {
            event.setAfter(row(payload.path("after"), types));
        }
        return event.build();
    }

    private static ObjectNode row(Row row) {
        ObjectNode node = NODES.objectNode();
        for (Column column : row.getColumnsList()) {
            node.set(column.getName(), ConnectValues.toJson(column.getValue()));
        }
        return node;
    }

    private static Row row(JsonNode node, Map<String, String> types) throws IOException {
        Row.Builder row = Row.newBuilder();
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) node::fields) {
            String type = types.get(entry.getKey());
            if (type == null || type.isEmpty()) {
                throw new IOException("column " + entry.getKey() + " has no " + ConnectField.TYPE_PARAMETER
                        + " in the schema");
            }
            row.addColumns(Column.newBuilder().setName(entry.getKey()).setType(type)
                    .setValue(ConnectValues.fromJson(entry.getValue(), type)));
        }
        return row.build();
    }

    private static ObjectNode source(ChangeEvent event) {
        SourcePosition position = event.getPosition();
        ObjectNode source = NODES.objectNode().put("version", VERSION).put("connector", "mysync")
                .put("name", event.getSourceId()).put("ts_ms", event.getCommitTimeMs())
                .put("snapshot", event.getOp() == Op.SNAPSHOT ? "true" : "false").put("db", event.getDatabase())
                .put("table", event.getTable()).put("server_id", position.getServerId())
                .put("gtid", position.getGtid().isEmpty() ? null : position.getGtid())
                .put("file", position.getBinlogFile()).put("pos", position.getBinlogPosition())
                .put("row", position.getRowIndex())
                .put("query", event.getStatement().isEmpty() ? null : event.getStatement())
                .put("schema_version", Integer.toUnsignedLong(event.getSchemaVersion()));
        ArrayNode keys = source.putArray("primary_key");
        event.getPrimaryKeyList().forEach(keys::add);
        return source;
    }

    private static ObjectNode sourceSchema() {
        ObjectNode source = struct("io.mysync.Source", false).put("field", "source");
        ArrayNode fields = source.putArray("fields");
        fields.add(primitive("version", "string", false));
        fields.add(primitive("connector", "string", false));
        fields.add(primitive("name", "string", false));
        fields.add(primitive("ts_ms", "int64", false));
        fields.add(primitive("snapshot", "string", true));
        fields.add(primitive("db", "string", false));
        fields.add(primitive("table", "string", true));
        fields.add(primitive("server_id", "int64", false));
        fields.add(primitive("gtid", "string", true));
        fields.add(primitive("file", "string", false));
        fields.add(primitive("pos", "int64", false));
        fields.add(primitive("row", "int32", false));
        fields.add(primitive("query", "string", true));
        fields.add(primitive("schema_version", "int64", false));
        fields.add(NODES.objectNode().put("type", "array").put("optional", false).put("field", "primary_key")
                .set("items", NODES.objectNode().put("type", "string").put("optional", false)));
        return source;
    }

    private static ObjectNode transactionSchema() {
        ObjectNode transaction = struct("event.block", true).put("field", "transaction");
        ArrayNode fields = transaction.putArray("fields");
        fields.add(primitive("id", "string", false));
        fields.add(primitive("last_in_transaction", "boolean", false));
        return transaction;
    }

    private static ObjectNode struct(String name, boolean optional) {
        return NODES.objectNode().put("type", "struct").put("optional", optional).put("name", name);
    }

    private static ObjectNode primitive(String field, String type, boolean optional) {
        return NODES.objectNode().put("type", type).put("optional", optional).put("field", field);
    }

    private static ObjectNode field(String name, ConnectField type, boolean optional) {
        ObjectNode field = primitive(name, type.type(), optional);
        if (type.name() != null) {
            field.put("name", type.name());
        }
        ObjectNode parameters = field.putObject("parameters");
        type.parameters().forEach(parameters::put);
        return field;
    }

    private static byte[] bytes(ObjectNode schema, JsonNode payload) {
        ObjectNode document = NODES.objectNode();
        document.set("schema", schema);
        document.set("payload", payload);
        try {
            return JSON.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
