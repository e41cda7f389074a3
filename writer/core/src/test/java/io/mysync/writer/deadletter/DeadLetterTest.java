package io.mysync.writer.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Op;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    private static final ChangeEvent EVENT = ChangeEvent.newBuilder().setSeq(-2L).setOp(Op.INSERT)
            .setDatabase("shop").setTable("codes").build();

    @Test
    void storedLetterReadsBackWithItsEventAndPlace() {
        DeadLetter sent = DeadLetter.of("elasticsearch", EVENT, "document_parsing_exception", "bad code", 3);
        DeadLetter read = DeadLetter.parse(2, 17, sent.toJson());
        assertThat(read.event()).isEqualTo(EVENT);
        assertThat(read.sink()).isEqualTo("elasticsearch");
        assertThat(read.errorClass()).isEqualTo("document_parsing_exception");
        assertThat(read.message()).isEqualTo("bad code");
        assertThat(read.attempts()).isEqualTo(3);
        assertThat(read.time()).isEqualTo(sent.time());
        assertThat(read.partition()).isEqualTo(2);
        assertThat(read.offset()).isEqualTo(17);
        assertThat(read.toJsonNode().path("seq").asText()).isEqualTo("18446744073709551614"); // seq is unsigned
    }

    @Test
    void anUndecodableRecordIsKeptAsItCameWithItsOrigin() {
        byte[] value = "{\"not\": \"an event\"}".getBytes(StandardCharsets.UTF_8);
        DeadLetter sent = DeadLetter.undecodable("redis", new DeadLetter.RawRecord("mysync.shop.db.orders", 3, 41,
                null, value), "not a ChangeEvent");
        DeadLetter read = DeadLetter.parse(0, 9, sent.toJson());
        assertThat(read.undecodable()).hasValueSatisfying(raw -> {
            assertThat(raw.topic()).isEqualTo("mysync.shop.db.orders");
            assertThat(raw.partition()).isEqualTo(3);
            assertThat(raw.offset()).isEqualTo(41);
            assertThat(raw.key()).isNull();
            assertThat(raw.value()).isEqualTo(value);
        });
        assertThat(read.table()).isEqualTo("mysync.shop.db.orders-3@41");
        assertThat(read.op()).isEqualTo("UNDECODABLE");
        assertThat(read.seq()).isEqualTo("-");
        assertThat(read.errorClass()).isEqualTo("undecodable");
    }

    @Test
    void recordThatIsNotALetterIsRefusedWithItsOffset() {
        assertThatThrownBy(() -> DeadLetter.parse(0, 5, "{\"hello\": 1}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("offset 5").hasMessageContaining("no sink or event field");
        assertThatThrownBy(() -> DeadLetter.parse(0, 6, "not json".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("offset 6").hasMessageContaining("not a MySync dead letter");
    }

    @Test
    void progressCoversLettersBeforeItsOffsetPerPartition() {
        DeadLetter first = new DeadLetter(0, 4, "redis", "x", "y", 1, java.time.Instant.EPOCH, EVENT,
                Optional.empty());
        DeadLetter other = new DeadLetter(1, 2, "redis", "x", "y", 1, java.time.Instant.EPOCH, EVENT,
                Optional.empty());
        ReplayProgress progress = new ReplayProgress(Map.of()).past(first);
        assertThat(progress.covers(first)).isTrue();
        assertThat(progress.covers(other)).isFalse();
        assertThat(progress.nextOffsets()).isEqualTo(Map.of(0, 5L));
    }
}
