package io.mysync.dump.plan;

import java.util.List;

/**
 * A key range of one table: rows with {@code lower <= key < upper}, each bound a list of key values in the dump's
 * text form (hex for binary keys); {@code null} is unbounded.
 */
public record Chunk(int id, String table, List<String> lower, List<String> upper) {

    public String describe() {
        return table + " [" + (lower == null ? "start" : String.join(",", lower)) + ", "
                + (upper == null ? "end" : String.join(",", upper)) + ")";
    }
}
