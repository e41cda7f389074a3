package io.mysync.common.position;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MySqlGtidSetTest {

    private static final String A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private static final String B = "9b2c3a4d-0000-11ef-8000-0242ac120002";

    @Test
    void readsTaggedSetsAndPrintsMySqlsCanonicalForm() {
        // the intervals after a tag belong to it: the untagged ones are printed first so that they stay untagged
        MySqlGtidSet set = MySqlGtidSet.parse(A + ":tag_a:1-5," + A + ":1-100");
        assertThat(set).hasToString(A + ":1-100:tag_a:1-5");
        assertThat(MySqlGtidSet.parse(set.toString())).isEqualTo(set);
        assertThat(set.transactions()).isEqualTo(105);
    }

    @Test
    void readsWhatTheServerPrintsWithLineBreaksAndCase() {
        MySqlGtidSet set = MySqlGtidSet.parse(B.toUpperCase() + ":1-3,\n" + A + ":1-100:Tag_A:1-5:7:tagb:2");
        assertThat(set).hasToString(A + ":1-100:tag_a:1-5:7:tagb:2," + B + ":1-3");
    }

    @Test
    void addingMergesIntervalsPerTag() {
        MySqlGtidSet set = MySqlGtidSet.parse(A + ":1-4");
        set.addGtid(A + ":5").addGtid(A + ":batch:1").addGtid(A + ":batch:2").addGtid(A + ":7").addGtid(B + ":1");
        assertThat(set).hasToString(A + ":1-5:7:batch:1-2," + B + ":1");
        set.addGtid(A + ":6");
        assertThat(set).hasToString(A + ":1-7:batch:1-2," + B + ":1");
    }

    @Test
    void aTaggedTransactionIsNotCoveredByTheUntaggedOnesOfItsSource() {
        MySqlGtidSet tagged = MySqlGtidSet.parse(A + ":tag_a:3");
        assertThat(tagged.isContainedIn(MySqlGtidSet.parse(A + ":1-100"))).isFalse();
        assertThat(tagged.isContainedIn(MySqlGtidSet.parse(A + ":1-100:tag_a:1-5"))).isTrue();
        assertThat(MySqlGtidSet.parse(A + ":1-100:tag_a:1-5").isContainedIn(tagged)).isFalse();
    }

    @Test
    void aCheckpointKeepsATaggedSetUnchanged() {
        String set = A + ":1-100:tag_a:1-5," + B + ":1-3";
        Checkpoint cp = new Checkpoint("shop", new ReaderState(new Position("binlog.000003", 157, set, 1, A), 42),
                Instant.EPOCH);
        Checkpoint back = CheckpointText.parse("shop", CheckpointText.format(cp), "test");
        assertThat(back.position().gtidSet()).isEqualTo(set);
        assertThat(MySqlGtidSet.parse(back.position().gtidSet())).isEqualTo(MySqlGtidSet.parse(set));
    }

    @Test
    void whatIsNotASetIsNamed() {
        assertThatThrownBy(() -> MySqlGtidSet.parse(A + ":tag_a")).hasMessageContaining("has no interval");
        assertThatThrownBy(() -> MySqlGtidSet.parse(A + ":5-2")).hasMessageContaining("'5-2'");
        assertThatThrownBy(() -> MySqlGtidSet.parse("0-1-42")).hasMessageContaining("not a MySQL GTID set member");
        assertThatThrownBy(() -> MySqlGtidSet.parse(A + ":1-5:" + "t".repeat(33) + ":1"))
                .hasMessageContaining("neither an interval");
    }
}
