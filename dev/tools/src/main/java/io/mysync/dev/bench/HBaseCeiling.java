package io.mysync.dev.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.hbase.Cell;
import org.apache.hadoop.hbase.CellUtil;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Delete;
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
 * {@code distinctIds} like the bench's rows, later puts carrying higher timestamps. With {@link #withFamilyDeletes},
 * each put follows a delete of the row's family just below its timestamp, as the writer sends them to make NULLed
 * and dropped columns disappear: what HBase takes for MySync's way of writing a row.
 */
public final class HBaseCeiling {

    private final Connection hbase;
    private final TableName target;
    private final List<Cell> shape;

    private HBaseCeiling(Connection hbase, TableName target, List<Cell> shape) {
        this.hbase = hbase;
        this.target = target;
        this.shape = shape;
    }

    /** Creates the target table with the source table's descriptor and reads one row to shape the puts after. */
    public static HBaseCeiling prepare(Connection hbase, String sourceTable, String targetTable) throws Exception {
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
        return new HBaseCeiling(hbase, target, shape);
    }

    /** @return rows acknowledged per second, one put per row */
    public double rowsPerSecond(long rows, long distinctIds, int batch, int parallel) throws Exception {
        return run(rows, distinctIds, batch, parallel, false);
    }

    /** @return rows acknowledged per second, each a family delete at timestamp - 1 and a put, as MySync writes */
    public double withFamilyDeletes(long rows, long distinctIds, int batch, int parallel) throws Exception {
        return run(rows, distinctIds, batch, parallel, true);
    }

    private double run(long rows, long distinctIds, int batch, int parallel, boolean familyDeletes) throws Exception {
        return rows / ParallelRun.seconds(parallel, lane -> {
            try (BufferedMutator mutator = hbase.getBufferedMutator(target)) {
                long inBatch = 0;
                for (long n = lane; n < rows; n += parallel) {
                    byte[] row = Bytes.toBytes(Long.toString(BenchIds.scrambled(n, distinctIds)));
                    if (familyDeletes) {
                        mutator.mutate(new Delete(row).addFamily(CellUtil.cloneFamily(shape.get(0)), n));
                    }
                    Put put = new Put(row, n + 1);
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
