package io.mysync.writer.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.SetValue;
import io.mysync.events.v1.Value;
import io.mysync.writer.api.PoisonEventException;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MySyncConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisRowEncoderTest {

    private static final MySyncConfig CONFIG = new ConfigLoader(Map.of()).read("t.yaml", """
            source: { id: s, url: "mysql://u@h:1", server_id: 1 }
            kafka: { bootstrap: "h:1" }
            sinks: { redis: { url: "redis://h:1" } }
            mappings:
              - table: shop.orders
                columns: { exclude: [ secret ] }
                redis: { key: "order:{id}", ttl: 1m }
              - table: shop.docs
                redis: { key: "{table}:{id}", type: json }
            """);

    private final RedisRowEncoder encoder = RedisRowEncoder.forMappings(CONFIG.mappings());

    private static Column column(String name, Value.Builder value) {
        return Column.newBuilder().setName(name).setValue(value).build();
    }

    private static ChangeEvent event(String table, Op op, Row row) {
        ChangeEvent.Builder e = ChangeEvent.newBuilder().setSeq(42).setOp(op).setDatabase("shop").setTable(table);
        return (op == Op.DELETE ? e.setBefore(row) : e.setAfter(row)).build();
    }

    private static List<String> text(List<byte[]> parts) {
        return parts.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void encodesAHashWithoutNullsOrExcludedColumns() throws Exception {
        Row row = Row.newBuilder().addColumns(column("id", Value.newBuilder().setIntValue(7)))
                .addColumns(column("note", Value.newBuilder().setNullValue(true)))
                .addColumns(column("empty", Value.newBuilder().setStringValue("")))
                .addColumns(column("secret", Value.newBuilder().setStringValue("pw")))
                .addColumns(column("blob", Value.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {0, -1}))))
                .build();
        RedisCommand command = encoder.encode(event("orders", Op.INSERT, row), "seq:".getBytes(), Duration.ofDays(1))
                .orElseThrow();
        assertThat(text(command.keys())).containsExactly("order:7", RedisKeys.seqKey("seq:", "order:7"));
        assertThat(text(command.keys()).get(1)).startsWith("seq:{").endsWith("}order:7");
        List<byte[]> args = command.args();
        assertThat(text(args.subList(0, 5))).containsExactly("42", "hash", "60000", "86400000", "6");
        assertThat(text(args.subList(5, 9))).containsExactly("id", "7", "empty", "");
        assertThat(args.get(9)).isEqualTo("blob".getBytes());
        assertThat(args.get(10)).containsExactly(0, -1);
    }

    @Test
    void encodesDeletesJsonAndSkipsUnmappedTables() throws Exception {
        Row row = Row.newBuilder().addColumns(column("id", Value.newBuilder().setUintValue(-1L)))
                .addColumns(column("tags", Value.newBuilder().setSetValue(SetValue.newBuilder().addMembers("a"))))
                .addColumns(column("price", Value.newBuilder().setDecimalValue("1.50")))
                .addColumns(column("doc", Value.newBuilder().setJsonValue("{\"k\": [1]}"))).build();
        RedisCommand json = encoder.encode(event("docs", Op.UPDATE, row), new byte[0], Duration.ofDays(1))
                .orElseThrow();
        assertThat(text(json.keys()).get(0)).isEqualTo("docs:18446744073709551615");
        assertThat(text(json.args()).get(5))
                .isEqualTo("{\"id\":18446744073709551615,\"tags\":[\"a\"],\"price\":\"1.50\",\"doc\":{\"k\":[1]}}");
        RedisCommand delete = encoder.encode(event("docs", Op.DELETE, row), new byte[0], Duration.ofDays(1))
                .orElseThrow();
        assertThat(text(delete.args())).containsExactly("42", "del", "0", "86400000", "0");
        assertThat(encoder.encode(event("other", Op.INSERT, row), new byte[0], Duration.ofDays(1))).isEmpty();
    }

    @Test
    void aKeyColumnThatIsMissingOrNullIsAPoisonEvent() {
        Row row = Row.newBuilder().addColumns(column("id", Value.newBuilder().setNullValue(true))).build();
        assertThatThrownBy(() -> encoder.encode(event("orders", Op.INSERT, row), new byte[0], Duration.ofDays(1)))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("uses column id, which is NULL");
        Row noId = Row.newBuilder().addColumns(column("x", Value.newBuilder().setIntValue(1))).build();
        assertThatThrownBy(() -> encoder.encode(event("orders", Op.INSERT, noId), new byte[0], Duration.ofDays(1)))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("does not have; fix the mapping");
    }
}
