package io.mysync.writer.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;

/** Compares the fields a row should have in a store (name to bytes, NULLs absent) with what the store holds. */
public final class StoredFields {

    private StoredFields() {
    }

    /**
     * @param actual what the store holds, or null when it holds nothing for the row
     * @return null when equal, else what differs, in words
     */
    public static String difference(String store, Map<String, byte[]> expected, Map<String, byte[]> actual) {
        if (actual == null) {
            return "missing in " + store;
        }
        if (!actual.keySet().equals(expected.keySet())) {
            return "fields " + new TreeSet<>(actual.keySet()) + " but the row has " + new TreeSet<>(expected.keySet());
        }
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            if (!Arrays.equals(e.getValue(), actual.get(e.getKey()))) {
                return e.getKey() + " is '" + new String(actual.get(e.getKey()), StandardCharsets.UTF_8)
                        + "' but the row has '" + new String(e.getValue(), StandardCharsets.UTF_8) + "'";
            }
        }
        return null;
    }
}
