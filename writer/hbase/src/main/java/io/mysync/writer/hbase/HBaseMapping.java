package io.mysync.writer.hbase;

import io.soabase.recordbuilder.core.RecordBuilder;

/**
 * Where a mapped table's rows go in HBase.
 *
 * @param rowkey row-key template; empty means the primary-key values joined with ':'
 */
@RecordBuilder
public record HBaseMapping(String table, String family, String rowkey, int saltBuckets, HBaseEncoding encoding) {
}
