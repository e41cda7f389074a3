package io.mysync.writer.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The table store's statements carry their seq guard: a replayed or older change never wins. */
class TableStatementsTest {

    @Test
    void anUpsertInsertsOnlyPastTombstonesAndSetsEachColumnOnlyFromANewerSeq() {
        String sql = TableStatements.upsert("orders", List.of("id", "total"), "mysync_row_versions");
        assertThat(sql).startsWith("INSERT INTO `orders` (`id`, `total`, `_mysync_seq`) SELECT ?, ?, ? FROM DUAL")
                .contains("WHERE NOT EXISTS (SELECT 1 FROM `mysync_row_versions` WHERE tbl = ? AND row_id IN (?, x'')"
                        + " AND seq >= ?)")
                .contains("`total` = IF(VALUES(`_mysync_seq`) > `_mysync_seq`, VALUES(`total`), `total`)")
                .endsWith("`_mysync_seq` = GREATEST(`_mysync_seq`, VALUES(`_mysync_seq`))");
        assertThat(sql.chars().filter(c -> c == '?').count()).as("columns, seq, table, row id, seq").isEqualTo(6);
    }

    @Test
    void aDeleteAndATruncateRemoveOnlyOlderRows() {
        assertThat(TableStatements.delete("order items", List.of("order_id", "line")))
                .isEqualTo("DELETE FROM `order items` WHERE `order_id` = ? AND `line` = ? AND `_mysync_seq` < ?");
        assertThat(TableStatements.truncate("orders")).isEqualTo("DELETE FROM `orders` WHERE `_mysync_seq` < ?");
    }

    @Test
    void identifiersAreQuotedWhateverTheyHold() {
        assertThat(TableStatements.quote("we`ird")).isEqualTo("`we``ird`");
    }
}
