package io.mysync.config.keys;

import static io.mysync.config.def.ConfigType.STRING;
import static io.mysync.config.def.ConfigType.STRING_LIST;
import static io.mysync.config.def.ConfigType.enumOf;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.def.Validators;
import io.mysync.config.load.ConfigValues;
import io.mysync.config.model.DocumentShape;
import io.mysync.config.model.DocumentShapeLookupBuilder;
import io.mysync.config.model.DocumentShapeNestBuilder;
import io.mysync.config.model.NestForm;
import io.mysync.config.model.TablePattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The keys of a joined document ({@code nest:} and {@code lookup:}) in the mapping section of each store that holds
 * documents ({@code mappings[].NAME}, {@link io.mysync.config.store.StoreSettings#holdsJoinedDocuments()}): nests
 * two levels deep, lookups at every level. Defined once here for every such store.
 */
public final class DocumentKeys {

    /** Levels of {@code nest:} inside one another (order → items → item options). */
    public static final int NEST_LEVELS = 2;

    private static final String TABLE_FORMAT = "[^.\\s*]+\\.[^.\\s*]+";

    private DocumentKeys() {
    }

    /** The keys under {@code section} ({@code mappings[].NAME}). */
    public static List<ConfigKey<?>> under(String section) {
        List<ConfigKey<?>> keys = new ArrayList<>();
        String level = section;
        for (int depth = 0; depth <= NEST_LEVELS; depth++) {
            if (depth < NEST_LEVELS) {
                keys.addAll(nestKeys(level + ".nest[]").all());
            }
            keys.addAll(lookupKeys(level + ".lookup[]").all());
            level = level + ".nest[]";
        }
        return keys;
    }

    /** The document shape of the store section at {@code concreteSection} ({@code mappings[2].NAME}). */
    public static DocumentShape read(ConfigValues v, String concreteSection) {
        String schema = concreteSection.replaceAll("\\[\\d+]", "[]");
        List<DocumentShape.Nest> nests = new ArrayList<>();
        NestKeys nestKeys = nestKeys(schema + ".nest[]");
        for (int i = 0; i < v.count(concreteSection + ".nest"); i++) {
            String at = concreteSection + ".nest[" + i + "]";
            nests.add(DocumentShapeNestBuilder.builder()
                    .table(named(v.at(nestKeys.table, at)))
                    .parentKey(v.at(nestKeys.parentKey, at))
                    .path(v.at(nestKeys.path, at))
                    .as(v.at(nestKeys.as, at))
                    .columns(v.at(nestKeys.columns, at))
                    .shape(read(v, at))
                    .build());
        }
        List<DocumentShape.Lookup> lookups = new ArrayList<>();
        LookupKeys lookupKeys = lookupKeys(schema + ".lookup[]");
        for (int i = 0; i < v.count(concreteSection + ".lookup"); i++) {
            String at = concreteSection + ".lookup[" + i + "]";
            lookups.add(DocumentShapeLookupBuilder.builder()
                    .table(named(v.at(lookupKeys.table, at)))
                    .key(v.at(lookupKeys.key, at))
                    .into(v.at(lookupKeys.into, at))
                    .columns(v.at(lookupKeys.columns, at))
                    .build());
        }
        return new DocumentShape(nests, lookups);
    }

    private static TablePattern.Named named(String text) {
        return TablePattern.of(text == null ? "" : text).named().orElse(new TablePattern.Named("", ""));
    }

    record NestKeys(ConfigKey<String> table, ConfigKey<List<String>> parentKey, ConfigKey<String> path,
                    ConfigKey<NestForm> as, ConfigKey<List<String>> columns) {
        List<ConfigKey<?>> all() {
            return List.of(table, parentKey, path, as, columns);
        }
    }

    record LookupKeys(ConfigKey<String> table, ConfigKey<List<String>> key, ConfigKey<String> into,
                      ConfigKey<List<String>> columns) {
        List<ConfigKey<?>> all() {
            return List.of(table, key, into, columns);
        }
    }

    static NestKeys nestKeys(String list) {
        return new NestKeys(
                ConfigKey.of(list + ".table", STRING, "DB.TABLE whose rows are nested in this document (1:N), "
                        + "named in full.").required()
                        .validate(Validators.matches(TABLE_FORMAT, "DB.TABLE with no '*', e.g. shop.order_items")),
                ConfigKey.of(list + ".parent_key", STRING_LIST, "The child's columns that hold the parent row's "
                        + "primary key, in the order of that key's columns: [order_id], or [order_id, line].")
                        .required().validate(nonEmpty("name the child's column(s) holding the parent's key")),
                ConfigKey.of(list + ".path", STRING, "Field of the document that holds the child rows.").required()
                        .validate(Validators.matches("[A-Za-z_][A-Za-z0-9_]*", "a field name such as items")),
                ConfigKey.of(list + ".as", enumOf(NestForm.class), "array: the child rows ordered by their primary "
                        + "key (empty array when there is none); map: an object keyed by the child's primary key "
                        + "(its values joined with ':').").defaultValue(NestForm.ARRAY),
                ConfigKey.of(list + ".columns", STRING_LIST, "The child's columns copied into each nested row; "
                        + "empty copies all.").defaultValue(List.of()));
    }

    static LookupKeys lookupKeys(String list) {
        return new LookupKeys(
                ConfigKey.of(list + ".table", STRING, "DB.TABLE of the referenced rows (N:1), named in full.")
                        .required()
                        .validate(Validators.matches(TABLE_FORMAT, "DB.TABLE with no '*', e.g. shop.customers")),
                ConfigKey.of(list + ".key", STRING_LIST, "This row's columns that hold the referenced row's primary "
                        + "key, in the order of that key's columns: [customer_id].").required()
                        .validate(nonEmpty("name the column(s) holding the referenced row's key")),
                ConfigKey.of(list + ".into", STRING, "Field of the document that holds the copied columns, as an "
                        + "object; its fields are null when no row matches (as a LEFT JOIN gives).").required()
                        .validate(Validators.matches("[A-Za-z_][A-Za-z0-9_]*", "a field name such as customer")),
                ConfigKey.of(list + ".columns", STRING_LIST, "The referenced row's columns copied: [name, tier].")
                        .required().validate(nonEmpty("name the columns to copy")));
    }

    private static java.util.function.Function<List<String>, Optional<String>> nonEmpty(String fix) {
        return list -> list.isEmpty() ? Optional.of("empty: " + fix) : Optional.empty();
    }
}
