package io.mysync.config.load;

import io.mysync.config.def.ConfigKey;
import io.mysync.config.keys.MappingKeys;
import io.mysync.config.keys.SourceKeys;
import io.mysync.config.store.InstalledStores;
import io.mysync.config.store.StoreSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code columns.exclude} and {@code columns.mask}: a hash needs the salt, and no key template may name them. */
final class SensitiveColumnsCheck {

    private SensitiveColumnsCheck() {
    }

    static void check(ConfigValues v, int mappings, List<ConfigProblem> problems) {
        for (int i = 0; i < mappings; i++) {
            String entry = "mappings[" + i + "]";
            Map<String, String> masks = v.get(MappingKeys.COLUMNS_MASK, i);
            List<String> excluded = v.get(MappingKeys.COLUMNS_EXCLUDE, i);
            if (masks == null || excluded == null) {
                continue; // malformed, reported already
            }
            if (masks.containsValue("hash") && v.get(SourceKeys.MASK_SALT).isEmpty()) {
                problems.add(new ConfigProblem(v.file(), v.lineOf(entry + ".columns.mask"), "source.mask_salt",
                        entry + ".columns.mask hashes columns, so source.mask_salt must be set (at least 16 "
                                + "characters; keep it secret: whoever knows it can test guesses against the hashes)"));
            }
            List<String> gone = new ArrayList<>(excluded);
            gone.addAll(masks.keySet());
            templates(v, i).forEach((key, template) -> {
                for (String column : gone) {
                    if (template != null && template.contains("{" + column + "}")) {
                        problems.add(new ConfigProblem(v.file(), v.lineOf(key), key, "the template " + template
                                + " names column " + column + ", which columns.exclude or columns.mask keeps from "
                                + "leaving the source; build the key from other columns"));
                    }
                }
            });
        }
    }

    private static Map<String, String> templates(ConfigValues v, int i) {
        String entry = "mappings[" + i + "].";
        Map<String, String> templates = new java.util.LinkedHashMap<>();
        for (StoreSettings<?, ?> store : InstalledStores.all()) {
            if (v.hasSection(entry + store.name())) {
                for (ConfigKey<String> key : store.rowTemplates()) {
                    templates.put(ConfigValues.concrete(key.path(), i), v.get(key, i));
                }
            }
        }
        return templates;
    }
}
