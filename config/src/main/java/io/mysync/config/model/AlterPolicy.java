package io.mysync.config.model;

/** What happens to rows already in the stores when a mapped table's columns or primary key change. */
public enum AlterPolicy {
    /**
     * Read the table again beside the stream (a backfill between watermarks), so that every row in the stores gets
     * the new column set: added columns with their values, dropped ones removed, renamed and retyped ones rewritten.
     */
    RESYNC,
    /** Only rows changed after the statement get the new column set; the reader logs a warning. */
    STREAM
}
