package io.mysync.common.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRangesTest {

    private static TableShape composite() {
        List<SourceColumn> columns = List.of(
                SourceColumn.of("region", "varchar", "varchar(8)", "utf8mb4", 0, 0, 0),
                SourceColumn.of("num", "int", "int", null, 10, 0, 0),
                SourceColumn.of("label", "varchar", "varchar(32)", "utf8mb4", 0, 0, 0));
        return new TableShape("shop", "pairs", columns, List.of(0, 1), List.of(0, 1), "PRIMARY", 0);
    }

    @Test
    void compositeKeyRangesAreLexicographicAndIndexFriendly() {
        KeyRanges ranges = new KeyRanges(composite());
        assertThat(ranges.condition(true)).isEqualTo("((`region` > ?) OR (`region` = ? AND `num` >= ?))");
        assertThat(ranges.condition(false)).isEqualTo("((`region` < ?) OR (`region` = ? AND `num` < ?))");
        assertThat(ranges.after()).isEqualTo("((`region` > ?) OR (`region` = ? AND `num` > ?))");
        assertThat(ranges.orderBy()).isEqualTo("`region`, `num`");
        assertThat(ranges.keySelectList()).isEqualTo("CAST(`region` AS CHAR), `num`");
    }

    @Test
    void identifiersAreQuoted() {
        assertThat(TableShape.quote("we`ird")).isEqualTo("`we``ird`");
    }
}
