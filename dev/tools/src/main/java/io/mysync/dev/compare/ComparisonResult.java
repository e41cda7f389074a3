package io.mysync.dev.compare;

import java.util.List;

/** Outcome of comparing a store with the source, row by row. */
public record ComparisonResult(long rowsChecked, long mismatches, long extraKeys, List<String> examples) {

    public boolean clean() {
        return mismatches == 0 && extraKeys == 0;
    }

    public ComparisonResult plus(ComparisonResult other) {
        List<String> all = new java.util.ArrayList<>(examples);
        all.addAll(other.examples);
        return new ComparisonResult(rowsChecked + other.rowsChecked, mismatches + other.mismatches,
                extraKeys + other.extraKeys, all.subList(0, Math.min(all.size(), 10)));
    }

    @Override
    public String toString() {
        return rowsChecked + " rows checked, " + mismatches + " mismatches, " + extraKeys + " keys without a row"
                + (examples.isEmpty() ? "" : "\n    " + String.join("\n    ", examples));
    }
}
