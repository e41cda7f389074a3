package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.Value;
import io.mysync.writer.api.Sink;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MySyncConfig;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.writer.elasticsearch.ElasticsearchSinkFactory;
import io.mysync.writer.hbase.HBaseSinkFactory;
import io.mysync.writer.redis.RedisSinkFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/**
 * The mapping options on the real stores, one table mapped to all three sinks at once: columns excluded and
 * renamed, constant fields, a soft-delete flag instead of removal, skipped operations, several tables into one
 * index, Elasticsearch JSON objects, HBase salted row keys and native value encoding.
 */
@ExtendWith(SandboxExtension.class)
class MappingOptionsIT {

    private String name;
    private MySyncConfig config;

    @BeforeEach
    void configure() throws Exception {
        name = TestEnv.unique("opts");
        config = new ConfigLoader(Map.of()).read("options.yaml", """
                source: { id: s, url: "mysql://u@127.0.0.1:1", server_id: 1 }
                kafka: { bootstrap: "127.0.0.1:1" }
                sinks:
                  redis: { url: "%2$s" }
                  elasticsearch: { hosts: [ "%3$s" ], index_replicas: 0 }
                  hbase: { zookeeper: "%4$s" }
                mappings:
                  - table: db.people
                    columns: { exclude: [ secret ], rename: { name: full_name } }
                    constants: { origin: crm }
                    soft_delete: deleted
                    redis: { key: "%1$s:people:{id}" }
                    elasticsearch: { index: "%1$s_people", id: "{table}-{id}", json_objects: true }
                    hbase: { table: "%1$s_people", salt_buckets: 4, encoding: native }
                  - table: db.people_archive
                    elasticsearch: { index: "%1$s_people", id: "{table}-{id}", json_objects: true }
                  - table: db.audit
                    skip: [ update, delete ]
                    redis: { key: "%1$s:audit:{id}" }
                    elasticsearch: { index: "%1$s_audit" }
                    hbase: { table: "%1$s_audit" }
                """.formatted(name, TestEnv.sandbox().redis().url(), TestEnv.sandbox().elasticsearch().url(),
                TestEnv.sandbox().hbase().zookeeperQuorum()));
    }

    private static Column column(String name, String type, Value value) {
        return Column.newBuilder().setName(name).setType(type).setValue(value).build();
    }

    private static ChangeEvent person(long seq, Op op, String table, long id, String fullName, String balance) {
        Row row = Row.newBuilder()
                .addColumns(column("id", "bigint", Value.newBuilder().setIntValue(id).build()))
                .addColumns(column("name", "varchar(50)", Value.newBuilder().setStringValue(fullName).build()))
                .addColumns(column("secret", "varchar(50)", Value.newBuilder().setStringValue("hunter2").build()))
                .addColumns(column("balance", "decimal(12,2)", Value.newBuilder().setDecimalValue(balance).build()))
                .addColumns(column("attrs", "json", Value.newBuilder()
                        .setJsonValue("{\"tier\": \"gold\", \"tags\": [1, 2]}").build()))
                .build();
        ChangeEvent.Builder e = ChangeEvent.newBuilder().setSourceId("s").setSeq(seq).setOp(op).setDatabase("db")
                .setTable(table).addPrimaryKey("id");
        return (op == Op.DELETE ? e.setBefore(row) : e.setAfter(row)).build();
    }

    private void applyToEverySink(List<ChangeEvent> events) throws Exception {
        for (Sink sink : List.of(new RedisSinkFactory().create(config), new ElasticsearchSinkFactory().create(config),
                new HBaseSinkFactory().create(config))) {
            try (sink) {
                sink.apply(events);
            }
        }
    }

    @Test
    void excludeRenameConstantsAndSoftDeleteInEveryStore() throws Exception {
        applyToEverySink(List.of(person(1, Op.INSERT, "people", 7, "Ada", "10.50"),
                person(2, Op.INSERT, "people", 8, "Bob", "3.00"),
                person(3, Op.DELETE, "people", 8, "Bob", "3.00")));

        try (Jedis redis = new Jedis("127.0.0.1", TestEnv.sandbox().redis().port())) {
            Map<String, String> ada = redis.hgetAll(name + ":people:7");
            assertThat(ada).containsEntry("full_name", "Ada").containsEntry("origin", "crm")
                    .containsEntry("deleted", "false").containsEntry("balance", "10.50")
                    .doesNotContainKeys("name", "secret");
            assertThat(redis.hgetAll(name + ":people:8")).as("soft-deleted row keeps its last image")
                    .containsEntry("full_name", "Bob").containsEntry("deleted", "true");
        }

        JsonNode ada = Stores.esDocument(name + "_people", "people-7").orElseThrow();
        assertThat(ada.path("full_name").asText()).isEqualTo("Ada");
        assertThat(ada.path("origin").asText()).isEqualTo("crm");
        assertThat(ada.path("deleted").isBoolean()).isTrue();
        assertThat(ada.path("deleted").asBoolean()).isFalse();
        assertThat(ada.has("secret")).isFalse();
        assertThat(ada.has("name")).isFalse();
        assertThat(ada.path("attrs").path("tier").asText()).as("JSON column indexed as an object").isEqualTo("gold");
        assertThat(ada.path("attrs").path("tags").size()).isEqualTo(2);
        assertThat(ada.path("balance").decimalValue()).isEqualByComparingTo("10.50");
        assertThat(Stores.esDocument(name + "_people", "people-8").orElseThrow().path("deleted").asBoolean())
                .isTrue();
        String mapping = Stores.esGet("/" + name + "_people/_mapping");
        assertThat(mapping).contains("\"deleted\":{\"type\":\"boolean\"}").contains("\"tier\"");

        // HBase: salted keys "<bucket>|<id>", values in HBase's own byte encodings
        Result row = Stores.hbaseRow(name + "_people", salted("7", 4));
        byte[] d = Bytes.toBytes("d");
        assertThat(Bytes.toString(row.getValue(d, Bytes.toBytes("full_name")))).isEqualTo("Ada");
        assertThat(Bytes.toLong(row.getValue(d, Bytes.toBytes("id")))).isEqualTo(7L);
        assertThat(Bytes.toBigDecimal(row.getValue(d, Bytes.toBytes("balance")))).isEqualByComparingTo("10.50");
        assertThat(Bytes.toBoolean(row.getValue(d, Bytes.toBytes("deleted")))).isFalse();
        assertThat(Bytes.toString(row.getValue(d, Bytes.toBytes("origin")))).isEqualTo("crm");
        assertThat(row.getValue(d, Bytes.toBytes("secret"))).isNull();
        assertThat(Bytes.toBoolean(Stores.hbaseRow(name + "_people", salted("8", 4))
                .getValue(d, Bytes.toBytes("deleted")))).isTrue();
        List<String> keys = new ArrayList<>();
        try (Table table = Stores.hbase().getTable(TableName.valueOf(name + "_people"));
             ResultScanner scanner = table.getScanner(new Scan())) {
            for (Result r : scanner) {
                keys.add(Bytes.toString(r.getRow()));
            }
        }
        assertThat(keys).hasSize(2).allMatch(k -> k.matches("0[0-3]\\|[78]"));
    }

    @Test
    void skippedOperationsKeepRowsAndTablesShareAnIndex() throws Exception {
        applyToEverySink(List.of(person(1, Op.INSERT, "audit", 1, "first", "1.00"),
                person(2, Op.UPDATE, "audit", 1, "changed", "2.00"),
                person(3, Op.DELETE, "audit", 1, "changed", "2.00"),
                person(4, Op.INSERT, "people_archive", 7, "Old Ada", "0.00"),
                person(5, Op.INSERT, "people", 7, "Ada", "10.50")));

        try (Jedis redis = new Jedis("127.0.0.1", TestEnv.sandbox().redis().port())) {
            assertThat(redis.hget(name + ":audit:1", "name")).isEqualTo("first");
        }
        assertThat(Stores.esDocument(name + "_audit", "1").orElseThrow().path("name").asText()).isEqualTo("first");
        assertThat(Stores.hbaseCell(name + "_audit", "1", "name")).hasValue("first");

        // two tables, one index, ids kept apart by the id template (their shared fields must agree in type: with
        // json_objects on one mapping only, the index's attrs field would reject the other table's documents)
        assertThat(Stores.esDocument(name + "_people", "people_archive-7").orElseThrow().path("name").asText())
                .isEqualTo("Old Ada");
        assertThat(Stores.esDocument(name + "_people", "people-7").orElseThrow().path("full_name").asText())
                .isEqualTo("Ada");
    }

    private static byte[] salted(String key, int buckets) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return String.format("%02x|%s", crc.getValue() % buckets, key).getBytes(StandardCharsets.UTF_8);
    }

}
