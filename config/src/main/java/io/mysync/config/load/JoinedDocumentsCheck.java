package io.mysync.config.load;

import io.mysync.config.keys.DocumentKeys;
import io.mysync.config.keys.KafkaKeys;
import io.mysync.config.keys.MappingKeys;
import io.mysync.config.model.DocumentShape;
import io.mysync.config.model.TablePattern;
import io.mysync.config.store.InstalledStores;
import io.mysync.config.store.StoreSettings;
import io.mysync.events.EventFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a joined document ({@code nest:}, {@code lookup:}) needs that one key alone cannot say: its own table named in
 * full, no table nested inside itself (a cycle would never end), distinct field names among siblings, and events
 * the join stage can read (protobuf).
 */
final class JoinedDocumentsCheck {

    private JoinedDocumentsCheck() {
    }

    static void check(ConfigValues v, int mappings, List<ConfigProblem> problems) {
        for (int i = 0; i < mappings; i++) {
            for (StoreSettings<?, ?> store : InstalledStores.all()) {
                String section = "mappings[" + i + "]." + store.name();
                if (!store.holdsJoinedDocuments() || !v.hasSection(section)) {
                    continue;
                }
                DocumentShape shape = DocumentKeys.read(v, section);
                if (!shape.joins()) {
                    continue;
                }
                String tableText = v.get(MappingKeys.TABLE, i);
                var named = tableText == null ? java.util.Optional.<TablePattern.Named>empty()
                        : TablePattern.of(tableText).named();
                if (named.isEmpty()) {
                    String key = "mappings[" + i + "].table";
                    problems.add(new ConfigProblem(v.file(), v.lineOf(key), key, "a document that nests or looks up "
                            + "rows is built for one table: name it in full (shop.orders), not a pattern"));
                    continue;
                }
                if (v.get(KafkaKeys.FORMAT) == EventFormat.JSON) {
                    problems.add(new ConfigProblem(v.file(), v.lineOf(section), section, "joined documents are built "
                            + "from the protobuf events, and kafka.format is json: set kafka.format: protobuf"));
                }
                List<String> ancestors = new ArrayList<>(List.of(name(named.get())));
                shape(v, section, shape, ancestors, problems);
            }
        }
    }

    private static void shape(ConfigValues v, String section, DocumentShape shape, List<String> ancestors,
                              List<ConfigProblem> problems) {
        Set<String> fields = new HashSet<>();
        for (int n = 0; n < shape.nests().size(); n++) {
            DocumentShape.Nest nest = shape.nests().get(n);
            String at = section + ".nest[" + n + "]";
            String table = name(nest.table());
            if (ancestors.contains(table)) {
                List<String> cycle = new ArrayList<>(ancestors.subList(ancestors.indexOf(table), ancestors.size()));
                cycle.add(table);
                problems.add(new ConfigProblem(v.file(), v.lineOf(at + ".table"), at + ".table", "nests "
                        + table + " inside itself (" + String.join(" → ", cycle) + "): a document cannot hold a "
                        + "cycle; nest each table once on the way down, or use a lookup for the reference back"));
                continue;
            }
            distinct(v, at + ".path", nest.path(), fields, problems);
            List<String> down = new ArrayList<>(ancestors);
            down.add(table);
            shape(v, at, nest.shape(), down, problems);
        }
        for (int l = 0; l < shape.lookups().size(); l++) {
            distinct(v, section + ".lookup[" + l + "].into", shape.lookups().get(l).into(), fields, problems);
        }
    }

    private static void distinct(ConfigValues v, String key, String field, Set<String> fields,
                                 List<ConfigProblem> problems) {
        if (field != null && !field.isEmpty() && !fields.add(field)) {
            problems.add(new ConfigProblem(v.file(), v.lineOf(key), key, "field '" + field + "' is named by another "
                    + "nest or lookup of the same document: give each its own path or into"));
        }
    }

    private static String name(TablePattern.Named table) {
        return table.database() + "." + table.table();
    }
}
