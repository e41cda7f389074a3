package io.mysync.writer.hbase;

import static io.mysync.writer.hbase.HBaseSettings.HBASE;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.writer.api.PoisonEventException;
import io.mysync.writer.api.RejectedEventsException;
import io.mysync.writer.api.RetriableSinkException;
import io.mysync.writer.api.SinkException;
import io.mysync.config.model.MappingConfig;
import io.mysync.writer.api.RowChangeSink;
import io.mysync.writer.api.mapping.MappedChange;
import io.mysync.writer.api.mapping.MappingIndex;
import io.mysync.writer.api.mapping.RowIds;
import io.mysync.writer.api.mapping.TemplateKey;
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
import org.apache.hadoop.hbase.TableNotFoundException;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.BufferedMutatorParams;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Mutation;
import org.apache.hadoop.hbase.client.OperationTimeoutExceededException;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.RetriesExhaustedWithDetailsException;
import org.apache.hadoop.hbase.client.Row;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.filter.FilterList;
import org.apache.hadoop.hbase.filter.FirstKeyOnlyFilter;
import org.apache.hadoop.hbase.filter.KeyOnlyFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies batches through one BufferedMutator per table, flushed before {@link #apply} returns. Every cell is
 * written with timestamp = seq: a row's non-NULL columns as a Put at seq after a family delete at seq - 1 (so the
 * family holds exactly the row's columns now), a row delete as a Delete at seq, a TRUNCATE as a Delete at its seq of
 * every row of the table. HBase shows the newest timestamp and masks everything at or below a delete marker, so
 * replays and late events can neither overwrite newer values nor bring deleted rows back.
 */
public final class HBaseSink extends RowChangeSink {

    private static final Logger LOG = LoggerFactory.getLogger(HBaseSink.class);

    public static final String NAME = "hbase";

    /** What one mapping needs: table and row-key templates, and its family as bytes. */
    record Target(HBaseMapping mapping, TemplateKey table, RowIds rowKeys, byte[] family) {
    }

    /** The mappings that send tables to HBase, each with its templates (the sink's and verify's routing). */
    static MappingIndex<Target> targets(List<MappingConfig> mappings) {
        return new MappingIndex<>(mappings.stream().filter(m -> m.options(HBASE).isPresent())
                .map(m -> new MappingIndex.Entry<>(m, new Target(m.options(HBASE).get(),
                        new TemplateKey(m.options(HBASE).get().table()), new RowIds(m.options(HBASE).get().rowkey()),
                        m.options(HBASE).get().family().getBytes(StandardCharsets.UTF_8))))
                .toList());
    }

    private final Connection connection;
    private final HBaseTables tables;
    private final long writeBufferBytes;
    private final MappingIndex<Target> targets;
    private final Map<TableName, BufferedMutator> mutators = new HashMap<>();

    HBaseSink(Connection connection, long writeBufferBytes, List<MappingConfig> mappings) {
        super(NAME);
        this.connection = connection;
        this.tables = new HBaseTables(connection);
        this.writeBufferBytes = writeBufferBytes;
        this.targets = targets(mappings);
    }

    /** Creates the tables of source tables named in full whose HBase table name holds no column. */
    @Override
    public void prepare() throws SinkException {
        try {
            for (MappingIndex.FixedName<Target> table : targets.fixedNames(Target::table)) {
                try {
                    tables.ensure(TableName.valueOf(table.name()), table.entry().prepared().mapping().family());
                } catch (IllegalArgumentException e) {
                    LOG.warn("Mapping {} names HBase table '{}', which HBase refuses ({}); its events will go to "
                            + "the dead letters", table.entry().mapping().table(), table.name(), e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new RetriableSinkException("HBase did not answer while creating the mapped tables: "
                    + e.getMessage(), e);
        }
    }

    @Override
    protected void applyRows(List<ChangeEvent> batch) throws SinkException {
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

    /**
     * A row change replaces the row's cells in its family: a family delete just below seq masks every older cell
     * (columns now NULL, dropped or renamed), the Put at seq holds the row as it is now.
     */
    private static List<Mutation> mutations(MappedChange change, Target target) throws PoisonEventException {
        long ts = change.event().getSeq();
        byte[] row = rowKey(target.rowKeys().of(change), target.mapping().saltBuckets());
        if (change.delete()) {
            return List.of(new Delete(row, ts));
        }
        Put put = new Put(row, ts);
        for (MappedChange.Field field : change.fields()) {
            byte[] value = HBaseCells.of(field, target.mapping().encoding());
            if (value != null) {
                put.addColumn(target.family(), field.name().getBytes(StandardCharsets.UTF_8), ts, value);
            }
        }
        if (ts == 0) {
            return List.of(put);
        }
        Delete older = new Delete(row).addFamily(target.family(), ts - 1);
        return put.isEmpty() ? List.of(older) : List.of(older, put);
    }

    /**
     * Masks every row of the event's table up to the TRUNCATE's seq: a scan of the table's row keys (from the row
     * key template's fixed prefix when not salted), a row delete at that seq for each. Rows changed after the
     * TRUNCATE have newer cells, which stay visible.
     */
    @Override
    protected void truncate(ChangeEvent event) throws SinkException {
        Optional<MappingIndex.Entry<Target>> entry = targets.of(event.getDatabase(), event.getTable());
        if (entry.isEmpty()) {
            return;
        }
        Target target = entry.get().prepared();
        String name = event.getDatabase() + "." + event.getTable();
        if (target.table().usesColumns()) {
            throw new PoisonEventException(event, "cannot remove the rows of " + name + " after '"
                    + event.getStatement() + "': its HBase table template " + target.table().template()
                    + " takes column values, so the tables holding its rows are not known. Delete them by hand, or "
                    + "set on_truncate/on_drop: ignore", null);
        }
        TableName table = TableName.valueOf(target.table().scope(event.getDatabase(), event.getTable(), t -> t, ""));
        Scan scan = new Scan().setFilter(new FilterList(new FirstKeyOnlyFilter(), new KeyOnlyFilter()))
                .setCaching(1000);
        String prefix = target.rowKeys().prefix(event.getDatabase(), event.getTable());
        if (target.mapping().saltBuckets() <= 0 && !prefix.isEmpty()) {
            scan.setStartStopRowForPrefixScan(prefix.getBytes(StandardCharsets.UTF_8));
        }
        long rows = 0;
        try (Table reader = connection.getTable(table); ResultScanner scanner = reader.getScanner(scan)) {
            BufferedMutator mutator = mutator(table);
            for (Result result : scanner) {
                mutator.mutate(new Delete(result.getRow(), event.getSeq()));
                rows++;
            }
            mutator.flush();
        } catch (TableNotFoundException e) {
            LOG.info("{} at seq {}: HBase table {} does not exist, nothing to remove", name, event.getSeq(), table);
            return;
        } catch (IOException e) {
            throw new RetriableSinkException("HBase did not take the removal of " + name + "'s rows: "
                    + e.getMessage(), e);
        }
        LOG.info("{} at seq {}: masked {} HBase rows of {} up to that seq (newer cells kept)", name, event.getSeq(),
                rows, table);
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

    /**
     * Rows HBase will never take (bad family, too large) are rejected; anything else is retried. An operation
     * timeout is a DoNotRetryIOException too, yet says nothing about the row: it is what an HBase still starting up
     * answers (region locations not found in time), so it is retried like any outage.
     */
    static void classify(RetriesExhaustedWithDetailsException e, Map<Row, ChangeEvent> eventOf,
                         List<RejectedEventsException.Rejection> rejected) throws RetriableSinkException {
        for (int i = 0; i < e.getNumExceptions(); i++) {
            Throwable cause = e.getCause(i);
            ChangeEvent event = eventOf.get(e.getRow(i));
            if (!(cause instanceof DoNotRetryIOException) || cause instanceof OperationTimeoutExceededException
                    || event == null) {
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
