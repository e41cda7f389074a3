package io.mysync.writer.hbase;

import io.mysync.common.event.ChangeEvent;
import io.mysync.common.spi.PoisonEventException;
import io.mysync.common.spi.RejectedEventsException;
import io.mysync.common.spi.RetriableSinkException;
import io.mysync.common.spi.Sink;
import io.mysync.common.spi.SinkException;
import io.mysync.config.model.HBaseMapping;
import io.mysync.config.model.MappingConfig;
import io.mysync.writer.mapping.MappedChange;
import io.mysync.writer.mapping.MappingIndex;
import io.mysync.writer.mapping.RowIds;
import io.mysync.writer.mapping.TemplateKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import org.apache.hadoop.hbase.DoNotRetryIOException;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.BufferedMutatorParams;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Mutation;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.RetriesExhaustedWithDetailsException;
import org.apache.hadoop.hbase.client.Row;

/**
 * Applies batches through one BufferedMutator per table, flushed before {@link #apply} returns. Every cell is
 * written with timestamp = seq: a row's columns as a Put at seq, its NULL columns as column deletes at seq, a row
 * delete as a Delete at seq. HBase shows the newest timestamp and masks everything at or below a delete marker, so
 * replays and late events can neither overwrite newer values nor bring deleted rows back.
 */
public final class HBaseSink implements Sink {

    public static final String NAME = "hbase";

    /** What one mapping needs: table and row-key templates, and its family as bytes. */
    record Target(HBaseMapping mapping, TemplateKey table, RowIds rowKeys, byte[] family) {
    }

    private final Connection connection;
    private final HBaseTables tables;
    private final long writeBufferBytes;
    private final MappingIndex<Target> targets;
    private final Map<TableName, BufferedMutator> mutators = new HashMap<>();

    HBaseSink(Connection connection, long writeBufferBytes, List<MappingConfig> mappings) {
        this.connection = connection;
        this.tables = new HBaseTables(connection);
        this.writeBufferBytes = writeBufferBytes;
        this.targets = new MappingIndex<>(mappings.stream().filter(m -> m.hbase().isPresent())
                .map(m -> new MappingIndex.Entry<>(m, new Target(m.hbase().get(),
                        new TemplateKey(m.hbase().get().table()), new RowIds(m.hbase().get().rowkey()),
                        m.hbase().get().family().getBytes(StandardCharsets.UTF_8))))
                .toList());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void apply(List<ChangeEvent> batch) throws SinkException {
        Map<TableName, List<Mutation>> byTable = new LinkedHashMap<>();
        Map<Row, ChangeEvent> eventOf = new IdentityHashMap<>();
        List<RejectedEventsException.Rejection> rejected = new ArrayList<>();
        try {
            for (ChangeEvent event : batch) {
                Optional<MappingIndex.Routed<Target>> routed = targets.route(event);
                if (routed.isEmpty()) {
                    continue;
                }
                MappedChange change = routed.get().change();
                Target target = routed.get().prepared();
                try {
                    TableName table = TableName.valueOf(target.table().resolve(event, change.keyImage()));
                    tables.ensure(table, target.mapping().family());
                    for (Mutation mutation : mutations(change, target)) {
                        byTable.computeIfAbsent(table, t -> new ArrayList<>()).add(mutation);
                        eventOf.put(mutation, event);
                    }
                } catch (PoisonEventException | IllegalArgumentException e) {
                    rejected.add(new RejectedEventsException.Rejection(event, "mapping", e.getMessage()));
                }
            }
            for (Map.Entry<TableName, List<Mutation>> table : byTable.entrySet()) {
                BufferedMutator mutator = mutator(table.getKey());
                mutator.mutate(table.getValue());
                mutator.flush();
            }
        } catch (RetriesExhaustedWithDetailsException e) {
            classify(e, eventOf, rejected);
        } catch (IOException e) {
            throw new RetriableSinkException("HBase did not accept a batch: " + e.getMessage(), e);
        }
        if (!rejected.isEmpty()) {
            throw new RejectedEventsException(rejected);
        }
    }

    private static List<Mutation> mutations(MappedChange change, Target target) throws PoisonEventException {
        long ts = change.event().getSeq();
        byte[] row = rowKey(target.rowKeys().of(change), target.mapping().saltBuckets());
        if (change.delete()) {
            return List.of(new Delete(row, ts));
        }
        Put put = new Put(row, ts);
        Delete nulls = new Delete(row, ts);
        for (MappedChange.Field field : change.fields()) {
            byte[] qualifier = field.name().getBytes(StandardCharsets.UTF_8);
            byte[] value = HBaseCells.of(field, target.mapping().encoding());
            if (value == null) {
                nulls.addColumns(target.family(), qualifier, ts); // masks older values of a column now NULL
            } else {
                put.addColumn(target.family(), qualifier, ts, value);
            }
        }
        return nulls.isEmpty() ? List.of(put) : List.of(put, nulls);
    }

    /** The row key, prefixed with a two-hex-digit bucket and '|' when salting. */
    static byte[] rowKey(String key, int saltBuckets) {
        if (saltBuckets <= 0) {
            return key.getBytes(StandardCharsets.UTF_8);
        }
        CRC32 crc = new CRC32();
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        crc.update(bytes);
        String bucket = String.format("%02x|", crc.getValue() % saltBuckets);
        byte[] out = new byte[bucket.length() + bytes.length];
        System.arraycopy(bucket.getBytes(StandardCharsets.US_ASCII), 0, out, 0, bucket.length());
        System.arraycopy(bytes, 0, out, bucket.length(), bytes.length);
        return out;
    }

    /** Rows HBase will never take (bad family, too large) are rejected; anything else is retried. */
    private static void classify(RetriesExhaustedWithDetailsException e, Map<Row, ChangeEvent> eventOf,
                                 List<RejectedEventsException.Rejection> rejected) throws RetriableSinkException {
        for (int i = 0; i < e.getNumExceptions(); i++) {
            Throwable cause = e.getCause(i);
            ChangeEvent event = eventOf.get(e.getRow(i));
            if (!(cause instanceof DoNotRetryIOException) || event == null) {
                throw new RetriableSinkException("HBase did not accept a batch: " + cause, e);
            }
        }
        for (int i = 0; i < e.getNumExceptions(); i++) {
            rejected.add(new RejectedEventsException.Rejection(eventOf.get(e.getRow(i)),
                    e.getCause(i).getClass().getSimpleName(), String.valueOf(e.getCause(i).getMessage())));
        }
    }

    private BufferedMutator mutator(TableName table) throws IOException {
        BufferedMutator mutator = mutators.get(table);
        if (mutator == null) {
            mutator = connection.getBufferedMutator(new BufferedMutatorParams(table).writeBufferSize(writeBufferBytes));
            mutators.put(table, mutator);
        }
        return mutator;
    }

    @Override
    public void close() {
        for (BufferedMutator mutator : mutators.values()) {
            try {
                mutator.close();
            } catch (IOException e) {
                // unflushed mutations were never acknowledged: the writer did not commit them
            }
        }
        try {
            connection.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
