package io.mysync.common.sql;

/**
 * The two servers MySync reads; they differ in GTID format, grant names and a few binlog details. Which one a
 * server is, and at which release, is {@link SourceDialect}'s to decide.
 */
public enum ServerFlavor {
    MYSQL, MARIADB
}
