package io.mysync.runtime.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mysync.common.position.Checkpoint;
import io.mysync.common.position.ReaderState;
import io.mysync.common.schema.SchemaHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** {@code mysync status} output: a table per source for people, or one JSON document for scripts. */
public final class StatusView {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatusView() {
    }

    public static String text(List<SourceStatus> sources, Instant now) {
        StringBuilder out = new StringBuilder();
        for (SourceStatus s : sources) {
            ReaderStatus r = s.reader();
            out.append(String.format(Locale.ROOT, "Source %s (%s)   health: %s%n", s.source(), s.server(),
                    s.health().name()));
            String readers = !r.elected() ? "single reader (no election; ha.zookeeper is not set)"
                    : r.leader().map(l -> "leader " + l + (r.standbys().isEmpty() ? ", no standby"
                    : ", standby " + String.join(", ", r.standbys()))).orElse("no reader in the election");
            row(out, "reader", readers);
            row(out, "checkpoint", r.checkpoint().map(c -> position(c, now) + " (" + r.checkpointWhere() + ")")
                    .orElse("none (" + r.checkpointWhere() + ")"));
            r.checkpoint().ifPresent(c -> row(out, "schema", schema(c.state())));
            row(out, "source end", r.serverEnd().map(p -> p.binlogFile() + ":" + p.binlogPosition())
                    .orElse("unknown"));
            row(out, "source lag", seconds(r.lagSeconds()) + "   " + r.level().name()
                    + (r.problem().isEmpty() ? "" : "   " + r.problem()));
            int groupWidth = s.sinks().stream().mapToInt(k -> k.group().length()).max().orElse(0);
            String columns = "  %-14s %-" + Math.max(14, groupWidth) + "s %-10s %7s %12s %9s %14s  %s%n";
            out.append(String.format(Locale.ROOT, columns, "sink", "consumer group", "state", "writers",
                    "lag events", "lag", "dead letters", "health"));
            String row = columns.replace("%7s %12s", "%7d %,12d").replace("%s%n", "%s%s%n");
            for (SinkStatus k : s.sinks()) {
                out.append(String.format(Locale.ROOT, row, k.sink(),
                        k.group(), k.groupState(), k.members(), k.lagRecords(), seconds(k.lagSeconds()),
                        k.deadLettersPending() + " pending" + (k.deadLetters() > k.deadLettersPending()
                                ? "/" + k.deadLetters() : ""), k.level().name(),
                        k.problem().isEmpty() ? "" : "   " + k.problem()));
            }
            out.append(System.lineSeparator());
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "  %-12s %s%n", label, value));
    }

    private static String position(Checkpoint c, Instant now) {
        String gtid = c.position().gtidSet().isEmpty() ? "" : "  gtid " + c.position().gtidSet().replace("\n", "");
        return c.position().binlogFile() + ":" + c.position().binlogPosition() + gtid + "  next seq "
                + Long.toUnsignedString(c.nextSeq()) + "  saved " + seconds(
                Duration.between(c.savedAt(), now).toMillis() / 1000.0) + " ago";
    }

    /** Where the reader takes column names from at the checkpoint: table maps, or the schema history it saved. */
    private static String schema(ReaderState state) {
        HistorySummary h = HistorySummary.of(state);
        if (h == null) {
            return "column names from the binlog's table maps (no schema history kept)";
        }
        return h.damaged() != null ? "schema history damaged: " + h.damaged()
                : String.format(Locale.ROOT, "schema history version %d, %d tables, %,d bytes in the checkpoint",
                h.version(), h.tables(), h.bytes());
    }

    /** A checkpoint's schema history in figures; {@code damaged} says why it cannot be read, else null. */
    private record HistorySummary(long version, int tables, int bytes, String damaged) {
        static HistorySummary of(ReaderState state) {
            String text = state.schemaHistory();
            if (text.isEmpty()) {
                return null;
            }
            try {
                SchemaHistory history = SchemaHistory.parse(text);
                return new HistorySummary(history.version(), history.size(), text.length(), null);
            } catch (IllegalArgumentException e) {
                return new HistorySummary(0, 0, text.length(), e.getMessage());
            }
        }
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "unknown" : String.format(Locale.ROOT, "%.1f s", s);
    }

    /** {@code schema_history}: null when none is kept, else its version, tables and size (or why it is damaged). */
    private static void schemaHistory(ObjectNode checkpoint, ReaderState state) {
        HistorySummary h = HistorySummary.of(state);
        if (h == null) {
            checkpoint.putNull("schema_history");
            return;
        }
        ObjectNode node = checkpoint.putObject("schema_history");
        node.put("bytes", h.bytes());
        if (h.damaged() != null) {
            node.put("damaged", h.damaged());
        } else {
            node.put("version", h.version());
            node.put("tables", h.tables());
        }
    }

    public static String json(List<SourceStatus> sources) {
        ArrayNode list = JSON.createArrayNode();
        for (SourceStatus s : sources) {
            ReaderStatus r = s.reader();
            ObjectNode source = list.addObject();
            source.put("source", s.source());
            source.put("server", s.server());
            source.put("health", s.health().name());
            ObjectNode reader = source.putObject("reader");
            reader.put("elected", r.elected());
            reader.putPOJO("leader", r.leader().orElse(null));
            reader.putPOJO("standbys", r.standbys());
            reader.put("checkpoint_in", r.checkpointWhere());
            r.checkpoint().ifPresentOrElse(c -> {
                ObjectNode cp = reader.putObject("checkpoint");
                cp.put("binlog_file", c.position().binlogFile());
                cp.put("binlog_position", c.position().binlogPosition());
                cp.put("gtid_set", c.position().gtidSet());
                cp.put("next_seq", c.nextSeq());
                cp.put("saved_at", c.savedAt().toString());
                cp.put("last_commit", c.knowsLastCommit() ? c.lastCommit().toString() : null);
                schemaHistory(cp, c.state());
            }, () -> reader.putNull("checkpoint"));
            r.serverEnd().ifPresentOrElse(e -> reader.putObject("source_end").put("binlog_file", e.binlogFile())
                    .put("binlog_position", e.binlogPosition()), () -> reader.putNull("source_end"));
            number(reader, "lag_seconds", r.lagSeconds());
            reader.put("health", r.level().name());
            reader.put("problem", r.problem());
            ArrayNode sinks = source.putArray("sinks");
            for (SinkStatus k : s.sinks()) {
                ObjectNode sink = sinks.addObject();
                sink.put("sink", k.sink());
                sink.put("group", k.group());
                sink.put("group_state", k.groupState());
                sink.put("writers", k.members());
                sink.put("lag_events", k.lagRecords());
                number(sink, "lag_seconds", k.lagSeconds());
                sink.put("dead_letters", k.deadLetters());
                sink.put("dead_letters_pending", k.deadLettersPending());
                sink.put("health", k.level().name());
                sink.put("problem", k.problem());
            }
        }
        return list.toPrettyString();
    }

    private static void number(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, Math.round(value * 1000) / 1000.0);
        }
    }
}
