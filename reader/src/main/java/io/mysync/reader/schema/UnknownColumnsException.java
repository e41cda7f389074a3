package io.mysync.reader.schema;

/**
 * A table map whose columns cannot be named: the server writes no names ({@code binlog_row_metadata} other than
 * FULL) and the schema history does not know the table, or is out of step with it. The message names the recovery.
 */
public final class UnknownColumnsException extends IllegalStateException {

    public UnknownColumnsException(String message) {
        super(message);
    }
}
