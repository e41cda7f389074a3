package io.mysync.config.model;

/** Where a reader without a checkpoint starts. */
public enum StartMode {
    /** The oldest binlog the server still has. */
    EARLIEST,
    /** The server's current end of binlog: only changes made from now on. */
    LATEST,
    /** After the GTID set in {@code source.start_gtid}. */
    GTID,
    /** At {@code source.start_file} / {@code source.start_position}. */
    POSITION
}
