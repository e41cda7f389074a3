package io.mysync.dev.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * What HBase itself takes: rows shaped like the ones MySync wrote (same family and qualifiers, same values), put
 * with no MySync code in between through a BufferedMutator flushed every {@code batch} rows, with the writer's
 * parallelism, into a new table with the same descriptor. Row keys come in a scrambled order and repeat after
 * {@code distinctIds} like the bench's rows, later puts carrying higher timestamps.
 */
public final class HBaseCeiling {

    private HBaseCeiling() {
    }

    /** @return rows acknowledged per second */
    public static double rowsPerSecond(Connection hbase, String sourceTable, String targetTable, long rows,
                                       long distinctIds, int batch, int parallel) throws Exception {
        TableName source = TableName.valueOf(sourceTable);
        TableName target = TableName.valueOf(targetTable);
        hbase.getAdmin().createTable(TableDescriptorBuilder.copy(target, hbase.getAdmin().getDescriptor(source)));
        List<Cell> shape = new ArrayList<>();
        try (Table table = hbase.getTable(source); ResultScanner scanner = table.getScanner(new Scan().setLimit(1))) {
            Result first = scanner.next();
            if (first == null) {
                throw new IllegalStateException(sourceTable + " holds no row to shape the ceiling run after");
            }
            shape.addAll(first.listCells());
        }
        return rows / ParallelRun.seconds(parallel, lane -> {
            try (BufferedMutator mutator = hbase.getBufferedMutator(target)) {
                long inBatch = 0;
                for (long n = lane; n < rows; n += parallel) {
                    Put put = new Put(Bytes.toBytes(Long.toString(BenchIds.scrambled(n, distinctIds))), n + 1);
                    for (Cell cell : shape) {
                        put.addColumn(CellUtil.cloneFamily(cell), CellUtil.cloneQualifier(cell), n + 1,
                                CellUtil.cloneValue(cell));
                    }
                    mutator.mutate(put);
                    if (++inBatch == batch) {
                        mutator.flush();
                        inBatch = 0;
                    }
                }
                mutator.flush();
            }
        });
    }
}
