package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.common.event.ChangeEvent;
import io.mysync.common.event.Column;
import io.mysync.common.event.Op;
import io.mysync.common.event.Row;
import io.mysync.common.event.Value;
import io.mysync.common.spi.Sink;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MySyncConfig;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.writer.redis.RedisSinkFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/** The Redis sink's compare-and-set on real Redis: stale and replayed events never overwrite newer ones. */
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

    @Test
    void staleAndReplayedEventsChangeNothing() throws Exception {
        String prefix = TestEnv.unique("stale");
        MySyncConfig config = new ConfigLoader(Map.of()).read("stale.yaml", """
                source: { id: s, url: "mysql://u@127.0.0.1:1", server_id: 1 }
                kafka: { bootstrap: "127.0.0.1:1" }
                sinks: { redis: { url: "%s" } }
                mappings:
                  - table: db.t
                    redis: { key: "%s:{id}" }
                """.formatted(TestEnv.sandbox().redis().url(), prefix));
        try (Sink sink = new RedisSinkFactory().create(config);
             Jedis redis = new Jedis("127.0.0.1", TestEnv.sandbox().redis().port())) {
            String key = prefix + ":1";
            sink.apply(List.of(event(10, Op.INSERT, 1, "ten")));
            sink.apply(List.of(event(7, Op.UPDATE, 1, "seven")));
            assertThat(redis.hget(key, "name")).as("an older event arriving late").isEqualTo("ten");
            sink.apply(List.of(event(10, Op.UPDATE, 1, "ten again")));
            assertThat(redis.hget(key, "name")).as("a replay of the same seq").isEqualTo("ten");

            sink.apply(List.of(event(11, Op.UPDATE, 1, "eleven"), event(12, Op.DELETE, 1, "eleven")));
            assertThat(redis.exists(key)).isFalse();
            sink.apply(List.of(event(11, Op.UPDATE, 1, "eleven")));
            assertThat(redis.exists(key)).as("a replayed update must not resurrect a deleted row").isFalse();

            sink.apply(List.of(event(13, Op.INSERT, 1, "back")));
            assertThat(redis.hget(key, "name")).isEqualTo("back");
            // sequence numbers compare as numbers, not as text: 9 < 10 < 100
            sink.apply(List.of(event(100, Op.UPDATE, 1, "hundred"), event(99, Op.UPDATE, 1, "ninety-nine")));
            assertThat(redis.hget(key, "name")).isEqualTo("hundred");
        }
    }

    @Test
    void jsonRowsWithATimeToLive() throws Exception {
        String prefix = TestEnv.unique("json");
        MySyncConfig config = new ConfigLoader(Map.of()).read("json.yaml", """
                source: { id: s, url: "mysql://u@127.0.0.1:1", server_id: 1 }
                kafka: { bootstrap: "127.0.0.1:1" }
                sinks: { redis: { url: "%s" } }
                mappings:
                  - table: db.t
                    redis: { key: "%s:{id}", type: json, ttl: 1h }
                """.formatted(TestEnv.sandbox().redis().url(), prefix));
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
