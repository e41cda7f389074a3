package io.mysync.writer.redis;

/** How a row is stored under its Redis key. */
public enum RedisValueType {
    /** A hash with one field per column; NULL columns are absent fields. */
    HASH,
    /** A string holding the row as a JSON object. */
    JSON
}
