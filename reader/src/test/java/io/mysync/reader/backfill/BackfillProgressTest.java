package io.mysync.reader.backfill;

import static org.assertj.core.api.Assertions.assertThat;

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
}
