package io.mysync.join;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns each new state of a joined document into the event the store's writer applies: an upsert of the whole
 * document, or a delete once the parent row is gone. Every event gets the next revision of this partition as its
 * {@code seq}, so one document's revisions only grow and the stores' seq checks keep a replayed or late one from
 * overwriting a newer document. A revision is also at least the clock in microseconds, so it keeps growing if this
 * state is ever rebuilt from nothing (or restored from a changelog a little behind). The store keeps each live
 * document's key columns (for its delete) and, once a second, the partition's last revision.
 */
final class DocumentRevisions implements Processor<String, ChangeEvent, byte[], ChangeEvent> {

    /** Key of the partition's last revision; join keys are JSON arrays and never empty. */
    private static final String LAST_REVISION = "";

    private final String store;
    private final String storeName;
    private final String sourceId;
    private ProcessorContext<byte[], ChangeEvent> context;
    private KeyValueStore<String, ChangeEvent> documents;
    private long last;

    DocumentRevisions(String sourceId, String store, String storeName) {
        this.sourceId = sourceId;
        this.store = store;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<byte[], ChangeEvent> context) {
        this.context = context;
        this.documents = context.getStateStore(storeName);
        ChangeEvent saved = documents.get(LAST_REVISION);
        this.last = saved == null ? 0 : saved.getSeq();
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME,
                now -> documents.put(LAST_REVISION, ChangeEvent.newBuilder().setSeq(last).build()));
    }

    @Override
    public void process(Record<String, ChangeEvent> record) {
        ChangeEvent node = record.value();
        ChangeEvent known = documents.get(record.key());
        if (node == null && known == null) {
            return; // no document was written for this key
        }
        long revision = Math.max(last + 1, context.currentSystemTimeMs() * 1000);
        last = revision;
        ChangeEvent.Builder document = ChangeEvent.newBuilder().setSourceId(sourceId).setSeq(revision)
                .setJoinedFor(store);
        if (node == null) {
            documents.delete(record.key());
            document.setOp(Op.DELETE).setDatabase(known.getDatabase()).setTable(known.getTable())
                    .addAllPrimaryKey(known.getPrimaryKeyList()).setBefore(known.getBefore());
        } else {
            ChangeEvent keyOnly = known != null ? known : ChangeEvent.newBuilder().setDatabase(node.getDatabase())
                    .setTable(node.getTable()).addAllPrimaryKey(node.getPrimaryKeyList()).setBefore(keyColumns(node))
                    .build();
            if (known == null) {
                documents.put(record.key(), keyOnly); // a key's columns never change: written once per document
            }
            document.setOp(known == null ? Op.INSERT : Op.UPDATE).setDatabase(node.getDatabase())
                    .setTable(node.getTable()).addAllPrimaryKey(node.getPrimaryKeyList())
                    .setBefore(keyOnly.getBefore()).setAfter(node.getAfter());
        }
        context.forward(record.withKey(record.key().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .withValue(document.build()));
    }

    private static Row keyColumns(ChangeEvent node) {
        Set<String> key = new HashSet<>(JoinKeys.keyColumns(node));
        Row.Builder row = Row.newBuilder();
        List<Column> columns = node.getAfter().getColumnsList();
        columns.stream().filter(c -> key.contains(c.getName())).forEach(row::addColumns);
        return row.build();
    }
}
