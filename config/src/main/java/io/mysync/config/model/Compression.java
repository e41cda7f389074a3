package io.mysync.config.model;

/** Kafka producer compression. */
public enum Compression { NONE, GZIP, SNAPPY, LZ4, ZSTD }
