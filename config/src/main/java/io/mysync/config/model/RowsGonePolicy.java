package io.mysync.config.model;

/** What the stores do when a mapped table loses all its rows at once (TRUNCATE, DROP TABLE, a rename away). */
public enum RowsGonePolicy {
    /** Delete the table's keys, documents and rows from every store it maps to. */
    PROPAGATE,
    /** Keep the stores as they are; the reader logs a warning naming the table and the statement. */
    IGNORE
}
