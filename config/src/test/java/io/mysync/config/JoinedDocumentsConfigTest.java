package io.mysync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mysync.config.load.ConfigException;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.DocumentShape;
import io.mysync.config.model.MySyncConfig;
import io.mysync.config.model.NestForm;
import io.mysync.config.model.TablePattern;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JoinedDocumentsConfigTest {

    private static final String HEAD = """
            source:
              id: shop
              url: mysql://cdc@127.0.0.1:3306
              server_id: 5401
            kafka:
              bootstrap: 127.0.0.1:9092
            sinks:
              memo:
                url: memo://notes
            mappings:
            """;

    private static final String ORDERS = HEAD + """
              - table: shop.orders
                memo:
                  key: "order:{id}"
                  nest:
                    - table: shop.order_items
                      parent_key: [ order_id ]
                      path: items
                      columns: [ sku, qty ]
                      nest:
                        - { table: shop.item_options, parent_key: [ order_id, line ], path: options, as: map }
                      lookup:
                        - { table: shop.products, key: [ sku ], into: product, columns: [ title ] }
                  lookup:
                    - { table: shop.customers, key: [ customer_id ], into: customer, columns: [ name, tier ] }
            """;

    private final ConfigLoader loader = new ConfigLoader(Map.of());

    @Test
    void readsNestsTwoLevelsDeepAndLookupsAtEveryLevel() {
        MySyncConfig config = loader.read("test.yaml", ORDERS);

        DocumentShape shape = config.mappings().get(0).document("memo");
        assertThat(shape.joins()).isTrue();
        DocumentShape.Nest items = shape.nests().get(0);
        assertThat(items.table()).isEqualTo(new TablePattern.Named("shop", "order_items"));
        assertThat(items.parentKey()).containsExactly("order_id");
        assertThat(items.as()).isEqualTo(NestForm.ARRAY);
        assertThat(items.columns()).containsExactly("sku", "qty");
        DocumentShape.Nest options = items.shape().nests().get(0);
        assertThat(options.parentKey()).containsExactly("order_id", "line");
        assertThat(options.as()).isEqualTo(NestForm.MAP);
        assertThat(items.shape().lookups().get(0).into()).isEqualTo("product");
        assertThat(shape.lookups().get(0).columns()).containsExactly("name", "tier");
        assertThat(config.joinedTables()).extracting(TablePattern.Named::table)
                .containsExactlyInAnyOrder("order_items", "item_options", "products", "customers");
        assertThat(config.captures("shop", "item_options")).as("nested tables are captured").isTrue();
        assertThat(config.captures("shop", "payments")).isFalse();
        assertThat(config.joinsDocuments()).isTrue();
    }

    @Test
    void aPlainMappingHasNoJoinedDocument() {
        MySyncConfig config = loader.read("test.yaml", HEAD + "  - table: shop.orders\n    memo: { key: \"o:{id}\" }\n");

        assertThat(config.mappings().get(0).document("memo").joins()).isFalse();
        assertThat(config.joinsDocuments()).isFalse();
    }

    @Test
    void refusesATableNestedInsideItselfNamingTheCycle() {
        String yaml = ORDERS.replace("{ table: shop.item_options, parent_key: [ order_id, line ], path: options, "
                + "as: map }", "{ table: shop.orders, parent_key: [ id ], path: again }");

        assertThatThrownBy(() -> loader.read("test.yaml", yaml)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.key()).isEqualTo("mappings[0].memo.nest[0].nest[0].table");
                    assertThat(p.line()).isEqualTo(20);
                    assertThat(p.message()).contains("shop.orders → shop.order_items → shop.orders");
                }));
    }

    @Test
    void refusesMissingKeysAPatternAndFieldsNamedTwice() {
        String yaml = ORDERS.replace("- table: shop.orders", "- table: shop.ord*")
                .replace("parent_key: [ order_id, line ], ", "")
                .replace("into: customer", "into: items");

        assertThatThrownBy(() -> loader.read("test.yaml", yaml)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).extracting(p -> p.key() + ": " + p.message()).satisfiesExactlyInAnyOrder(
                        p -> assertThat(p).startsWith("mappings[0].memo.nest[0].nest[0].parent_key: missing required"),
                        p -> assertThat(p).startsWith("mappings[0].table: a document that nests or looks up")));
        String twice = ORDERS.replace("into: customer", "into: items");
        assertThatThrownBy(() -> loader.read("test.yaml", twice)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.key()).isEqualTo("mappings[0].memo.lookup[0].into");
                    assertThat(p.message()).contains("field 'items' is named by another nest or lookup");
                }));
    }

    @Test
    void refusesTheJsonEventFormat() {
        String yaml = ORDERS.replace("  bootstrap: 127.0.0.1:9092\n", "  bootstrap: 127.0.0.1:9092\n  format: json\n");

        assertThatThrownBy(() -> loader.read("test.yaml", yaml)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.message())
                        .contains("set kafka.format: protobuf")));
    }
}
