package io.mysync.dev.compare;

import io.mysync.writer.api.StoredFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.filter.FirstKeyOnlyFilter;

/**
 * Row-by-row comparison of a source table with its HBase table (default row keys, string encoding, all columns):
 * each row's cells in the family must equal the source row's text form, and the table must hold no other rows.
 */
public final class HBaseComparison {

    private HBaseComparison() {
    }

    public static ComparisonResult compare(Connection db, org.apache.hadoop.hbase.client.Connection hbase,
                                           String hbaseTable, String family, List<String> primaryKey,
                                           String database, String table) throws SQLException, IOException {
        byte[] familyBytes = family.getBytes(StandardCharsets.UTF_8);
        long[] counts = new long[3]; // rows, mismatches, rows the store holds
        List<String> examples = new ArrayList<>();
        try (Table store = hbase.getTable(TableName.valueOf(hbaseTable))) {
            SourceRows.forEach(db, database, table, row -> {
                counts[0]++;
                String key = StoreRowCheck.id(primaryKey, row);
                Map<String, byte[]> cells = null;
                try {
                    Result result = store.get(new Get(key.getBytes(StandardCharsets.UTF_8)).addFamily(familyBytes));
                    if (!result.isEmpty()) {
                        cells = new LinkedHashMap<>();
                        for (Map.Entry<byte[], byte[]> cell : result.getFamilyMap(familyBytes).entrySet()) {
                            cells.put(new String(cell.getKey(), StandardCharsets.UTF_8), cell.getValue());
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                counts[2] += cells == null ? 0 : 1;
                String difference = StoredFields.difference("HBase", row, cells);
                if (difference != null) {
                    counts[1]++;
                    if (examples.size() < 10) {
                        examples.add(hbaseTable + "/" + key + ": " + difference);
                    }
                }
            });
            long stored = 0;
            try (ResultScanner scanner = store.getScanner(new Scan().setFilter(new FirstKeyOnlyFilter()))) {
                for (Result ignored : scanner) {
                    stored++;
                }
            }
            long extra = Math.max(0, stored - counts[2]);
            if (extra > 0 && examples.size() < 10) {
                examples.add(hbaseTable + ": " + stored + " rows for " + counts[0] + " source rows");
            }
            return new ComparisonResult(counts[0], counts[1], extra, examples);
        }
    }
}
