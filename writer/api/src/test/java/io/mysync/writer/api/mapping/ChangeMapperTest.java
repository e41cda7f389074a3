package io.mysync.writer.api.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.Value;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MappingConfig;
import io.mysync.config.model.MySyncConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeMapperTest {

    static final String FILE = """
            source: { id: shop, url: "mysql://u@h:1", server_id: 99 }
            kafka: { bootstrap: "h:1" }
            sinks: { memo: { url: "memo://notes" } }
            mappings:
              - table: shop.orders
                memo: { key: "order:{id}" }
            """;

    static MappingConfig mapping(String options) {
        MySyncConfig config = new ConfigLoader(Map.of()).read("t.yaml", FILE + options);
        return config.mappings().get(0);
    }

    static Row row(Object... nameValue) {
        Row.Builder row = Row.newBuilder();
        for (int i = 0; i < nameValue.length; i += 2) {
            row.addColumns(Column.newBuilder().setName((String) nameValue[i]).setType("varchar")
                    .setValue(Value.newBuilder().setStringValue((String) nameValue[i + 1])));
        }
        return row.build();
    }

    static ChangeEvent event(Op op, Row before, Row after) {
        ChangeEvent.Builder event = ChangeEvent.newBuilder().setSeq(7).setOp(op).setDatabase("shop")
                .setTable("orders").addPrimaryKey("id");
        if (before != null) {
            event.setBefore(before);
        }
        if (after != null) {
            event.setAfter(after);
        }
        return event.build();
    }

    static Map<String, String> fields(MappedChange change) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        change.fields().forEach(f -> out.put(f.name(), f.value().getStringValue()));
        return out;
    }

    @Test
    void copiesEveryColumnOfTheAfterImageWithoutOptions() {
        MappedChange change = ChangeMapper.map(mapping(""), event(Op.UPDATE, row("id", "1", "state", "new"),
                row("id", "1", "state", "paid"))).orElseThrow();
        assertThat(change.delete()).isFalse();
        assertThat(fields(change)).containsExactly(Map.entry("id", "1"), Map.entry("state", "paid"));
    }

    @Test
    void renamesExcludesAndAddsConstantsInThatOrder() {
        MappingConfig mapping = mapping("""
                    columns: { exclude: [ secret ], rename: { state: status } }
                    constants: { origin: shop-eu }
                """);
        MappedChange change = ChangeMapper.map(mapping, event(Op.INSERT, null,
                row("id", "1", "state", "new", "secret", "s3"))).orElseThrow();
        assertThat(fields(change)).containsExactly(Map.entry("id", "1"), Map.entry("status", "new"),
                Map.entry("origin", "shop-eu"));
        assertThat(change.fields().get(2).type()).isEqualTo(ChangeMapper.CONSTANT_TYPE);
    }

    @Test
    void aDeleteCarriesTheBeforeImageAsItsKeyAndNoFields() {
        MappedChange change = ChangeMapper.map(mapping(""), event(Op.DELETE, row("id", "3", "state", "paid"), null))
                .orElseThrow();
        assertThat(change.delete()).isTrue();
        assertThat(change.keyImage()).isEqualTo(row("id", "3", "state", "paid"));
        assertThat(change.fields()).isEmpty();
    }

    @Test
    void aSoftDeleteKeepsTheLastImageFlagged() {
        MappingConfig mapping = mapping("    soft_delete: deleted\n");
        MappedChange gone = ChangeMapper.map(mapping, event(Op.DELETE, row("id", "3", "state", "paid"), null))
                .orElseThrow();
        assertThat(gone.delete()).isFalse();
        assertThat(fields(gone)).containsExactly(Map.entry("id", "3"), Map.entry("state", "paid"),
                Map.entry("deleted", "true"));
        MappedChange live = ChangeMapper.map(mapping, event(Op.INSERT, null, row("id", "4"))).orElseThrow();
        assertThat(fields(live)).containsEntry("deleted", "false");
    }

    @Test
    void skippedOperationsMapToNothingAndASnapshotCountsAsAnInsert() {
        MappingConfig mapping = mapping("    skip: [ insert, delete ]\n");
        assertThat(ChangeMapper.map(mapping, event(Op.INSERT, null, row("id", "1")))).isEmpty();
        assertThat(ChangeMapper.map(mapping, event(Op.SNAPSHOT, null, row("id", "1")))).isEmpty();
        assertThat(ChangeMapper.map(mapping, event(Op.DELETE, row("id", "1"), null))).isEmpty();
        assertThat(ChangeMapper.map(mapping, event(Op.UPDATE, row("id", "1"), row("id", "1")))).isPresent();
    }
}
