package io.mysync.join;

import io.mysync.config.model.TablePattern;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Op;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One table's change events as the current state of each row, keyed by {@link JoinKeys}: a row's newest image, or
 * {@code null} once deleted. Each row's highest seq is kept ({@code -seq} once deleted), so a replayed or older event
 * (a reader replay, a dump's snapshot of a row the stream changed since) changes nothing and never brings a deleted
 * row back, as in every store. A TRUNCATE removes the rows it is newer than, in this partition (the reader sends it
 * to each one).
 */
final class RowStates implements Processor<byte[], ChangeEvent, String, ChangeEvent> {

    private final TablePattern.Named table;
    private final String storeName;
    private ProcessorContext<String, ChangeEvent> context;
    private KeyValueStore<String, Long> seqs;

    RowStates(TablePattern.Named table, String storeName) {
        this.table = table;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<String, ChangeEvent> context) {
        this.context = context;
        this.seqs = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<byte[], ChangeEvent> record) {
        ChangeEvent event = record.value();
        if (event == null || !event.getDatabase().equals(table.database()) || !event.getTable().equals(table.table())
                || !event.getJoinedFor().isEmpty()) {
            return;
        }
        long seq = event.getSeq();
        if (event.getOp() == Op.TRUNCATE) {
            truncate(record, seq);
            return;
        }
        boolean delete = event.getOp() == Op.DELETE;
        ChangeEvent node = ChangeEvent.newBuilder().setDatabase(event.getDatabase()).setTable(event.getTable())
                .addAllPrimaryKey(event.getPrimaryKeyList()).setSeq(seq)
                .setAfter(delete ? event.getBefore() : event.getAfter()).build();
        String key = JoinKeys.primaryKeyOf(node);
        if (key == null) {
            return; // a key column is NULL: only a table without a primary key has one, and it joins nothing
        }
        Long known = seqs.get(key);
        if (known != null && Math.abs(known) >= seq) {
            return;
        }
        seqs.put(key, delete ? -seq : seq);
        context.forward(record.withKey(key).withValue(delete ? null : node));
    }

    private void truncate(Record<byte[], ChangeEvent> record, long seq) {
        List<String> removed = new ArrayList<>();
        try (KeyValueIterator<String, Long> rows = seqs.all()) {
            while (rows.hasNext()) {
                KeyValue<String, Long> row = rows.next();
                if (row.value > 0 && row.value < seq) {
                    removed.add(row.key);
                }
            }
        }
        for (String key : removed) {
            seqs.put(key, -seq);
            context.forward(record.withKey(key).withValue(null));
        }
    }
}
