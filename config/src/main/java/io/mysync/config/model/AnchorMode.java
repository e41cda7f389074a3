package io.mysync.config.model;

/**
 * Whether the reader writes failover markers into the source's {@code __mysync.anchor} table. AUTO writes them
 * when the reader does not resume by GTID and the user may write there (and says once when it may not).
 */
public enum AnchorMode { AUTO, ON, OFF }
