package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/**
 * Each sink on its real store: stale and replayed events never overwrite newer ones nor resurrect deleted rows
 * (Redis by its compare-and-set script, Elasticsearch by external versions, HBase by cell timestamps).
 */
@ExtendWith(SandboxExtension.class)
class StaleEventIT {

    private static ChangeEvent event(long seq, Op op, long id, String name) {
        Row row = Row.newBuilder()
                .addColumns(Column.newBuilder().setName("id").setValue(Value.newBuilder().setIntValue(id)))
                .addColumns(Column.newBuilder().setName("name").setValue(Value.newBuilder().setStringValue(name)))
                .build();
        ChangeEvent.Builder e = ChangeEvent.newBuilder().setSourceId("s").setSeq(seq).setOp(op).setDatabase("db")
                .setTable("t").addPrimaryKey("id");
        return (op == Op.DELETE ? e.setBefore(row) : e.setAfter(row)).build();
    }

    /** What the store holds as row 1's name, or empty when the row does not exist. */
    @FunctionalInterface
    private interface StoredName {
        Optional<String> read() throws Exception;
    }

    /**
     * Late, replayed and re-ordered events against one sink; every store must end as the newest event says. A seq
     * names one event, so a replay carries the same content as the original (HBase, whose cell timestamp is the
     * seq, would otherwise let the later write of an equal timestamp win).
     */
    private static void staleAndReplayedEventsChangeNothing(Sink sink, StoredName name) throws Exception {
        sink.apply(List.of(event(10, Op.INSERT, 1, "ten")));
        assertThat(name.read()).hasValue("ten");
        sink.apply(List.of(event(7, Op.UPDATE, 1, "seven")));
        assertThat(name.read()).as("an older event arriving late").hasValue("ten");
        sink.apply(List.of(event(11, Op.UPDATE, 1, "eleven")));
        sink.apply(List.of(event(10, Op.INSERT, 1, "ten")));
        assertThat(name.read()).as("a replayed older event after a newer one").hasValue("eleven");
        sink.apply(List.of(event(11, Op.UPDATE, 1, "eleven")));
        assertThat(name.read()).as("a replay of the newest event").hasValue("eleven");

        sink.apply(List.of(event(12, Op.DELETE, 1, "eleven")));
        assertThat(name.read()).isEmpty();
        sink.apply(List.of(event(11, Op.UPDATE, 1, "eleven")));
        assertThat(name.read()).as("a replayed update must not resurrect a deleted row").isEmpty();
        sink.apply(List.of(event(9, Op.INSERT, 1, "nine")));
        assertThat(name.read()).as("a replayed insert must not resurrect a deleted row").isEmpty();

        sink.apply(List.of(event(13, Op.INSERT, 1, "back")));
        assertThat(name.read()).hasValue("back");
        // sequence numbers compare as numbers, not as text: 9 < 10 < 100
        sink.apply(List.of(event(100, Op.UPDATE, 1, "hundred"), event(99, Op.UPDATE, 1, "ninety-nine")));
        assertThat(name.read()).hasValue("hundred");
        // and beyond 32 bits
        sink.apply(List.of(event(5_000_000_000L, Op.UPDATE, 1, "high")));
        sink.apply(List.of(event(101, Op.UPDATE, 1, "low")));
        assertThat(name.read()).hasValue("high");
    }

    private static MySyncConfig config(String sinks, String mapping) {
        return new ConfigLoader(Map.of()).read("stale.yaml", """
                source: { id: s, url: "mysql://u@127.0.0.1:1", server_id: 1 }
                kafka: { bootstrap: "127.0.0.1:1" }
                sinks: { %s }
                mappings:
                  - table: db.t
                    %s
                """.formatted(sinks, mapping));
    }

    @Test
    void redisIgnoresStaleAndReplayedEvents() throws Exception {
        String prefix = TestEnv.unique("stale");
        MySyncConfig config = config("redis: { url: \"" + TestEnv.sandbox().redis().url() + "\" }",
                "redis: { key: \"" + prefix + ":{id}\" }");
        try (Sink sink = new RedisSinkFactory().create(config);
             Jedis redis = new Jedis("127.0.0.1", TestEnv.sandbox().redis().port())) {
            staleAndReplayedEventsChangeNothing(sink, () -> Optional.ofNullable(redis.hget(prefix + ":1", "name")));
        }
    }

    @Test
    void elasticsearchIgnoresStaleAndReplayedEvents() throws Exception {
        String index = TestEnv.unique("stale");
        MySyncConfig config = config("elasticsearch: { hosts: [ \"" + TestEnv.sandbox().elasticsearch().url()
                + "\" ], index_replicas: 0 }", "elasticsearch: { index: \"" + index + "\" }");
        try (Sink sink = new ElasticsearchSinkFactory().create(config)) {
            staleAndReplayedEventsChangeNothing(sink, () -> Stores.esDocument(index, "1")
                    .map(doc -> doc.path("name").asText()));
        }
    }

    @Test
    void hbaseIgnoresStaleAndReplayedEvents() throws Exception {
        String table = TestEnv.unique("stale");
        MySyncConfig config = config("hbase: { zookeeper: \"" + TestEnv.sandbox().hbase().zookeeperQuorum()
                + "\" }", "hbase: { table: \"" + table + "\" }");
        try (Sink sink = new HBaseSinkFactory().create(config)) {
            staleAndReplayedEventsChangeNothing(sink, () -> Stores.hbaseCell(table, "1", "name"));
        }
    }

    @Test
    void jsonRowsWithATimeToLive() throws Exception {
        String prefix = TestEnv.unique("json");
        MySyncConfig config = config("redis: { url: \"" + TestEnv.sandbox().redis().url() + "\" }",
                "redis: { key: \"" + prefix + ":{id}\", type: json, ttl: 1h }");
        try (Sink sink = new RedisSinkFactory().create(config);
             Jedis redis = new Jedis("127.0.0.1", TestEnv.sandbox().redis().port())) {
            sink.apply(List.of(event(5, Op.INSERT, 9, "nine")));
            assertThat(redis.get(prefix + ":9")).isEqualTo("{\"id\":9,\"name\":\"nine\"}");
            assertThat(redis.pttl(prefix + ":9")).isBetween(3_500_000L, 3_600_000L);
            sink.apply(List.of(event(4, Op.UPDATE, 9, "stale")));
            assertThat(redis.get(prefix + ":9")).contains("nine");
            sink.apply(List.of(event(6, Op.DELETE, 9, "nine")));
            assertThat(redis.exists(prefix + ":9")).isFalse();
        }
    }
}
