package io.mysync.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.mysync.events.v1.Bits;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Date;
import io.mysync.events.v1.DateTime;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.SetValue;
import io.mysync.events.v1.SourcePosition;
import io.mysync.events.v1.Time;
import io.mysync.events.v1.Timestamp;
import io.mysync.events.v1.Value;
import java.math.BigDecimal;
import java.util.Map;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class JsonEnvelopeTest {

    private static Column column(String name, String type, Value value) {
        return Column.newBuilder().setName(name).setType(type).setValue(value).build();
    }

    /** One column of every kind, with the values that break naive encodings. */
    static Row everyKind(long id) {
        return Row.newBuilder()
                .addColumns(column("id", "bigint", Value.newBuilder().setIntValue(id).build()))
                .addColumns(column("u64", "bigint unsigned", Value.newBuilder().setUintValue(-1L).build()))
                .addColumns(column("dec", "decimal(65,30)", Value.newBuilder()
                        .setDecimalValue("-12345678901234567890123456789012345.123456789012345678901234567890").build()))
                .addColumns(column("f", "float", Value.newBuilder().setFloatValue(1.1f).build()))
                .addColumns(column("d", "double", Value.newBuilder().setDoubleValue(1e300).build()))
                .addColumns(column("b1", "bit(1)", Value.newBuilder().setBitValue(Bits.newBuilder()
                        .setBytes(ByteString.copyFrom(new byte[] {1})).setLength(1)).build()))
                .addColumns(column("b12", "bit(12)", Value.newBuilder().setBitValue(Bits.newBuilder()
                        .setBytes(ByteString.copyFrom(new byte[] {0x0A, (byte) 0xBC})).setLength(12)).build()))
                .addColumns(column("dt", "date", Value.newBuilder().setDateValue(Date.getDefaultInstance()).build()))
                .addColumns(column("tm", "time(6)", Value.newBuilder().setTimeValue(Time.newBuilder()
                        .setMicros(-(838L * 3600 + 59 * 60 + 59) * 1_000_000L).setFsp(6)).build()))
                .addColumns(column("dtm", "datetime(3)", Value.newBuilder().setDatetimeValue(DateTime.newBuilder()
                        .setDate(Date.newBuilder().setYear(2024).setMonth(2).setDay(29)).setHour(23).setMinute(59)
                        .setSecond(58).setMicros(123000).setFsp(3)).build()))
                .addColumns(column("ts", "timestamp(6)", Value.newBuilder().setTimestampValue(Timestamp.newBuilder()
                        .setEpochSecond(1717223400).setMicros(123456).setFsp(6)).build()))
                .addColumns(column("ts0", "timestamp", Value.newBuilder().setTimestampValue(Timestamp
                        .getDefaultInstance()).build()))
                .addColumns(column("yr", "year", Value.newBuilder().setYearValue(0).build()))
                .addColumns(column("vc", "varchar", Value.newBuilder().setStringValue("héllo 🍣 \"x\"").build()))
                .addColumns(column("bin", "varbinary", Value.newBuilder()
                        .setBytesValue(ByteString.copyFrom(new byte[] {0, -1, 7})).build()))
                .addColumns(column("en", "enum", Value.newBuilder().setEnumValue("beta").build()))
                .addColumns(column("st", "set", Value.newBuilder().setSetValue(SetValue.newBuilder()
                        .addMembers("x").addMembers("z")).build()))
                .addColumns(column("st0", "set", Value.newBuilder().setSetValue(SetValue.getDefaultInstance()).build()))
                .addColumns(column("js", "json", Value.newBuilder().setJsonValue("{\"n\":1}").build()))
                .addColumns(column("nul", "int", Value.newBuilder().setNullValue(true).build()))
                .build();
    }

    static ChangeEvent update() {
        return ChangeEvent.newBuilder().setSourceId("shop").setSeq(4711).setOp(Op.UPDATE).setDatabase("db")
                .setTable("t").setSchemaVersion(3).addPrimaryKey("id").setBefore(everyKind(1)).setAfter(everyKind(2))
                .setPosition(SourcePosition.newBuilder().setGtid("3e11fa47-71ca-11e1-9e33-c80aa9429562:23")
                        .setBinlogFile("mysql-bin.000003").setBinlogPosition(154).setRowIndex(1).setServerId(11))
                .setCommitTimeMs(1733550000123L).setTransactionId("3e11fa47-71ca-11e1-9e33-c80aa9429562:23")
                .setLastInTransaction(true).build();
    }

    @Test
    void decodesToTheSameEventExactly() throws Exception {
        ChangeEvent event = update();
        assertThat(JsonEnvelope.decode(JsonEnvelope.value(event))).isEqualTo(event);
        ChangeEvent truncate = ChangeEvent.newBuilder().setSourceId("shop").setSeq(9).setOp(Op.TRUNCATE)
                .setDatabase("db").setTable("t").setStatement("TRUNCATE TABLE t").build();
        assertThat(JsonEnvelope.decode(JsonEnvelope.value(truncate))).isEqualTo(truncate);
        assertThat(JsonEnvelope.key(truncate)).isNull();
        assertThat(EventDecoder.decode(event.toByteArray())).isEqualTo(event);
        assertThat(EventDecoder.decode(JsonEnvelope.value(event))).isEqualTo(event);
    }

    @Test
    void isADebeziumEnvelopeWithExactValues() throws Exception {
        JsonNode payload = new ObjectMapper().readTree(JsonEnvelope.value(update())).path("payload");
        assertThat(payload.path("op").asText()).isEqualTo("u");
        assertThat(payload.path("seq").asLong()).isEqualTo(4711);
        assertThat(payload.path("source").path("file").asText()).isEqualTo("mysql-bin.000003");
        assertThat(payload.path("source").path("snapshot").asText()).isEqualTo("false");
        assertThat(payload.path("transaction").path("id").asText()).endsWith(":23");
        JsonNode after = payload.path("after");
        assertThat(after.path("u64").toString()).isEqualTo("18446744073709551615");
        assertThat(after.path("dec").asText()).isEqualTo(
                "-12345678901234567890123456789012345.123456789012345678901234567890");
        assertThat(after.path("ts").asText()).isEqualTo("2024-06-01T06:30:00.123456Z");
        assertThat(after.path("dtm").asText()).isEqualTo("2024-02-29 23:59:58.123");
        assertThat(after.path("tm").asText()).isEqualTo("-838:59:59.000000");
        assertThat(after.path("dt").asText()).isEqualTo("0000-00-00");
        assertThat(after.path("b1").asBoolean()).isTrue();
        assertThat(after.path("st").asText()).isEqualTo("x,z");
        assertThat(after.path("js").asText()).isEqualTo("{\"n\":1}");
        assertThat(after.path("nul").isNull()).isTrue();
    }

    /** Kafka Connect's JsonConverter (schemas enabled, as Debezium writes) reads the envelope and its key. */
    @Test
    void kafkaConnectsJsonConverterReadsIt() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true"), false);
        ChangeEvent event = update();
        SchemaAndValue value = converter.toConnectData("topic", JsonEnvelope.value(event));
        Struct envelope = (Struct) value.value();
        assertThat(value.schema().name()).isEqualTo("mysync.shop.db.t.Envelope");
        assertThat(envelope.getString("op")).isEqualTo("u");
        assertThat(envelope.getInt64("seq")).isEqualTo(4711L);
        Struct after = envelope.getStruct("after");
        assertThat(after.get("u64")).isEqualTo(new BigDecimal("18446744073709551615"));
        assertThat(after.schema().field("u64").schema().name()).isEqualTo("org.apache.kafka.connect.data.Decimal");
        assertThat(after.getInt64("id")).isEqualTo(2L);
        assertThat(after.schema().field("id").schema().isOptional()).isFalse();
        assertThat(after.getString("dec")).startsWith("-1234567890");
        assertThat(after.getFloat32("f")).isEqualTo(1.1f);
        assertThat(after.getFloat64("d")).isEqualTo(1e300);
        assertThat(after.getBoolean("b1")).isTrue();
        assertThat(after.getBytes("b12")).containsExactly(0xBC - 256, 0x0A);
        assertThat(after.getBytes("bin")).containsExactly(0, -1, 7);
        assertThat(after.getInt32("yr")).isZero();
        assertThat(after.get("nul")).isNull();
        assertThat(after.schema().field("dec").schema().parameters())
                .containsEntry("__debezium.source.column.type", "DECIMAL")
                .containsEntry("__debezium.source.column.length", "65")
                .containsEntry("__debezium.source.column.scale", "30");
        assertThat(envelope.getStruct("source").getString("connector")).isEqualTo("mysync");
        assertThat(envelope.getStruct("transaction").getBoolean("last_in_transaction")).isTrue();

        JsonConverter keys = new JsonConverter();
        keys.configure(Map.of("schemas.enable", "true"), true);
        Struct key = (Struct) keys.toConnectData("topic", JsonEnvelope.key(event)).value();
        assertThat(key.schema().fields()).hasSize(1);
        assertThat(key.getInt64("id")).isEqualTo(2L);
    }
}
