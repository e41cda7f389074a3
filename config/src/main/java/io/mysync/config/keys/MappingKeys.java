package io.mysync.config.keys;

import static io.mysync.config.def.ConfigType.STRING;
import static io.mysync.config.def.ConfigType.STRING_LIST;
import static io.mysync.config.def.ConfigType.STRING_MAP;
import static io.mysync.config.def.ConfigType.enumOf;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.def.Validators;
import io.mysync.config.model.AlterPolicy;
import io.mysync.config.model.RowsGonePolicy;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One entry of {@code mappings}: which table goes to which stores, and how. */
public final class MappingKeys {

    private MappingKeys() {
    }

    public static final ConfigKey<String> TABLE = ConfigKey.of("mappings[].table", STRING,
            "DB.TABLE this mapping applies to; '*' matches any run of characters (shop.order_*). A table takes "
                    + "one mapping: two mappings that can match the same table are refused, with both lines.")
            .required()
            .validate(Validators.matches("[^.\\s]+\\.[^.\\s]+", "DB.TABLE, e.g. shop.orders or shop.*"));

    public static final ConfigKey<List<String>> COLUMNS_INCLUDE = ConfigKey.of("mappings[].columns.include",
            STRING_LIST, "Columns to copy; empty means all.").defaultValue(List.of());

    public static final ConfigKey<List<String>> COLUMNS_EXCLUDE = ConfigKey.of("mappings[].columns.exclude",
            STRING_LIST, "Columns whose values never leave the source: the reader and the dump drop them before "
                    + "Kafka, so no topic, dead letter or store holds them. Not primary-key columns.")
            .defaultValue(List.of());

    public static final ConfigKey<Map<String, String>> COLUMNS_MASK = ConfigKey.of("mappings[].columns.mask",
            STRING_MAP, "Columns masked before Kafka: { email: hash, card: redact }. hash: hex HMAC-SHA256 of the "
                    + "value's text under source.mask_salt (equal values stay equal); redact: ******. NULL stays "
                    + "NULL; masked columns become text. Not primary-key columns.").defaultValue(Map.of())
            .validate(masks -> masks.entrySet().stream().filter(e -> !Set.of("hash", "redact").contains(e.getValue()))
                    .findFirst().map(e -> "'" + e.getValue() + "' for column " + e.getKey()
                            + " is not one of hash, redact"));

    public static final ConfigKey<Map<String, String>> COLUMNS_RENAME = ConfigKey.of("mappings[].columns.rename",
            STRING_MAP, "Field names in the stores for source columns: { user_id: customer }. Key templates still "
                    + "name source columns.").defaultValue(Map.of());

    public static final ConfigKey<Map<String, String>> CONSTANTS = ConfigKey.of("mappings[].constants", STRING_MAP,
            "Fields with a fixed text value added to every row: { origin: shop-eu }.").defaultValue(Map.of());

    public static final ConfigKey<List<String>> SKIP = ConfigKey.of("mappings[].skip", STRING_LIST,
            "Operations not applied to the stores: any of insert, update, delete.").defaultValue(List.of())
            .validate(ops -> ops.stream().filter(op -> !Set.of("insert", "update", "delete").contains(op)).findFirst()
                    .map(op -> "'" + op + "' is not one of insert, update, delete"));

    public static final ConfigKey<String> SOFT_DELETE = ConfigKey.of("mappings[].soft_delete", STRING,
            "When set, a DELETE keeps the row's last image in the stores with this field set to true (and the field "
                    + "is false on other rows) instead of removing it.").defaultValue("");

    public static final ConfigKey<RowsGonePolicy> ON_TRUNCATE = ConfigKey.of("mappings[].on_truncate",
            enumOf(RowsGonePolicy.class), "TRUNCATE TABLE: propagate deletes the table's keys, documents and rows "
                    + "from the stores; ignore keeps them (the reader logs a warning either way).")
            .defaultValue(RowsGonePolicy.PROPAGATE);

    public static final ConfigKey<RowsGonePolicy> ON_DROP = ConfigKey.of("mappings[].on_drop",
            enumOf(RowsGonePolicy.class), "DROP TABLE, or RENAME TABLE to a name no mapping captures: propagate "
                    + "deletes the table's keys, documents and rows from the stores; ignore keeps them.")
            .defaultValue(RowsGonePolicy.PROPAGATE);

    public static final ConfigKey<AlterPolicy> ON_ALTER = ConfigKey.of("mappings[].on_alter",
            enumOf(AlterPolicy.class), "A change of columns or primary key: resync reads the table again beside "
                    + "the stream so every stored row gets the new columns; stream leaves rows as they are until "
                    + "they change.").defaultValue(AlterPolicy.RESYNC);

    public static final List<ConfigKey<?>> ALL = List.of(TABLE, COLUMNS_INCLUDE, COLUMNS_EXCLUDE, COLUMNS_MASK, COLUMNS_RENAME,
            CONSTANTS, SKIP, SOFT_DELETE, ON_TRUNCATE, ON_DROP, ON_ALTER);
}
