package io.mysync.common.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.Value;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SensitiveColumnsTest {

    private final SensitiveColumns sensitive = new SensitiveColumns((database, table) -> table.equals("people")
            ? new SensitiveColumns.Rule(Set.of("ssn"), Map.of("email", SensitiveColumns.Mask.HASH,
            "card", SensitiveColumns.Mask.REDACT)) : null, "salt-0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    @Test
    void dropsExcludedAndMasksTheRestInBothImages() {
        ChangeEvent event = update("people", row(7, "ann@example.com", "123-45", "4111"),
                row(7, "ann@example.com", "999-99", null));

        ChangeEvent out = sensitive.apply(event);

        for (Row image : new Row[] {out.getBefore(), out.getAfter()}) {
            assertThat(image.getColumnsList()).extracting(Column::getName).containsExactly("id", "email", "card");
            assertThat(image.getColumns(1).getType()).isEqualTo("varchar");
            assertThat(image.getColumns(1).getValue().getStringValue()).hasSize(64).doesNotContain("ann");
        }
        assertThat(out.getBefore().getColumns(1).getValue()).as("equal values, equal hashes")
                .isEqualTo(out.getAfter().getColumns(1).getValue());
        assertThat(out.getBefore().getColumns(2).getValue().getStringValue()).isEqualTo(SensitiveColumns.REDACTED);
        assertThat(out.getAfter().getColumns(2).getValue().getKindCase()).as("NULL stays NULL")
                .isEqualTo(Value.KindCase.NULL_VALUE);
        assertThat(out.getSeq()).isEqualTo(event.getSeq());
    }

    @Test
    void leavesOtherTablesAlone() {
        ChangeEvent event = update("orders", row(1, "a@b.c", "1", "2"), row(1, "a@b.c", "1", "3"));
        assertThat(sensitive.apply(event)).isSameAs(event);
    }

    @Test
    void refusesAPrimaryKeyColumn() {
        SensitiveColumns keyed = new SensitiveColumns((d, t) -> new SensitiveColumns.Rule(Set.of("id"), Map.of()),
                new byte[0]);
        assertThatThrownBy(() -> keyed.apply(update("people", row(1, "x", "y", "z"), row(1, "x", "y", "w"))))
                .hasMessageContaining("column id of shop.people is part of its primary key")
                .hasMessageContaining("columns.exclude");
    }

    private static ChangeEvent update(String table, Row before, Row after) {
        return ChangeEvent.newBuilder().setSeq(42).setOp(Op.UPDATE).setDatabase("shop").setTable(table)
                .addPrimaryKey("id").setBefore(before).setAfter(after).build();
    }

    private static Row row(int id, String email, String ssn, String card) {
        return Row.newBuilder().addColumns(column("id", "int", Value.newBuilder().setIntValue(id).build()))
                .addColumns(column("email", "varchar", text(email))).addColumns(column("ssn", "varchar", text(ssn)))
                .addColumns(column("card", "varchar", text(card))).build();
    }

    private static Value text(String s) {
        return s == null ? Value.newBuilder().setNullValue(true).build() : Value.newBuilder().setStringValue(s).build();
    }

    private static Column column(String name, String type, Value value) {
        return Column.newBuilder().setName(name).setType(type).setValue(value).build();
    }
}
