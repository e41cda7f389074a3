package io.mysync.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mysync.config.model.UndecodablePolicy;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Op;
import io.mysync.writer.api.PoisonEventException;
import io.mysync.writer.api.RejectedEventsException;
import io.mysync.writer.api.RetriableSinkException;
import io.mysync.writer.api.StoreRefusedException;
import io.mysync.writer.deadletter.DeadLetter;
import io.mysync.writer.metrics.SinkMetrics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each failure kind of the sink contract, and a record that is no event, mapped to what the writer does. */
class FailedBatchPolicyTest {

    private final RecordedDeadLetters queue = new RecordedDeadLetters();
    private final List<DeadLetter> letters = queue.letters;
    private final SinkMetrics metrics = SinkMetrics.unregistered("shop", "memo");
    private final FailedBatchPolicy policy = new FailedBatchPolicy("memo", UndecodablePolicy.DEAD_LETTER, queue, metrics);
    private final List<ChangeEvent> batch = List.of(event(1), event(2), event(3));

    private static ChangeEvent event(long seq) {
        return ChangeEvent.newBuilder().setSeq(seq).setOp(Op.INSERT).setDatabase("shop").setTable("orders").build();
    }

    @Test
    void aStoreThatIsDownGetsTheSameEventsAgainAndNothingIsDeadLettered() {
        RetriableSinkException down = new RetriableSinkException("memo is down", null);
        assertThat(policy.decide(down, batch, 1)).isEqualTo(new FailedBatchPolicy.Retry(down));
        assertThat(letters).isEmpty();
    }

    @Test
    void rejectedEventsAreDeadLetteredWithTheStoresReasonAndTheLaneIsDone() {
        var rejected = new RejectedEventsException(List.of(
                new RejectedEventsException.Rejection(batch.get(1), "mapper_parsing_exception", "not a date")));
        assertThat(policy.decide(rejected, batch, 2)).isInstanceOf(FailedBatchPolicy.Done.class);
        assertThat(letters).singleElement().satisfies(l -> {
            assertThat(l.event()).isEqualTo(batch.get(1));
            assertThat(l.sink()).isEqualTo("memo");
            assertThat(l.errorClass()).isEqualTo("mapper_parsing_exception");
            assertThat(l.message()).isEqualTo("not a date");
            assertThat(l.attempts()).isEqualTo(2);
        });
    }

    @Test
    void aPoisonEventIsDeadLetteredAndTheRestIsAppliedAgainInOrder() {
        var poison = new PoisonEventException(batch.get(1), "key template names a NULL column", null);
        assertThat(policy.decide(poison, batch, 1))
                .isEqualTo(new FailedBatchPolicy.ApplyRest(List.of(batch.get(0), batch.get(2))));
        assertThat(letters).singleElement().satisfies(l -> {
            assertThat(l.event()).isEqualTo(batch.get(1));
            assertThat(l.errorClass()).isEqualTo("poison");
        });
    }

    @Test
    void aPoisonEventThatIsNotInTheBatchStopsTheWriterAndLetsNothingOut() {
        var stranger = new PoisonEventException(event(99), "?", null);
        assertThatThrownBy(() -> policy.decide(stranger, batch, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("memo rejected an event that is not in its batch");
        assertThat(letters).isEmpty();
    }

    @Test
    void aRefusedLoginOrAnUnknownFailureStopsTheWriter() {
        var refused = new StoreRefusedException("memo refused the login: check sinks.memo.password", null);
        assertThatThrownBy(() -> policy.decide(refused, batch, 1)).isSameAs(refused);
        var bug = new NullPointerException("bug");
        assertThatThrownBy(() -> policy.decide(bug, batch, 1)).isSameAs(bug);
        var error = new AssertionError("checked");
        assertThatThrownBy(() -> policy.decide(error, batch, 1)).isInstanceOf(IllegalStateException.class)
                .hasCause(error);
        assertThat(letters).isEmpty();
    }

    @Test
    void aRecordThatIsNoEventIsDeadLetteredAsItCameOrStopsTheWriterWhenSoConfigured() {
        var raw = new DeadLetter.RawRecord("shop.orders", 3, 41, "k".getBytes(StandardCharsets.UTF_8),
                "not protobuf".getBytes(StandardCharsets.UTF_8));
        policy.setAside(new EventCodec.Undecodable(raw, "record shop.orders-3@41 is not a MySync ChangeEvent"));
        assertThat(letters).singleElement().satisfies(l -> {
            assertThat(l.errorClass()).isEqualTo("undecodable");
            assertThat(l.message()).contains("shop.orders-3@41");
        });

        var failing = new FailedBatchPolicy("memo", UndecodablePolicy.FAIL, queue, metrics);
        assertThatThrownBy(() -> failing.setAside(new EventCodec.Undecodable(raw, "record shop.orders-3@41 is bad")))
                .isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("writer.on_undecodable: fail");
        assertThat(letters).hasSize(1);
    }
}
