package io.mysync.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Op;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class EventHeadersTest {

    @Test
    void carriesSeqOpTableSchemaVersionAndTransactionEndAsText() {
        ChangeEvent event = ChangeEvent.newBuilder().setSeq(-2L).setOp(Op.UPDATE).setDatabase("shop")
                .setTable("ördersé").setSchemaVersion(3).setLastInTransaction(true).build();
        Headers headers = EventHeaders.of(event);
        assertThat(EventHeaders.text(headers, EventHeaders.SEQ)).isEqualTo("18446744073709551614");
        assertThat(EventHeaders.seq(headers)).hasValue(-2L);
        assertThat(EventHeaders.text(headers, EventHeaders.OP)).isEqualTo("UPDATE");
        assertThat(EventHeaders.text(headers, EventHeaders.TABLE)).isEqualTo("shop.ördersé");
        assertThat(EventHeaders.text(headers, EventHeaders.SCHEMA_VERSION)).isEqualTo("3");
        assertThat(EventHeaders.text(headers, EventHeaders.LAST_IN_TRANSACTION)).isEqualTo("true");
        assertThat(EventHeaders.text(EventHeaders.of(event.toBuilder().setLastInTransaction(false).build()),
                EventHeaders.LAST_IN_TRANSACTION)).isEqualTo("false");
    }

    @Test
    void aRecordWithoutHeadersHasNoSeq() {
        assertThat(EventHeaders.seq(new org.apache.kafka.common.header.internals.RecordHeaders())).isEmpty();
        assertThat(EventHeaders.text(new org.apache.kafka.common.header.internals.RecordHeaders(),
                EventHeaders.OP)).isNull();
    }
}
