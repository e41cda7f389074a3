package io.mysync.reader.backfill;

/** Reads tables again beside the stream after schema changes ({@link Backfills}). */
public interface Resyncs {

    /** Reads {@code table} (DB.TABLE) again, now or after the backfills before it. */
    void resync(String table, String reason);

    /** Every row of a table is gone: a chunk of it read before must not bring them back. */
    void onTruncate(String database, String table);
}
