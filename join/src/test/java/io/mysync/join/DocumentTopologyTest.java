package io.mysync.join;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.common.kafka.TopicNames;
import io.mysync.common.kafka.RowKeys;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MySyncConfig;
import io.mysync.config.model.TablePattern;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.Value;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The join topology on Kafka Streams' test driver: the document of an order follows its items, the items' options
 * and its customer whatever order the tables' changes come in, through replays, key moves, deletes and TRUNCATE.
 */
class DocumentTopologyTest {

    private static final String YAML = """
            source: { id: s, url: "mysql://u@127.0.0.1:1", server_id: 1 }
            kafka: { bootstrap: "127.0.0.1:1" }
            sinks: { memo: { url: "memo://x" } }
            mappings:
              - table: shop.orders
                memo:
                  key: "o:{id}"
                  nest:
                    - table: shop.items
                      parent_key: [ order_id ]
                      path: items
                      columns: [ id, sku ]
                      nest:
                        - { table: shop.options, parent_key: [ item_id ], path: options, as: map, columns: [ v ] }
                  lookup:
                    - { table: shop.customers, key: [ customer_id ], into: customer, columns: [ name ] }
            """;

    private static final com.fasterxml.jackson.databind.ObjectMapper SORTED =
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @TempDir
    Path state;

    private TopologyTestDriver driver;
    private TopicNames topics;
    private TestOutputTopic<byte[], byte[]> documents;
    private final Map<String, ChangeEvent> latest = new HashMap<>();
    private long seq;

    @BeforeEach
    void start() {
        MySyncConfig config = new ConfigLoader(Map.of()).read("t.yaml", YAML);
        topics = new TopicNames(config.kafka().topicTemplate(), "s");
        DocumentTopology.Built built = DocumentTopology.of(config.mappings(), topics, "s");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        p.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        DocumentTopology.configure(p);
        driver = new TopologyTestDriver(built.topology(), p);
        documents = driver.createOutputTopic(DocumentTopology.documentTopic(topics,
                new TablePattern.Named("shop", "orders"), "memo"), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void childrenBeforeTheirParentAppearOnceItExists() {
        send(Op.INSERT, "items", row("id", 10, "order_id", 1, "sku", "a"));
        send(Op.INSERT, "options", row("item_id", 10, "k", "x", "v", "red"));
        assertThat(document(1)).as("no order yet").isNull();

        send(Op.INSERT, "orders", row("id", 1, "customer_id", 7));

        assertThat(document(1)).isEqualTo("{\"customer\":{\"name\":null},\"customer_id\":7,\"id\":1,"
                + "\"items\":[{\"id\":10,\"options\":{\"10:x\":{\"v\":\"red\"}},\"sku\":\"a\"}]}");
    }

    @Test
    void aChildThatChangesItsParentMovesAndTheLastOneLeavesAnEmptyArray() {
        send(Op.INSERT, "orders", row("id", 1, "customer_id", 7));
        send(Op.INSERT, "orders", row("id", 2, "customer_id", 7));
        send(Op.INSERT, "items", row("id", 10, "order_id", 1, "sku", "a"));
        send(Op.INSERT, "items", row("id", 11, "order_id", 1, "sku", "b"));

        update("items", row("id", 10, "order_id", 1, "sku", "a"), row("id", 10, "order_id", 2, "sku", "a"));
        assertThat(document(1)).contains("\"items\":[{\"id\":11,\"options\":{},\"sku\":\"b\"}]");
        assertThat(document(2)).contains("\"items\":[{\"id\":10,\"options\":{},\"sku\":\"a\"}]");

        send(Op.DELETE, "items", row("id", 11, "order_id", 1, "sku", "b"));
        assertThat(document(1)).contains("\"items\":[]");
    }

    @Test
    void aLookedUpRowReachesEveryDocumentAndItsDeleteEmptiesTheFields() {
        send(Op.INSERT, "customers", row("id", 7, "name", "Ada"));
        for (int order = 1; order <= 3; order++) {
            send(Op.INSERT, "orders", row("id", order, "customer_id", 7));
        }
        update("customers", row("id", 7, "name", "Ada"), row("id", 7, "name", "Eve"));
        for (int order = 1; order <= 3; order++) {
            assertThat(document(order)).contains("\"customer\":{\"name\":\"Eve\"}");
        }
        send(Op.INSERT, "customers", row("id", 8, "name", "Bob"));
        update("orders", row("id", 2, "customer_id", 7), row("id", 2, "customer_id", 8));
        assertThat(document(2)).contains("\"customer\":{\"name\":\"Bob\"}");

        send(Op.DELETE, "customers", row("id", 7, "name", "Eve"));
        assertThat(document(1)).contains("\"customer\":{\"name\":null}");
        assertThat(document(2)).contains("\"customer\":{\"name\":\"Bob\"}");

        update("orders", row("id", 2, "customer_id", 8), Row.newBuilder(row("id", 2)).addColumns(Column.newBuilder()
                .setName("customer_id").setValue(Value.newBuilder().setNullValue(true))).build());
        assertThat(document(2)).as("a NULL reference, as LEFT JOIN gives it")
                .contains("\"customer\":{\"name\":null}").contains("\"customer_id\":null");
    }

    @Test
    void replayedAndOlderEventsChangeNothingAndNeverResurrect() {
        ChangeEvent insert = send(Op.INSERT, "items", row("id", 10, "order_id", 1, "sku", "a"));
        send(Op.INSERT, "orders", row("id", 1, "customer_id", 7));
        ChangeEvent update = update("items", row("id", 10, "order_id", 1, "sku", "a"),
                row("id", 10, "order_id", 1, "sku", "b"));
        ChangeEvent delete = send(Op.DELETE, "items", row("id", 10, "order_id", 1, "sku", "b"));
        String before = document(1);
        long revision = latest.get("[\"1\"]").getSeq();

        replay("items", insert);
        replay("items", update);
        replay("items", delete);

        assertThat(document(1)).isEqualTo(before).contains("\"items\":[]");
        assertThat(latest.get("[\"1\"]").getSeq()).isEqualTo(revision);
    }

    @Test
    void truncateEmptiesTheNestAndAParentDeleteDeletesTheDocument() {
        send(Op.INSERT, "orders", row("id", 1, "customer_id", 7));
        send(Op.INSERT, "items", row("id", 10, "order_id", 1, "sku", "a"));
        send(Op.INSERT, "items", row("id", 11, "order_id", 1, "sku", "b"));

        send(ChangeEvent.newBuilder().setSeq(++seq).setOp(Op.TRUNCATE).setDatabase("shop").setTable("items").build(),
                "items");
        assertThat(document(1)).contains("\"items\":[]");

        send(Op.DELETE, "orders", row("id", 1, "customer_id", 7));
        assertThat(latest.get("[\"1\"]").getOp()).isEqualTo(Op.DELETE);
        assertThat(latest.get("[\"1\"]").getBefore().getColumnsList()).extracting(Column::getName)
                .containsExactly("id");
    }

    @Test
    void revisionsOfADocumentOnlyGrow() {
        send(Op.INSERT, "orders", row("id", 1, "customer_id", 7));
        long last = 0;
        for (int i = 0; i < 20; i++) {
            send(Op.INSERT, "items", row("id", 100 + i, "order_id", 1, "sku", "s" + i));
            long revision = latest.get("[\"1\"]").getSeq();
            assertThat(revision).isGreaterThan(last);
            last = revision;
        }
    }

    // ---- events in, documents out

    private ChangeEvent send(Op op, String table, Row row) {
        ChangeEvent.Builder event = ChangeEvent.newBuilder().setSourceId("s").setSeq(++seq).setOp(op)
                .setDatabase("shop").setTable(table).addAllPrimaryKey(KEYS.get(table));
        return send((op == Op.DELETE ? event.setBefore(row) : event.setAfter(row)).build(), table);
    }

    private ChangeEvent update(String table, Row before, Row after) {
        return send(ChangeEvent.newBuilder().setSourceId("s").setSeq(++seq).setOp(Op.UPDATE).setDatabase("shop")
                .setTable(table).addAllPrimaryKey(KEYS.get(table)).setBefore(before).setAfter(after).build(), table);
    }

    private void replay(String table, ChangeEvent event) {
        send(event, table);
    }

    private ChangeEvent send(ChangeEvent event, String table) {
        TestInputTopic<byte[], byte[]> input = driver.createInputTopic(topics.topicOf("shop", table),
                new ByteArraySerializer(), new ByteArraySerializer());
        input.pipeInput(RowKeys.bytesOf(event.hasAfter() || event.hasBefore() ? event
                : event.toBuilder().setAfter(Row.getDefaultInstance()).build()), event.toByteArray());
        documents.readKeyValuesToList().forEach(kv -> {
            try {
                latest.put(new String(kv.key, java.nio.charset.StandardCharsets.UTF_8), ChangeEvent.parseFrom(kv.value));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        });
        return event;
    }

    /** The order's document as sorted text, or null when there is none (never written, or deleted). */
    private String document(int order) {
        ChangeEvent doc = latest.get("[\"" + order + "\"]");
        if (doc == null || doc.getOp() == Op.DELETE) {
            return null;
        }
        assertThat(doc.getJoinedFor()).isEqualTo("memo");
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        for (Column column : doc.getAfter().getColumnsList()) {
            fields.put(column.getName(), io.mysync.events.JavaValues.of(column.getValue()));
        }
        try {
            return SORTED.writeValueAsString(fields);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static Row row(Object... namesAndValues) {
        Row.Builder row = Row.newBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object v = namesAndValues[i + 1];
            Value value = v instanceof Integer n ? Value.newBuilder().setIntValue(n).build()
                    : Value.newBuilder().setStringValue(String.valueOf(v)).build();
            row.addColumns(Column.newBuilder().setName((String) namesAndValues[i]).setType("int").setValue(value));
        }
        return row.build();
    }

    private static final Map<String, List<String>> KEYS = Map.of("orders", List.of("id"), "items", List.of("id"),
            "options", List.of("item_id", "k"), "customers", List.of("id"));
}
