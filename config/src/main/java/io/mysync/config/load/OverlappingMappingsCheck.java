package io.mysync.config.load;

import io.mysync.config.keys.MappingKeys;
import io.mysync.config.model.TablePattern;
import java.util.List;

/**
 * One table, one mapping: two mappings whose {@code table} patterns can match the same table are refused, with the
 * line of each. Every process takes a table's first matching mapping, so the second one's {@code columns.exclude},
 * {@code columns.mask} and store sections would be ignored without a word, and an excluded column would leave the
 * source.
 */
final class OverlappingMappingsCheck {

    private OverlappingMappingsCheck() {
    }

    static void check(ConfigValues v, int mappings, List<ConfigProblem> problems) {
        for (int later = 1; later < mappings; later++) {
            String laterText = v.get(MappingKeys.TABLE, later);
            if (laterText == null || laterText.isBlank()) {
                continue; // reported as missing already
            }
            TablePattern pattern = TablePattern.of(laterText);
            for (int earlier = 0; earlier < later; earlier++) {
                String earlierText = v.get(MappingKeys.TABLE, earlier);
                if (earlierText == null || earlierText.isBlank() || !pattern.overlaps(TablePattern.of(earlierText))) {
                    continue;
                }
                String key = "mappings[" + later + "].table";
                problems.add(new ConfigProblem(v.file(), v.lineOf(key), key, laterText + " can match the same tables "
                        + "as mappings[" + earlier + "].table " + earlierText + " (line " + v.lineOf("mappings["
                        + earlier + "].table") + "): a table takes one mapping, so this one's columns and stores would "
                        + "be ignored for them; merge the two into one mapping, or name the tables of each apart"));
                break;
            }
        }
    }
}
