package io.mysync.reader.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.common.sql.SignalTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackfillProgressTest {

    @Test
    void roundTripsThroughTheCheckpointTextWithAwkwardKeys() {
        BackfillProgress p = new BackfillProgress("req-1", "shop.pairs", List.of("e,u|x", "", "42"));
        assertThat(BackfillProgress.parse(p.text())).contains(p);
        BackfillProgress first = new BackfillProgress("req-2", "shop.big", List.of());
        assertThat(BackfillProgress.parse(first.text())).contains(first);
        assertThat(BackfillProgress.parse("")).isEmpty();
    }

    @Test
    void keepsTheQueuedResyncsAndReadsTextWrittenBeforeThereWasAQueue() {
        BackfillProgress p = new BackfillProgress("resync-1", "shop.a", List.of("7"), List.of("shop.b|c", "shop.d"));
        assertThat(BackfillProgress.parse(p.text())).contains(p);
        assertThat(BackfillProgress.parse("req-3|shop.x|v9")).contains(new BackfillProgress("req-3", "shop.x",
                List.of("9")));
    }

    @Test
    void aRepairKeepsItsExactKeysWithAwkwardValues() {
        BackfillProgress repair = BackfillProgress.repair("repair-1", "shop.pairs",
                List.of(List.of("a;b", "1"), List.of("x,y|z", ""), List.of("%20 ", "7")));
        assertThat(repair.repair()).isTrue();
        assertThat(BackfillProgress.parse(repair.text())).contains(repair);
        BackfillProgress queued = repair.queued(List.of("shop.c"));
        assertThat(BackfillProgress.parse(queued.text())).contains(queued);
        assertThat(new BackfillProgress("req-4", "shop.x", List.of()).repair()).isFalse();
    }

    @Test
    void aRepairRequestInTheSignalTableNamesItsKeys() {
        List<List<String>> keys = List.of(List.of("900000001"), List.of("a b;c", ","));
        String value = SignalTable.repairValue("repair-9", keys);
        assertThat(value).startsWith("repair-9 ");
        assertThat(SignalTable.repairKeys(value)).isEqualTo(keys);
    }
}
