package io.mysync.common.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckpointTextTest {

    private static final Instant SAVED = Instant.parse("2026-11-21T10:00:00Z");

    /** Format 1, as MySync wrote it before the format was versioned: no format key, the same keys otherwise. */
    private static final String FORMAT_1 = """
            #MySync reader checkpoint; written atomically, do not edit while the reader runs
            #Sat Nov 21 10:00:00 UTC 2026
            anchor_marker=9223372036854775805
            anchor_next_seq=840
            backfill=r1\\tshop.orders\\t1042
            binlog_file=mariadb-bin.000002
            binlog_position=4711
            gtid_set=0-11-93
            last_commit=2026-11-21T09\\:59\\:58Z
            next_seq=901
            saved_at=2026-11-21T10\\:00\\:00Z
            schema_history=eJzLTc3LL0pVSEksSQQAGpMEkQ\\=\\=
            server_id=11
            server_uuid=
            source_id=shop
            """;

    @Test
    void aFormatOneCheckpointStillLoads() {
        Checkpoint read = CheckpointText.parse("shop", FORMAT_1, "checkpoint-shop.properties");

        assertThat(read.position()).isEqualTo(new Position("mariadb-bin.000002", 4711, "0-11-93", 11, ""));
        assertThat(read.state()).isEqualTo(new ReaderState(read.position(), 901, new Anchor(-5L >>> 1, 840),
                "r1\tshop.orders\t1042", "eJzLTc3LL0pVSEksSQQAGpMEkQ=="));
        assertThat(read.savedAt()).isEqualTo(SAVED);
        assertThat(read.lastCommit()).isEqualTo(Instant.parse("2026-11-21T09:59:58Z"));
        assertThat(CheckpointText.parse("shop", CheckpointText.format(read), "test")).isEqualTo(read);
    }

    @Test
    void writesItsFormat() {
        String text = CheckpointText.format(new Checkpoint("shop", state(new Position("f.000001", 4, "", 1, "")),
                SAVED));

        assertThat(text).contains("format=" + CheckpointText.FORMAT + "\n");
    }

    @Test
    void aNewerFormatIsRefusedByName() {
        String text = CheckpointText.format(new Checkpoint("shop", state(new Position("f.000001", 4, "", 1, "")),
                SAVED)).replace("format=" + CheckpointText.FORMAT, "format=" + (CheckpointText.FORMAT + 1));

        assertThatThrownBy(() -> CheckpointText.parse("shop", text, "checkpoint-shop.properties"))
                .hasMessageContaining("checkpoint-shop.properties has format " + (CheckpointText.FORMAT + 1))
                .hasMessageContaining("written by a newer MySync");
    }

    @Test
    void keepsTheReadersStateBesideThePosition() {
        ReaderState state = new ReaderState(new Position("mariadb-bin.000002", 4711, "0-11-93", 11, ""), 901,
                new Anchor(-5L >>> 1, 840), "r1\tshop.orders\t1042", "history");
        Checkpoint checkpoint = new Checkpoint("shop", state, SAVED);

        Checkpoint read = CheckpointText.parse("shop", CheckpointText.format(checkpoint), "test");

        assertThat(read).isEqualTo(checkpoint);
        assertThat(read.state().anchor().nextSeq()).isEqualTo(840);
    }

    @Test
    void aCheckpointWithoutAnchorHasNone() {
        Checkpoint checkpoint = new Checkpoint("shop", state(new Position("mysql-bin.000001", 157, "", 2, "u-1")),
                SAVED);

        assertThat(CheckpointText.parse("shop", CheckpointText.format(checkpoint), "test").state().anchor()).isNull();
    }

    @Test
    void anAnchorWithoutItsSeqIsDamage() {
        String text = CheckpointText.format(new Checkpoint("shop", state(new Position("f.000001", 4, "", 1, "")),
                SAVED)) + "anchor_marker=12\n";

        assertThatThrownBy(() -> CheckpointText.parse("shop", text, "checkpoint-shop.properties"))
                .hasMessageContaining("checkpoint-shop.properties is damaged").hasMessageContaining("anchor_next_seq");
    }

    @Test
    void keepsTheLastCommitTimeWhenKnown() {
        Instant commit = Instant.parse("2026-11-22T04:20:54Z");
        Checkpoint checkpoint = new Checkpoint("shop", new ReaderState(new Position("mysql-bin.000002", 99, "", 1, ""),
                7), SAVED, commit);
        Checkpoint back = CheckpointText.parse("shop", CheckpointText.format(checkpoint), "test");
        assertThat(back).isEqualTo(checkpoint);
        assertThat(back.knowsLastCommit()).isTrue();
        assertThat(CheckpointText.parse("shop", CheckpointText.format(new Checkpoint("shop",
                state(new Position("f.000001", 4, "", 1, "")), SAVED)), "test").knowsLastCommit()).isFalse();
    }

    private static ReaderState state(Position position) {
        return new ReaderState(position, 1);
    }
}
