package io.mysync.dev.compare;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The id or row key MySync gives a row without a template, for the comparisons that look rows up by it. */
final class StoreRowCheck {

    private StoreRowCheck() {
    }

    /** The id/row key MySync gives a row without a template: its primary-key values joined with ':'. */
    static String id(Iterable<String> primaryKey, Map<String, byte[]> row) {
        StringBuilder id = new StringBuilder();
        for (String column : primaryKey) {
            id.append(id.isEmpty() ? "" : ":").append(new String(row.get(column), StandardCharsets.UTF_8));
        }
        return id.toString();
    }
}
