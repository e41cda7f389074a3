package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Value;
import io.mysync.common.kafka.TopicNames;
import io.mysync.common.position.MemoryCheckpointStore;
import io.mysync.events.value.ValueText;
import io.mysync.config.model.MySyncConfig;
import io.mysync.events.EventHeaders;
import io.mysync.reader.ReaderService;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.sandbox.server.SqlServer;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every column type and its edges, written on a server whose time zone is +05:30, read from the binlog and
 * compared value by value with what was written.
 */
@ExtendWith(SandboxExtension.class)
class TypeConversionIT {

    private static final String TABLE = """
            CREATE TABLE types (
              id INT PRIMARY KEY,
              dec65 DECIMAL(65,30), dneg DECIMAL(10,4), yr YEAR, ubig BIGINT UNSIGNED, sbig BIGINT,
              tiny1 TINYINT(1), utiny TINYINT UNSIGNED, umed MEDIUMINT UNSIGNED, uint INT UNSIGNED, ssmall SMALLINT,
              b1 BIT(1), b64 BIT(64), f FLOAT, d DOUBLE,
              dt DATE, tm TIME(6), dtm DATETIME(6), ts TIMESTAMP(6) NULL DEFAULT NULL, dt0 DATETIME,
              js JSON, en ENUM('alpha','beta','gamma'), st SET('x','y','z'),
              vc VARCHAR(50) CHARACTER SET utf8mb4, tx TEXT CHARACTER SET utf8mb4, l1 VARCHAR(20) CHARACTER SET latin1,
              ch CHAR(5), bn BINARY(4), vb VARBINARY(10), bl BLOB, nul VARCHAR(10) NULL, blank VARCHAR(10) NULL,
              gen INT AS (id * 2) STORED
            )""";

    private static final String EDGES = "INSERT INTO types (id, dec65, dneg, yr, ubig, sbig, tiny1, utiny, umed, uint, "
            + "ssmall, b1, b64, f, d, dt, tm, dtm, ts, dt0, js, en, st, vc, tx, l1, ch, bn, vb, bl, nul, blank) VALUES "
            + "(1, '12345678901234567890123456789012345.123456789012345678901234567890', -1234.5678, 2155, "
            + "18446744073709551615, -9223372036854775808, 1, 255, 16777215, 4294967295, -32768, b'1', "
            + "b'1111111111111111111111111111111111111111111111111111111111111111', 3.14, -2.718281828459045, "
            + "'2024-02-29', '-838:59:59.000000', '9999-12-31 23:59:59.999999', '2024-06-01 12:00:00.123456', "
            + "'2020-01-01 00:00:00', '{\"a\": [1, 2.5, \"x\"], \"b\": null}', 'beta', 'x,z', 'héllo 🍣', "
            + "'long text ✓', 'café', 'ab', 'ab', x'00FF10', x'DEADBEEF', NULL, '')";

    private static final String ZEROS = "INSERT INTO types (id, dec65, dneg, yr, ubig, sbig, tiny1, utiny, umed, uint, "
            + "ssmall, b1, b64, f, d, dt, tm, dtm, ts, dt0, js, en, st, vc, tx, l1, ch, bn, vb, bl, nul, blank) VALUES "
            + "(2, 0, -0.0001, 0, 0, 0, 0, 0, 0, 0, 0, b'0', b'0', -0.5, 1e300, '0000-00-00', '00:00:00.000001', "
            + "'0000-00-00 00:00:00', NULL, '0000-00-00 00:00:00', '[]', 'alpha', '', '', '', '', '', '', '', '', "
            + "NULL, '')";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mariadb-11.4", "mysql"})
    void everyTypeArrivesExactly(String flavor) throws Exception {
        SqlServer server = TestEnv.server(flavor);
        String database = TestEnv.unique("types");
        var start = TestEnv.endOfBinlog(server);
        TestEnv.createDatabase(server, database, TABLE);
        TestEnv.execute(server, database, "SET SESSION time_zone = '+05:30'", "SET SESSION sql_mode = ''", EDGES,
                ZEROS);
        MySyncConfig config = TestEnv.load(TestEnv.config(dir, server, TestEnv.unique("src"), database,
                List.of("types"), start));

        Map<Integer, Map<String, Value>> rows = readInserts(config, database, 2);

        Map<String, Value> edge = rows.get(1);
        assertThat(edge.get("dec65").getDecimalValue())
                .isEqualTo("12345678901234567890123456789012345.123456789012345678901234567890");
        assertThat(edge.get("dneg").getDecimalValue()).isEqualTo("-1234.5678");
        assertThat(edge.get("yr").getYearValue()).isEqualTo(2155);
        assertThat(Long.toUnsignedString(edge.get("ubig").getUintValue())).isEqualTo("18446744073709551615");
        assertThat(edge.get("sbig").getIntValue()).isEqualTo(Long.MIN_VALUE);
        assertThat(edge.get("tiny1").getIntValue()).isEqualTo(1);
        assertThat(edge.get("utiny").getIntValue()).isEqualTo(255);
        assertThat(edge.get("umed").getIntValue()).isEqualTo(16777215);
        assertThat(edge.get("uint").getIntValue()).isEqualTo(4294967295L);
        assertThat(edge.get("ssmall").getIntValue()).isEqualTo(-32768);
        assertThat(ValueText.of(edge.get("b1"))).isEqualTo("1");
        assertThat(edge.get("b1").getBitValue().getLength()).isEqualTo(1);
        assertThat(ValueText.of(edge.get("b64"))).isEqualTo(new BigInteger("18446744073709551615").toString());
        assertThat(edge.get("f").getFloatValue()).isEqualTo(3.14f);
        assertThat(edge.get("d").getDoubleValue()).isEqualTo(-2.718281828459045);
        assertThat(ValueText.of(edge.get("dt"))).isEqualTo("2024-02-29");
        assertThat(ValueText.of(edge.get("tm"))).isEqualTo("-838:59:59.000000");
        assertThat(ValueText.of(edge.get("dtm"))).isEqualTo("9999-12-31 23:59:59.999999");
        // written as 12:00 at +05:30: the instant is 06:30 UTC, whatever the JVM's or server's zone
        assertThat(edge.get("ts").getTimestampValue().getEpochSecond())
                .isEqualTo(Instant.parse("2024-06-01T06:30:00Z").getEpochSecond());
        assertThat(edge.get("ts").getTimestampValue().getMicros()).isEqualTo(123456);
        assertThat(ValueText.of(edge.get("ts"))).isEqualTo("2024-06-01T06:30:00.123456Z");
        assertThat(ValueText.of(edge.get("dt0"))).isEqualTo("2020-01-01 00:00:00");
        ObjectMapper json = new ObjectMapper();
        String jsonText = edge.get("js").hasJsonValue() ? edge.get("js").getJsonValue()
                : edge.get("js").getStringValue(); // MariaDB's JSON is LONGTEXT
        assertThat(json.readTree(jsonText)).isEqualTo(json.readTree("{\"a\": [1, 2.5, \"x\"], \"b\": null}"));
        if (edge.get("js").hasJsonValue()) {
            // MySQL's binary JSON decoded as compact text, not as MySQL prints it ({"a": [1, 2.5, "x"], ...})
            assertThat(jsonText).isEqualTo("{\"a\":[1,2.5,\"x\"],\"b\":null}");
        }
        assertThat(edge.get("en").getEnumValue()).isEqualTo("beta");
        assertThat(edge.get("st").getSetValue().getMembersList()).containsExactly("x", "z");
        assertThat(edge.get("vc").getStringValue()).isEqualTo("héllo 🍣");
        assertThat(edge.get("tx").getStringValue()).isEqualTo("long text ✓");
        assertThat(edge.get("l1").getStringValue()).isEqualTo("café");
        assertThat(edge.get("ch").getStringValue()).isEqualTo("ab");
        assertThat(edge.get("bn").getBytesValue().toByteArray()).containsExactly('a', 'b', 0, 0);
        assertThat(edge.get("vb").getBytesValue().toByteArray()).containsExactly(0x00, 0xFF, 0x10);
        assertThat(edge.get("bl").getBytesValue().toByteArray()).containsExactly(0xDE, 0xAD, 0xBE, 0xEF);
        assertThat(edge.get("nul").hasNullValue()).isTrue();
        assertThat(edge.get("blank").hasStringValue()).isTrue();
        assertThat(edge.get("blank").getStringValue()).isEmpty();
        assertThat(edge.get("gen").getIntValue()).isEqualTo(2);

        Map<String, Value> zero = rows.get(2);
        assertThat(zero.get("dec65").getDecimalValue()).isEqualTo("0.000000000000000000000000000000");
        assertThat(zero.get("dneg").getDecimalValue()).isEqualTo("-0.0001");
        assertThat(ValueText.of(zero.get("yr"))).isEqualTo("0000");
        assertThat(zero.get("ubig").getUintValue()).isZero();
        assertThat(ValueText.of(zero.get("b64"))).isEqualTo("0");
        assertThat(zero.get("f").getFloatValue()).isEqualTo(-0.5f);
        assertThat(zero.get("d").getDoubleValue()).isEqualTo(1e300);
        assertThat(ValueText.of(zero.get("dt"))).isEqualTo("0000-00-00");
        assertThat(ValueText.of(zero.get("tm"))).isEqualTo("00:00:00.000001");
        assertThat(ValueText.of(zero.get("dtm"))).isEqualTo("0000-00-00 00:00:00.000000");
        assertThat(zero.get("ts").hasNullValue()).isTrue();
        assertThat(zero.get("st").getSetValue().getMembersCount()).isZero();
        assertThat(zero.get("bn").getBytesValue().toByteArray()).containsExactly(0, 0, 0, 0);
        assertThat(zero.get("vb").getBytesValue().toByteArray()).isEmpty();
        assertThat(zero.get("gen").getIntValue()).isEqualTo(4);
    }

    /** The record's headers say what its value says, without decoding it. */
    static void assertHeaders(org.apache.kafka.common.header.Headers headers, ChangeEvent event, String table) {
        assertThat(EventHeaders.seq(headers)).hasValue(event.getSeq());
        assertThat(EventHeaders.text(headers, EventHeaders.OP)).isEqualTo(event.getOp().name());
        assertThat(EventHeaders.text(headers, EventHeaders.TABLE)).isEqualTo(table);
        assertThat(EventHeaders.text(headers, EventHeaders.SCHEMA_VERSION))
                .isEqualTo(Integer.toUnsignedString(event.getSchemaVersion()));
        assertThat(EventHeaders.text(headers, EventHeaders.LAST_IN_TRANSACTION))
                .isEqualTo(Boolean.toString(event.getLastInTransaction()));
    }

    /** Runs the reader until the table's topic holds {@code count} inserts, and returns them by id. */
    private static Map<Integer, Map<String, Value>> readInserts(MySyncConfig config, String database, int count)
            throws Exception {
        Map<Integer, Map<String, Value>> rows = new HashMap<>();
        ReaderService reader = new ReaderService(config, new MemoryCheckpointStore());
        Thread thread = new Thread(reader, "reader");
        thread.start();
        String topic = new TopicNames(config.kafka().topicTemplate(), config.source().id()).topicOf(database, "types");
        try (KafkaConsumer<byte[], byte[]> consumer = TestEnv.eventConsumer(config)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (rows.size() < count && System.nanoTime() < deadline && reader.fatal() == null) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!record.topic().equals(topic)) {
                        continue;
                    }
                    ChangeEvent event = ChangeEvent.parseFrom(record.value());
                    assertThat(event.getOp()).isEqualTo(Op.INSERT);
                    assertHeaders(record.headers(), event, database + ".types");
                    Map<String, Value> row = new HashMap<>();
                    List<String> names = new ArrayList<>();
                    for (Column column : event.getAfter().getColumnsList()) {
                        row.put(column.getName(), column.getValue());
                        names.add(column.getName());
                    }
                    assertThat(event.getPrimaryKeyList()).containsExactly("id");
                    rows.put((int) row.get("id").getIntValue(), row);
                }
            }
        } finally {
            reader.close();
            thread.join(30_000);
        }
        assertThat(reader.fatal()).isNull();
        assertThat(rows).hasSize(count);
        return rows;
    }
}
