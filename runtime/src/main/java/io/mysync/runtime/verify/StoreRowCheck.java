package io.mysync.runtime.verify;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** Compares a source row's fields (text form, NULLs absent) with what a store holds for it. */
final class StoreRowCheck {

    private StoreRowCheck() {
    }

    /** @return null when equal, else what differs */
    static String difference(String store, Map<String, byte[]> expected, Map<String, byte[]> actual) {
        if (actual == null) {
            return "missing in " + store;
        }
        if (!actual.keySet().equals(expected.keySet())) {
            return "fields " + actual.keySet() + " but the row has " + expected.keySet();
        }
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            if (!Arrays.equals(e.getValue(), actual.get(e.getKey()))) {
                return e.getKey() + " is '" + new String(actual.get(e.getKey()), StandardCharsets.UTF_8)
                        + "' but the row has '" + new String(e.getValue(), StandardCharsets.UTF_8) + "'";
            }
        }
        return null;
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
