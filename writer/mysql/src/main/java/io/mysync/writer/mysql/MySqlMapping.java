package io.mysync.writer.mysql;

/** Where a mapped table's rows go: a table template in {@code sinks.mysql_table}'s database. */
public record MySqlMapping(String table) {
}
