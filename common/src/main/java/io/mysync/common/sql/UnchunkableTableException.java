package io.mysync.common.sql;

import io.mysync.common.error.RefusedException;

/** A table the dump cannot split into key ranges, with the reason and the fix. */
public final class UnchunkableTableException extends RefusedException {

    private final String table;

    public UnchunkableTableException(String table, String reason) {
        super("table " + table + " cannot be dumped in chunks: " + reason + ". Fix: add a primary key (ALTER TABLE "
                + table + " ADD PRIMARY KEY (...)) or a unique key on NOT NULL columns, or leave it out with --tables");
        this.table = table;
    }

    public String table() {
        return table;
    }
}
