package io.mysync.common.position;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A MySQL GTID set, tagged GTIDs (MySQL 8.3+) included: {@code uuid:1-100:tag_a:1-5,uuid2:1-3}, where the intervals
 * after a tag belong to that tag until the next tag. Printed in MySQL's own canonical form (sources in order of the
 * uuid, untagged intervals first, then each tag in order, intervals merged), so that the text kept in a checkpoint
 * reads back as the same set. The binlog client library's {@code GtidSet} prints tagged sets in an order MySQL reads
 * differently, which is why MySync keeps its own.
 */
public final class MySqlGtidSet {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?"
            + "[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}");
    /** MySQL's tag: a letter or underscore, then up to 31 letters, digits or underscores; case-insensitive. */
    private static final Pattern TAG = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,31}");

    /** uuid → tag ("" for untagged) → intervals, each {from, to}, sorted and merged. */
    private final Map<String, Map<String, List<long[]>>> sources = new TreeMap<>();
    /** Source uuids as the binlog spells them → their checked, canonical form: one regex per source, not per GTID. */
    private final Map<String, String> knownUuids = new java.util.HashMap<>();

    private MySqlGtidSet() {
    }

    public static MySqlGtidSet empty() {
        return new MySqlGtidSet();
    }

    /**
     * Reads a set as MySQL prints it ({@code @@gtid_executed}, {@code Executed_Gtid_Set}, line breaks allowed) or
     * as a list of single GTIDs.
     *
     * @throws IllegalArgumentException naming the part that is not a GTID set
     */
    public static MySqlGtidSet parse(String text) {
        MySqlGtidSet set = new MySqlGtidSet();
        if (text == null) {
            return set;
        }
        for (String member : text.replace("\n", "").replace("\r", "").split(",")) {
            String m = member.trim();
            if (m.isEmpty()) {
                continue;
            }
            String[] parts = m.split(":");
            String uuid = parts[0].trim();
            if (!UUID.matcher(uuid).matches() || parts.length < 2) {
                throw new IllegalArgumentException("'" + m + "' is not a MySQL GTID set member (uuid:1-5[:tag:1-3])");
            }
            String tag = "";
            for (int i = 1; i < parts.length; i++) {
                String part = parts[i].trim();
                if (TAG.matcher(part).matches()) {
                    tag = part.toLowerCase(Locale.ROOT);
                    if (i == parts.length - 1) {
                        throw new IllegalArgumentException("the tag '" + part + "' in '" + m + "' has no interval");
                    }
                } else {
                    set.add(normalUuid(uuid), tag, interval(part, m));
                }
            }
        }
        return set;
    }

    private static long[] interval(String part, String member) {
        try {
            int dash = part.indexOf('-');
            long from = Long.parseLong(dash < 0 ? part : part.substring(0, dash));
            long to = dash < 0 ? from : Long.parseLong(part.substring(dash + 1));
            if (from < 1 || to < from) {
                throw new NumberFormatException();
            }
            return new long[] {from, to};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + part + "' in '" + member + "' is neither an interval (1-5) nor "
                    + "a tag (a letter or _, then up to 31 letters, digits or _)");
        }
    }

    /**
     * Adds one GTID, {@code uuid:n} or {@code uuid:tag:n}: the reader's per-transaction call, so a source seen before
     * costs no regex and the next number of a run extends its last interval in place.
     */
    public MySqlGtidSet addGtid(String gtid) {
        int first = gtid.indexOf(':');
        int last = gtid.lastIndexOf(':');
        String uuid = first < 0 ? null : knownUuids.get(gtid.substring(0, first));
        if (uuid == null || !(first == last || TAG.matcher(gtid.substring(first + 1, last)).matches())) {
            MySqlGtidSet one = parse(gtid);
            one.sources.forEach((source, tags) -> tags.forEach((tag, intervals) ->
                    intervals.forEach(i -> add(source, tag, i))));
            if (first > 0 && one.sources.size() == 1) {
                knownUuids.put(gtid.substring(0, first), one.sources.keySet().iterator().next());
            }
            return this;
        }
        String tag = first == last ? "" : gtid.substring(first + 1, last).toLowerCase(Locale.ROOT);
        return add(uuid, tag, interval(gtid.substring(last + 1), gtid));
    }

    /** @param uuid in canonical form */
    private MySqlGtidSet add(String uuid, String tag, long[] interval) {
        List<long[]> intervals = sources.computeIfAbsent(uuid, u -> new TreeMap<>())
                .computeIfAbsent(tag, t -> new ArrayList<>());
        long[] newest = intervals.isEmpty() ? null : intervals.get(intervals.size() - 1);
        if (newest != null && interval[0] >= newest[0] && interval[0] <= newest[1] + 1) {
            newest[1] = Math.max(newest[1], interval[1]); // within or right after the newest interval: still merged
            return this;
        }
        intervals.add(interval.clone());
        intervals.sort((a, b) -> Long.compare(a[0], b[0]));
        List<long[]> merged = new ArrayList<>();
        for (long[] i : intervals) {
            long[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && i[0] <= last[1] + 1) {
                last[1] = Math.max(last[1], i[1]);
            } else {
                merged.add(i);
            }
        }
        intervals.clear();
        intervals.addAll(merged);
        return this;
    }

    private static String normalUuid(String uuid) {
        String hex = uuid.replace("-", "").toLowerCase(Locale.ROOT);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20);
    }

    public boolean isEmpty() {
        return sources.isEmpty();
    }

    /** Whether every GTID of this set is in {@code other}. */
    public boolean isContainedIn(MySqlGtidSet other) {
        for (var source : sources.entrySet()) {
            Map<String, List<long[]>> theirs = other.sources.getOrDefault(source.getKey(), Map.of());
            for (var tag : source.getValue().entrySet()) {
                List<long[]> covering = theirs.getOrDefault(tag.getKey(), List.of());
                for (long[] i : tag.getValue()) {
                    if (covering.stream().noneMatch(c -> c[0] <= i[0] && i[1] <= c[1])) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** How many transactions the set holds, tagged ones included. */
    public long transactions() {
        long total = 0;
        for (Map<String, List<long[]>> tags : sources.values()) {
            for (List<long[]> intervals : tags.values()) {
                for (long[] i : intervals) {
                    total += i[1] - i[0] + 1;
                }
            }
        }
        return total;
    }

    /** MySQL's canonical text: {@code uuid:1-100:tag_a:1-5,uuid2:1-3}, no spaces, no line breaks. */
    @Override
    public String toString() {
        List<String> members = new ArrayList<>();
        for (var source : sources.entrySet()) {
            StringBuilder member = new StringBuilder(source.getKey());
            for (var tag : source.getValue().entrySet()) {
                if (!tag.getKey().isEmpty()) {
                    member.append(':').append(tag.getKey());
                }
                for (long[] i : tag.getValue()) {
                    member.append(':').append(i[0]);
                    if (i[1] != i[0]) {
                        member.append('-').append(i[1]);
                    }
                }
            }
            members.add(member.toString());
        }
        return String.join(",", members);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MySqlGtidSet other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
