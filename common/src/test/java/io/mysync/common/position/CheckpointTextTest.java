package io.mysync.common.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckpointTextTest {

    private static final Instant SAVED = Instant.parse("2026-11-21T10:00:00Z");

    @Test
    void keepsTheLastAnchorBesideThePosition() {
        Position position = new Position("mariadb-bin.000002", 4711, "0-11-93", 11, "", new Anchor(-5L >>> 1, 840));
        Checkpoint checkpoint = new Checkpoint("shop", position, 901, SAVED);

        Checkpoint read = CheckpointText.parse("shop", CheckpointText.format(checkpoint), "test");

        assertThat(read).isEqualTo(checkpoint);
        assertThat(read.position().anchor().nextSeq()).isEqualTo(840);
    }

    @Test
    void aCheckpointWithoutAnchorHasNone() {
        Checkpoint checkpoint = new Checkpoint("shop", new Position("mysql-bin.000001", 157, "", 2, "u-1"), 1, SAVED);

        assertThat(CheckpointText.parse("shop", CheckpointText.format(checkpoint), "test").position().anchor())
                .isNull();
    }

    @Test
    void anAnchorWithoutItsSeqIsDamage() {
        String text = CheckpointText.format(new Checkpoint("shop", new Position("f.000001", 4, "", 1, ""), 1, SAVED))
                + "anchor_marker=12\n";

        assertThatThrownBy(() -> CheckpointText.parse("shop", text, "checkpoint-shop.properties"))
                .hasMessageContaining("checkpoint-shop.properties is damaged").hasMessageContaining("anchor_next_seq");
    }

    @Test
    void keepsTheLastCommitTimeWhenKnown() {
        Instant commit = Instant.parse("2026-11-22T04:20:54Z");
        Checkpoint checkpoint = new Checkpoint("shop", new Position("mysql-bin.000002", 99, "", 1, ""), 7, SAVED,
                commit);
        Checkpoint back = CheckpointText.parse("shop", CheckpointText.format(checkpoint), "test");
        assertThat(back).isEqualTo(checkpoint);
        assertThat(back.knowsLastCommit()).isTrue();
        assertThat(CheckpointText.parse("shop", CheckpointText.format(new Checkpoint("shop",
                new Position("f.000001", 4, "", 1, ""), 1, SAVED)), "test").knowsLastCommit()).isFalse();
    }
}
