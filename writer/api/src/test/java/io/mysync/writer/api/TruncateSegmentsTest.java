package io.mysync.writer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Op;
import io.mysync.writer.api.mapping.RowIds;
import io.mysync.writer.api.mapping.TemplateKey;
import io.mysync.writer.api.RejectedEventsException;
import io.mysync.writer.api.RetriableSinkException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TruncateSegmentsTest {

    private static ChangeEvent event(long seq, Op op) {
        return ChangeEvent.newBuilder().setSeq(seq).setOp(op).setDatabase("shop").setTable("t").build();
    }

    @Test
    void appliesTheRowsBeforeATruncateThenItThenTheRowsAfter() throws Exception {
        List<String> steps = new ArrayList<>();
        List<ChangeEvent> batch = List.of(event(1, Op.INSERT), event(2, Op.UPDATE), event(3, Op.TRUNCATE),
                event(4, Op.INSERT), event(5, Op.TRUNCATE));
        TruncateSegments.apply(batch, rows -> steps.add("rows " + rows.stream().map(ChangeEvent::getSeq).toList()),
                e -> steps.add("truncate " + e.getSeq()));
        assertThat(steps).containsExactly("rows [1, 2]", "truncate 3", "rows [4]", "truncate 5");
    }

    @Test
    void aBatchWithoutTruncateGoesThroughWhole() throws Exception {
        List<ChangeEvent> batch = List.of(event(1, Op.INSERT), event(2, Op.DELETE));
        List<List<ChangeEvent>> applied = new ArrayList<>();
        TruncateSegments.apply(batch, applied::add, e -> {
            throw new AssertionError("no truncate");
        });
        assertThat(applied).containsExactly(batch);
    }

    @Test
    void rejectionsOfEveryPartAreReportedTogetherAfterTheWholeBatch() {
        List<String> steps = new ArrayList<>();
        List<ChangeEvent> batch = List.of(event(1, Op.INSERT), event(2, Op.TRUNCATE), event(3, Op.INSERT));
        assertThatThrownBy(() -> TruncateSegments.apply(batch, rows -> {
            steps.add("rows " + rows.get(0).getSeq());
            throw new RejectedEventsException(List.of(new RejectedEventsException.Rejection(rows.get(0), "x", "y")));
        }, e -> steps.add("truncate"))).isInstanceOfSatisfying(RejectedEventsException.class,
                e -> assertThat(e.rejections()).extracting(r -> r.event().getSeq()).containsExactly(1L, 3L));
        assertThat(steps).containsExactly("rows 1", "truncate", "rows 3");
    }

    @Test
    void aRetriableFailureStopsAtOnce() {
        List<String> steps = new ArrayList<>();
        List<ChangeEvent> batch = List.of(event(1, Op.TRUNCATE), event(2, Op.INSERT));
        assertThatThrownBy(() -> TruncateSegments.apply(batch, rows -> steps.add("rows"), e -> {
            throw new RetriableSinkException("down", null);
        })).isInstanceOf(RetriableSinkException.class);
        assertThat(steps).isEmpty();
    }

    @Test
    void templatesGiveTheKeysOfOneTableAsAPattern() {
        TemplateKey key = new TemplateKey("{database}:{table}:{id}:{region}");
        assertThat(key.scope("shop", "orders", text -> text, "*")).isEqualTo("shop:orders:*:*");
        assertThat(key.usesColumns()).isTrue();
        assertThat(new TemplateKey("{database}_{table}").usesColumns()).isFalse();
        assertThat(new RowIds("o-{table}-{id}").prefix("shop", "orders")).isEqualTo("o-orders-");
        assertThat(new RowIds("").prefix("shop", "orders")).isEmpty();
    }
}
