package io.mysync.common.position;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Properties;

/**
 * The text form of a checkpoint (Java properties), the same in a file and in ZooKeeper. Its {@code format} key
 * names the layout; every layout this version wrote before still loads, and a newer one is refused by name.
 *
 * <ul>
 *   <li>1 (no {@code format} key, MySync before 2026-12): the keys of format 2.</li>
 *   <li>2: {@code format}, {@code source_id}, the position ({@code binlog_file}, {@code binlog_position},
 *       {@code gtid_set}, {@code server_id}, {@code server_uuid}), the reader's state ({@code next_seq},
 *       {@code anchor_marker} with {@code anchor_next_seq}, {@code backfill}, {@code schema_history}),
 *       {@code saved_at} and {@code last_commit}.</li>
 * </ul>
 */
public final class CheckpointText {

    /** The layout {@link #format} writes. */
    public static final int FORMAT = 2;

    private CheckpointText() {
    }

    public static String format(Checkpoint checkpoint) {
        Properties p = new Properties();
        ReaderState state = checkpoint.state();
        Position position = state.position();
        p.setProperty("format", Integer.toString(FORMAT));
        p.setProperty("source_id", checkpoint.sourceId());
        p.setProperty("binlog_file", position.binlogFile());
        p.setProperty("binlog_position", Long.toString(position.binlogPosition()));
        p.setProperty("gtid_set", position.gtidSet());
        p.setProperty("server_id", Long.toString(position.serverId()));
        p.setProperty("server_uuid", position.serverUuid());
        p.setProperty("next_seq", Long.toString(state.nextSeq()));
        if (state.anchor() != null) {
            p.setProperty("anchor_marker", Long.toString(state.anchor().marker()));
            p.setProperty("anchor_next_seq", Long.toString(state.anchor().nextSeq()));
        }
        if (!state.backfill().isEmpty()) {
            p.setProperty("backfill", state.backfill());
        }
        if (!state.schemaHistory().isEmpty()) {
            p.setProperty("schema_history", state.schemaHistory());
        }
        p.setProperty("saved_at", checkpoint.savedAt().toString());
        if (checkpoint.knowsLastCommit()) {
            p.setProperty("last_commit", checkpoint.lastCommit().toString());
        }
        StringWriter text = new StringWriter();
        try {
            p.store(text, "MySync reader checkpoint; written atomically, do not edit while the reader runs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * @param where the file or znode, named in the error
     * @throws IllegalStateException naming what is damaged and how to recover
     */
    public static Checkpoint parse(String sourceId, String text, String where) {
        Properties p = new Properties();
        int format;
        try {
            p.load(new StringReader(text));
            format = Integer.parseInt(p.getProperty("format", "1").trim());
        } catch (IOException | RuntimeException e) {
            throw damaged(where, e);
        }
        if (format > FORMAT) {
            throw new IllegalStateException("checkpoint " + where + " has format " + format + ", written by a newer "
                    + "MySync; this one reads formats 1 to " + FORMAT + ". Run the newer version, or delete the "
                    + "checkpoint and choose a start position with source.start");
        }
        try {
            Position position = new Position(
                    required(p, "binlog_file", where),
                    Long.parseLong(required(p, "binlog_position", where)),
                    p.getProperty("gtid_set", ""),
                    Long.parseLong(p.getProperty("server_id", "0")),
                    p.getProperty("server_uuid", ""));
            ReaderState state = new ReaderState(position, Long.parseLong(required(p, "next_seq", where)),
                    p.containsKey("anchor_marker") ? new Anchor(Long.parseLong(p.getProperty("anchor_marker")),
                            Long.parseLong(required(p, "anchor_next_seq", where))) : null,
                    p.getProperty("backfill", ""), p.getProperty("schema_history", ""));
            return new Checkpoint(sourceId, state, Instant.parse(required(p, "saved_at", where)),
                    p.containsKey("last_commit") ? Instant.parse(p.getProperty("last_commit")) : Instant.EPOCH);
        } catch (RuntimeException e) {
            throw damaged(where, e);
        }
    }

    private static IllegalStateException damaged(String where, Exception e) {
        return new IllegalStateException("checkpoint " + where + " is damaged (" + e.getMessage()
                + "); restore it from a backup or delete it and choose a start position with source.start", e);
    }

    private static String required(Properties p, String key, String where) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("missing key " + key + " in " + where);
        }
        return value;
    }
}
