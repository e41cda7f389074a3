package io.mysync.writer.api.mapping;

import static io.mysync.writer.api.mapping.ChangeMapperTest.event;
import static io.mysync.writer.api.mapping.ChangeMapperTest.fields;
import static io.mysync.writer.api.mapping.ChangeMapperTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Op;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MySyncConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingIndexTest {

    @Test
    void aStoreIndexRoutesEachTableToItsOwnMappingOnly() {
        MySyncConfig config = new ConfigLoader(Map.of()).read("t.yaml", ChangeMapperTest.FILE + """
                  - table: shop.order_*
                    memo: { key: "line:{id}" }
                """);
        MappingIndex<String> index = new MappingIndex<>(List.of(
                new MappingIndex.Entry<>(config.mappings().get(0), "orders"),
                new MappingIndex.Entry<>(config.mappings().get(1), "lines")));
        assertThat(index.of("shop", "orders")).map(MappingIndex.Entry::prepared).hasValue("orders");
        assertThat(index.of("shop", "order_items")).map(MappingIndex.Entry::prepared).hasValue("lines");
        assertThat(index.of("shop", "customers")).isEmpty();
        ChangeEvent line = event(Op.INSERT, null, row("id", "9")).toBuilder().setTable("order_items").build();
        assertThat(index.route(line)).hasValueSatisfying(routed -> {
            assertThat(routed.prepared()).isEqualTo("lines");
            assertThat(fields(routed.change())).containsExactly(Map.entry("id", "9"));
        });
    }

    @Test
    void anOperationTheMappingSkipsIsNotRouted() {
        MySyncConfig config = new ConfigLoader(Map.of()).read("t.yaml", ChangeMapperTest.FILE + "    skip: [ delete ]\n");
        MappingIndex<String> index = new MappingIndex<>(List.of(new MappingIndex.Entry<>(config.mappings().get(0),
                "orders")));
        assertThat(index.route(event(Op.DELETE, row("id", "1"), null))).isEmpty();
        assertThat(index.route(event(Op.INSERT, null, row("id", "1")))).isPresent();
    }
}
