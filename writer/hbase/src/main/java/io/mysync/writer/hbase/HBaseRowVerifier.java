package io.mysync.writer.hbase;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.writer.api.PoisonEventException;
import io.mysync.config.model.MappingConfig;
import io.mysync.writer.api.RowVerifier;
import io.mysync.writer.api.StoredFields;
import io.mysync.writer.api.mapping.MappedChange;
import io.mysync.writer.api.mapping.MappingIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;

/**
 * Reads each row's cells (the latest version in the mapping's family) and compares them with the Put the sink
 * writes for the row: the same columns with the same bytes; a deleted row must have no cells.
 */
final class HBaseRowVerifier implements RowVerifier {

    private record Located(TableName table, byte[] row, MappedChange change, HBaseSink.Target target) {
    }

    private final Connection connection;
    private final MappingIndex<HBaseSink.Target> targets;

    HBaseRowVerifier(Connection connection, List<MappingConfig> mappings) {
        this.connection = connection;
        this.targets = HBaseSink.targets(mappings);
    }

    @Override
    public boolean maps(String database, String table) {
        return targets.of(database, table).isPresent();
    }

    /** One multi-get per HBase table the batch's rows live in. */
    @Override
    public List<String> differences(List<ChangeEvent> rows) {
        List<Optional<Located>> located = rows.stream().map(this::locate).toList();
        Map<TableName, List<Integer>> byTable = new LinkedHashMap<>();
        for (int i = 0; i < located.size(); i++) {
            int index = i;
            located.get(i).ifPresent(at -> byTable.computeIfAbsent(at.table(), t -> new ArrayList<>()).add(index));
        }
        Result[] results = new Result[rows.size()];
        for (Map.Entry<TableName, List<Integer>> table : byTable.entrySet()) {
            List<Get> gets = table.getValue().stream().map(i -> new Get(located.get(i).orElseThrow().row())
                    .addFamily(located.get(i).orElseThrow().target().family())).toList();
            try (Table store = connection.getTable(table.getKey())) {
                Result[] read = store.get(gets);
                for (int j = 0; j < read.length; j++) {
                    results[table.getValue().get(j)] = read[j];
                }
            } catch (IOException e) {
                throw new UncheckedIOException("HBase did not answer a get on " + table.getKey() + ": "
                        + e.getMessage(), e);
            }
        }
        List<String> differences = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            differences.add(located.get(i).isEmpty() ? null : difference(located.get(i).get(), results[i]));
        }
        return differences;
    }

    @Override
    public String locationOf(ChangeEvent row) {
        return locate(row).map(l -> l.table().getNameAsString() + "/" + new String(l.row(), StandardCharsets.UTF_8))
                .orElse("(not mapped)");
    }

    private Optional<Located> locate(ChangeEvent row) {
        return targets.route(row).map(routed -> {
            try {
                MappedChange change = routed.change();
                HBaseSink.Target target = routed.prepared();
                return new Located(TableName.valueOf(target.table().resolve(row, change.keyImage())),
                        HBaseSink.rowKey(target.rowKeys().of(change), target.mapping().saltBuckets()), change,
                        target);
            } catch (PoisonEventException e) {
                throw new IllegalArgumentException("the sink cannot write " + row.getDatabase() + "."
                        + row.getTable() + " either: " + e.getMessage(), e);
            }
        });
    }

    private static String difference(Located at, Result result) {
        NavigableMap<byte[], byte[]> cells = result.isEmpty() ? null : result.getFamilyMap(at.target().family());
        if (at.change().delete()) {
            return cells == null ? null : "the row is gone from the source but HBase still has its cells";
        }
        Map<String, byte[]> expected = new LinkedHashMap<>();
        for (MappedChange.Field field : at.change().fields()) {
            byte[] value = HBaseCells.of(field, at.target().mapping().encoding());
            if (value != null) {
                expected.put(field.name(), value);
            }
        }
        Map<String, byte[]> actual = null;
        if (cells != null) {
            actual = new LinkedHashMap<>();
            for (Map.Entry<byte[], byte[]> cell : cells.entrySet()) {
                actual.put(new String(cell.getKey(), StandardCharsets.UTF_8), cell.getValue());
            }
        }
        return StoredFields.difference("HBase", expected, actual);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (IOException e) {
            // closing the client only
        }
    }
}
