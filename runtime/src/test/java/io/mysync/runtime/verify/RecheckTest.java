package io.mysync.runtime.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.Value;
import io.mysync.writer.api.RowVerifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code mysync verify}'s rule: a difference counts only when the source row stayed the same around the check. */
class RecheckTest {

    /** What the store holds per row id; a row differs when its value is not the store's. */
    private final Map<String, String> store = new HashMap<>();
    /** What the source answers per row id, one image per read (the last one repeats). */
    private final Map<String, Deque<String>> source = new HashMap<>();
    private int caughtUp;

    private static ChangeEvent row(String id, String value) {
        return ChangeEvent.newBuilder().setOp(Op.SNAPSHOT).setDatabase("shop").setTable("orders")
                .setAfter(Row.newBuilder()
                        .addColumns(Column.newBuilder().setName("id").setValue(Value.newBuilder().setStringValue(id)))
                        .addColumns(Column.newBuilder().setName("v").setValue(Value.newBuilder().setStringValue(value))))
                .build();
    }

    private static String id(ChangeEvent row) {
        return row.getAfter().getColumns(0).getValue().getStringValue();
    }

    private static String value(ChangeEvent row) {
        return row.getAfter().getColumns(1).getValue().getStringValue();
    }

    private void sourceReads(String id, String... images) {
        source.put(id, new ArrayDeque<>(List.of(images)));
    }

    private Recheck.Outcome recheck(int rounds, ChangeEvent... suspects) throws Exception {
        RowVerifier verifier = new RowVerifier() {
            @Override
            public List<String> differences(List<ChangeEvent> rows) {
                return rows.stream().map(r -> value(r).equals(store.get(id(r))) ? null
                        : "v is '" + store.get(id(r)) + "' but the row has '" + value(r) + "'").toList();
            }

            @Override
            public boolean maps(String database, String table) {
                return true;
            }

            @Override
            public String locationOf(ChangeEvent row) {
                return "order:" + id(row);
            }

            @Override
            public void close() {
            }
        };
        return Recheck.run(rounds, verifier, List.of(suspects), row -> {
            Deque<String> images = source.get(id(row));
            return row(id(row), images.size() > 1 ? images.poll() : images.peek());
        }, () -> caughtUp++);
    }

    @Test
    void aRowTheSourceKeptTheSameAndTheStoreHoldsOtherwiseIsADifference() throws Exception {
        store.put("1", "old");
        sourceReads("1", "new");
        Recheck.Outcome outcome = recheck(3, row("1", "new"));
        assertThat(outcome.confirmed()).singleElement().satisfies(c -> {
            assertThat(id(c.row())).isEqualTo("1");
            assertThat(c.difference()).isEqualTo("v is 'old' but the row has 'new'");
        });
        assertThat(outcome.unsettled()).isEmpty();
        assertThat(caughtUp).isEqualTo(1);
    }

    @Test
    void aRowThatWasOnItsWayIsNoDifferenceOnceTheSinkCaughtUp() throws Exception {
        store.put("2", "b");
        sourceReads("2", "b");
        Recheck.Outcome outcome = recheck(3, row("2", "a"));
        assertThat(outcome.confirmed()).isEmpty();
        assertThat(outcome.unsettled()).isEmpty();
        assertThat(outcome.rechecked()).isEqualTo(1);
    }

    @Test
    void aRowThatChangesDuringTheCheckIsLookedAtAgainAndNeverReportedWhileItMoves() throws Exception {
        store.put("3", "c");
        // read before the catch-up, then after it: it moved, so the next round looks again and finds it equal
        sourceReads("3", "a", "b", "c");
        Recheck.Outcome settled = recheck(3, row("3", "a"));
        assertThat(settled.confirmed()).isEmpty();
        assertThat(settled.unsettled()).isEmpty();
        assertThat(settled.rechecked()).isEqualTo(2);

        store.put("4", "x");
        sourceReads("4", "a", "b", "c", "d", "e", "f", "g");
        Recheck.Outcome moving = recheck(2, row("4", "a"));
        assertThat(moving.confirmed()).as("a moving row is no difference").isEmpty();
        assertThat(moving.unsettled()).extracting(RecheckTest::id).containsExactly("4");
    }
}
