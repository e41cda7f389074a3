package io.mysync.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.Value;
import io.mysync.events.JsonEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** A lane's records in both formats decode in order; a record that is no ChangeEvent is set apart, named. */
class EventCodecTest {

    private static ChangeEvent event(long seq) {
        return ChangeEvent.newBuilder().setSourceId("shop").setSeq(seq).setOp(Op.INSERT).setDatabase("shop")
                .setTable("orders").addPrimaryKey("id").setAfter(Row.newBuilder().addColumns(Column.newBuilder()
                        .setName("sku").setType("varchar").setValue(Value.newBuilder().setStringValue("A-7")))).build();
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, byte[] value) {
        return new ConsumerRecord<>("mysync.shop.shop.orders", 2, offset, "k".getBytes(StandardCharsets.UTF_8), value);
    }

    @Test
    void decodesProtobufAndTheJsonEnvelopeInOrderAndSetsApartWhatIsNeither() throws Exception {
        byte[] json = JsonEnvelope.value(event(2));
        EventCodec.Decoded decoded = EventCodec.decodeAll(List.of(record(10, event(1).toByteArray()),
                record(11, json), record(12, "{\"not\": \"an event\"}".getBytes(StandardCharsets.UTF_8)),
                record(13, event(3).toByteArray())));
        assertThat(decoded.events()).extracting(ChangeEvent::getSeq).containsExactly(1L, 2L, 3L);
        assertThat(decoded.events().get(1).getAfter()).isEqualTo(event(2).getAfter());
        assertThat(decoded.undecodable()).singleElement().satisfies(u -> {
            assertThat(u.record().offset()).isEqualTo(12);
            assertThat(u.reason()).contains("mysync.shop.shop.orders-2@12").contains("not a MySync ChangeEvent");
        });
    }

    /** Protobuf would read no bytes as an event of defaults (seq 0, no table): a tombstone is set apart instead. */
    @Test
    void anEmptyRecordIsNoEvent() {
        EventCodec.Decoded decoded = EventCodec.decodeAll(List.of(record(5, null), record(6, new byte[0])));
        assertThat(decoded.events()).isEmpty();
        assertThat(decoded.undecodable()).extracting(u -> u.record().offset()).containsExactly(5L, 6L);
        assertThat(decoded.undecodable().get(0).reason()).contains("an empty value (a tombstone) carries no event");
    }
}
