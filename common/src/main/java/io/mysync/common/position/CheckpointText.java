package io.mysync.common.position;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Properties;

/** The text form of a checkpoint (Java properties), the same in a file and in ZooKeeper. */
public final class CheckpointText {

    private CheckpointText() {
    }

    public static String format(Checkpoint checkpoint) {
        Properties p = new Properties();
        Position position = checkpoint.position();
        p.setProperty("source_id", checkpoint.sourceId());
        p.setProperty("binlog_file", position.binlogFile());
        p.setProperty("binlog_position", Long.toString(position.binlogPosition()));
        p.setProperty("gtid_set", position.gtidSet());
        p.setProperty("server_id", Long.toString(position.serverId()));
        p.setProperty("server_uuid", position.serverUuid());
        if (position.anchor() != null) {
            p.setProperty("anchor_marker", Long.toString(position.anchor().marker()));
            p.setProperty("anchor_next_seq", Long.toString(position.anchor().nextSeq()));
        }
        if (!position.backfill().isEmpty()) {
            p.setProperty("backfill", position.backfill());
        }
        if (!position.schemaHistory().isEmpty()) {
            p.setProperty("schema_history", position.schemaHistory());
        }
        p.setProperty("next_seq", Long.toString(checkpoint.nextSeq()));
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
        try {
            p.load(new StringReader(text));
            Position position = new Position(
                    required(p, "binlog_file", where),
                    Long.parseLong(required(p, "binlog_position", where)),
                    p.getProperty("gtid_set", ""),
                    Long.parseLong(p.getProperty("server_id", "0")),
                    p.getProperty("server_uuid", ""),
                    p.containsKey("anchor_marker") ? new Anchor(Long.parseLong(p.getProperty("anchor_marker")),
                            Long.parseLong(required(p, "anchor_next_seq", where))) : null,
                    p.getProperty("backfill", ""), p.getProperty("schema_history", ""));
            return new Checkpoint(sourceId, position, Long.parseLong(required(p, "next_seq", where)),
                    Instant.parse(required(p, "saved_at", where)),
                    p.containsKey("last_commit") ? Instant.parse(p.getProperty("last_commit")) : Instant.EPOCH);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("checkpoint " + where + " is damaged (" + e.getMessage()
                    + "); restore it from a backup or delete it and choose a start position with source.start", e);
        }
    }

    private static String required(Properties p, String key, String where) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("missing key " + key + " in " + where);
        }
        return value;
    }
}
