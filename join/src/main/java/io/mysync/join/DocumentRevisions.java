package io.mysync.join;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Turns each new state of a joined document into the event the store's writer applies: an upsert of the whole
 * document, or a delete once the parent row is gone. Every event gets the next revision of this partition as its
 * {@code seq}, so one document's revisions only grow and the stores' seq checks keep a replayed or late one from
 * overwriting a newer document. A revision is also at least the clock in microseconds, so it keeps growing if this
 * state is ever rebuilt from nothing. The store keeps each live document's key columns (for its delete) and the
 * partition's last revision.
 */
final class DocumentRevisions implements Processor<String, ChangeEvent, byte[], ChangeEvent> {

    /** Key of the partition's last revision; join keys are JSON arrays and never empty. */
    private static final String LAST_REVISION = "";

    private final String store;
    private final String storeName;
    private final String sourceId;
    private ProcessorContext<byte[], ChangeEvent> context;
    private KeyValueStore<String, ChangeEvent> documents;

    DocumentRevisions(String sourceId, String store, String storeName) {
        this.sourceId = sourceId;
        this.store = store;
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<byte[], ChangeEvent> context) {
        this.context = context;
        this.documents = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, ChangeEvent> record) {
        ChangeEvent node = record.value();
        ChangeEvent known = documents.get(record.key());
        if (node == null && known == null) {
            return; // no document was written for this key
        }
        ChangeEvent last = documents.get(LAST_REVISION);
        long revision = Math.max(last == null ? 1 : last.getSeq() + 1, context.currentSystemTimeMs() * 1000);
        documents.put(LAST_REVISION, ChangeEvent.newBuilder().setSeq(revision).build());
        ChangeEvent.Builder document = ChangeEvent.newBuilder().setSourceId(sourceId).setSeq(revision)
                .setJoinedFor(store);
        if (node == null) {
            documents.delete(record.key());
            document.setOp(Op.DELETE).setDatabase(known.getDatabase()).setTable(known.getTable())
                    .addAllPrimaryKey(known.getPrimaryKeyList()).setBefore(known.getBefore());
        } else {
            ChangeEvent keyOnly = ChangeEvent.newBuilder().setDatabase(node.getDatabase()).setTable(node.getTable())
                    .addAllPrimaryKey(node.getPrimaryKeyList()).setBefore(keyColumns(node)).build();
            documents.put(record.key(), keyOnly);
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
