package io.mysync.writer.hbase;

/** How the HBase sink encodes cell values. */
public enum HBaseEncoding {
    /** UTF-8 text of the value, as {@code ValueText} gives it. */
    STRING,
    /** {@code Bytes.toBytes} of integers (8-byte long) and floating point (8-byte double); text for the rest. */
    NATIVE
}
