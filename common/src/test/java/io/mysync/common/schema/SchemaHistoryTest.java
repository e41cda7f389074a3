package io.mysync.common.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mysync.common.position.Checkpoint;
import io.mysync.common.position.CheckpointText;
import io.mysync.common.position.Position;
import io.mysync.common.position.ReaderState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaHistoryTest {

    private static SchemaHistory sample() {
        return SchemaHistory.of(Map.of(
                new SchemaHistory.TableId("shop", "items"), new TableDefinition(List.of(
                        new ColumnDefinition("id", "int unsigned"), new ColumnDefinition("odd\tname\\x\n", "text"),
                        new ColumnDefinition("state", "enum('A','it''s')")), List.of("id")),
                new SchemaHistory.TableId("a.b", "no_key"), new TableDefinition(List.of(
                        new ColumnDefinition("v", "varchar(3)")), List.of())));
    }

    @Test
    void textRoundTripsThroughACheckpoint() {
        SchemaHistory history = sample();
        history.remove("nothing", "here");
        history.define("shop", "more", new TableDefinition(List.of(new ColumnDefinition("x", "date")), List.of()));
        ReaderState at = new ReaderState(new Position("bin.000001", 4, "", 1, ""), 7).withSchemaHistory(history.text());
        Checkpoint read = CheckpointText.parse("s", CheckpointText.format(new Checkpoint("s", at, Instant.EPOCH)),
                "test");
        SchemaHistory back = SchemaHistory.parse(read.state().schemaHistory());
        assertThat(back.sameTables(history)).isTrue();
        assertThat(back.version()).isEqualTo(history.version()).isEqualTo(2);
        assertThat(back.table("shop", "items").orElseThrow().columns().get(1).name()).isEqualTo("odd\tname\\x\n");
        assertThat(back.table("shop", "items").orElseThrow().columns().get(2).members()).containsExactly("A", "it's");
        assertThat(back.table("a.b", "no_key").orElseThrow().primaryKey()).isEmpty();
    }

    @Test
    void textIsComputedOncePerChange() {
        SchemaHistory history = sample();
        String text = history.text();
        assertThat(history.text()).isSameAs(text);
        history.rename("shop", "items", "shop", "goods");
        assertThat(history.text()).isNotEqualTo(text);
        assertThat(SchemaHistory.parse(history.text()).table("shop", "goods")).isPresent();
    }

    @Test
    void damagedTextIsRefusedWithTheReason() {
        String text = sample().text();
        assertThatThrownBy(() -> SchemaHistory.parse(text.substring(0, text.length() / 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SchemaHistory.parse("bm90IGRlZmxhdGU="))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("damaged");
    }
}
