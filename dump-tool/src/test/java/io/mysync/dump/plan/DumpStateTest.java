package io.mysync.dump.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.common.position.Checkpoint;
import io.mysync.common.position.Position;
import io.mysync.common.position.ReaderState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpStateTest {

    @TempDir
    Path dir;

    private static DumpPlan plan() {
        Checkpoint handover = new Checkpoint("shop", new ReaderState(new Position("mysql-bin.000003", 4711, "uuid:1-9",
                5, "uuid"), 1_000_000_043L), Instant.parse("2026-11-22T00:00:00Z"));
        List<Chunk> chunks = List.of(new Chunk(0, "shop.pairs", null, List.of("eu", "5")),
                new Chunk(1, "shop.pairs", List.of("eu", "5"), List.of("u,s", "")),
                new Chunk(2, "shop.pairs", List.of("u,s", ""), null));
        return new DumpPlan(handover, 1_000_000_042L, List.of("shop.pairs"), chunks);
    }

    @Test
    void planAndFinishedChunksSurviveARestart() throws Exception {
        DumpState state = new DumpState(dir, "shop");
        state.save(plan());
        state.markDone(plan().chunks().get(1), 5000);
        DumpState reopened = new DumpState(dir, "shop");
        assertThat(reopened.load()).hasValueSatisfying(p -> {
            assertThat(p.chunks()).isEqualTo(plan().chunks());
            assertThat(p.snapshotSeq()).isEqualTo(1_000_000_042L);
            assertThat(p.handover().position()).isEqualTo(plan().handover().position());
            assertThat(p.handover().nextSeq()).isEqualTo(1_000_000_043L);
        });
        assertThat(reopened.finished()).containsEntry(1, 5000L).hasSize(1);
    }

    @Test
    void aTornLastLineIsNotTakenForAFinishedChunk() throws Exception {
        DumpState state = new DumpState(dir, "shop");
        state.save(plan());
        state.markDone(plan().chunks().get(0), 10);
        Files.writeString(dir.resolve("shop.done"), "2 77", java.nio.file.StandardOpenOption.APPEND);
        assertThat(new DumpState(dir, "shop").finished()).containsOnlyKeys(0);
    }

    @Test
    void clearingForgetsTheDump() {
        DumpState state = new DumpState(dir, "shop");
        state.save(plan());
        state.clear();
        assertThat(new DumpState(dir, "shop").load()).isEmpty();
    }
}
