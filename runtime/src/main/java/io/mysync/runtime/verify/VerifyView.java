package io.mysync.runtime.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code mysync verify}'s report: a table per store and table, then every difference; or one JSON document. */
public final class VerifyView {

    private static final ObjectMapper JSON = new ObjectMapper();

    private VerifyView() {
    }

    public static String text(List<LiveVerification.TableResult> results, int listed) {
        StringBuilder out = new StringBuilder(String.format("%-14s %-32s %10s %10s %11s %8s %9s%n", "sink", "table",
                "checked", "rechecked", "differences", "repaired", "unsettled"));
        for (LiveVerification.TableResult r : results) {
            if (r.skipped() != null) {
                out.append(String.format("%-14s %-32s %s%n", r.sink(), r.table(), r.skipped()));
            } else {
                out.append(String.format("%-14s %-32s %10d %10d %11d %8d %9d%n", r.sink(), r.table(), r.rowsChecked(),
                        r.rowsRechecked(), r.differences().size(), r.repaired().size(), r.unsettled().size()));
            }
        }
        List<LiveVerification.Difference> differences = results.stream().flatMap(r -> r.differences().stream())
                .toList();
        if (!differences.isEmpty()) {
            out.append(System.lineSeparator()).append("Rows that differ after the sink caught up past them:")
                    .append(System.lineSeparator());
            differences.stream().limit(listed).forEach(d -> out.append("  ").append(d.sink()).append(' ')
                    .append(d.table()).append(' ').append(d.key()).append(" (").append(d.location()).append("): ")
                    .append(d.difference()).append(System.lineSeparator()));
            if (differences.size() > listed) {
                out.append("  ... and ").append(differences.size() - listed).append(" more (--json lists all)")
                        .append(System.lineSeparator());
            }
        }
        List<LiveVerification.Difference> repaired = results.stream().flatMap(r -> r.repaired().stream()).toList();
        if (!repaired.isEmpty()) {
            out.append(System.lineSeparator()).append("Repaired (the reader emitted them again; the store now equals "
                    + "the source):").append(System.lineSeparator());
            repaired.stream().limit(listed).forEach(d -> out.append("  ").append(d.sink()).append(' ')
                    .append(d.table()).append(' ').append(d.key()).append(" (").append(d.location()).append("): ")
                    .append("was ").append(d.difference()).append(System.lineSeparator()));
        }
        results.stream().filter(r -> !r.unsettled().isEmpty()).forEach(r -> out.append(r.sink()).append(' ')
                .append(r.table()).append(": changed in every round, not verified: ")
                .append(String.join(" ", r.unsettled().subList(0, Math.min(10, r.unsettled().size()))))
                .append(System.lineSeparator()));
        return out.toString();
    }

    public static String json(List<LiveVerification.TableResult> results) {
        ObjectNode root = JSON.createObjectNode();
        root.put("clean", results.stream().allMatch(r -> r.differences().isEmpty()));
        ArrayNode tables = root.putArray("tables");
        for (LiveVerification.TableResult r : results) {
            ObjectNode t = tables.addObject().put("sink", r.sink()).put("table", r.table())
                    .put("rows_checked", r.rowsChecked()).put("rows_rechecked", r.rowsRechecked());
            if (r.skipped() != null) {
                t.put("skipped", r.skipped());
            }
            ArrayNode differences = t.putArray("differences");
            r.differences().forEach(d -> differences.addObject().put("key", d.key()).put("location", d.location())
                    .put("difference", d.difference()));
            ArrayNode repaired = t.putArray("repaired");
            r.repaired().forEach(d -> repaired.addObject().put("key", d.key()).put("location", d.location())
                    .put("difference", d.difference()));
            ArrayNode unsettled = t.putArray("unsettled");
            r.unsettled().forEach(unsettled::add);
        }
        return root.toPrettyString();
    }
}
