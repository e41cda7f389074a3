package io.mysync.join;

import io.mysync.common.kafka.TopicNames;
import io.mysync.config.model.DocumentShape;
import io.mysync.config.model.MappingConfig;
import io.mysync.config.model.TablePattern;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.RowMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TableJoined;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The Kafka Streams topology of every joined document of a configuration. Each table a document reads becomes a
 * table of its current rows ({@link RowStates}, re-keyed by {@link JoinKeys} so that equal keys meet in one
 * partition); a nest groups the child table's rows by their parent key into a map per parent and joins it to the
 * parent's rows by key; a lookup is a foreign-key join from the rows to the referenced table; {@link
 * DocumentRevisions} numbers each new state of a document and writes it to the document topic. All state is in
 * stores backed by changelog topics, so a writer that lost its disk rebuilds it from Kafka.
 */
public final class DocumentTopology {

    private final StreamsBuilder builder = new StreamsBuilder();
    private final TopicNames topics;
    private final String sourceId;
    private final Map<String, KStream<byte[], ChangeEvent>> streamsByTopic = new HashMap<>();
    private final Map<TablePattern.Named, KTable<String, ChangeEvent>> rowsByTable = new HashMap<>();
    private final Set<String> inputTopics = new TreeSet<>();
    private final List<String> outputTopics = new ArrayList<>();

    private DocumentTopology(TopicNames topics, String sourceId) {
        this.topics = topics;
        this.sourceId = sourceId;
    }

    /** The document topic of one store's documents of one table. */
    public static String documentTopic(TopicNames topics, TablePattern.Named table, String store) {
        return topics.topicOf(table.database(), table.table() + ".joined." + store);
    }

    /** What the topology reads and writes, and the topology itself. */
    public record Built(Topology topology, Set<String> inputTopics, List<String> outputTopics) {
    }

    /**
     * The settings the topology needs: join keys as text and change events as the default serdes, which Kafka
     * Streams uses for the join results it does not store (a foreign-key join hashes its left side's values).
     */
    public static void configure(java.util.Properties properties) {
        properties.put(org.apache.kafka.streams.StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG,
                Serdes.StringSerde.class.getName());
        properties.put(org.apache.kafka.streams.StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG,
                ProtobufSerde.ChangeEvents.class.getName());
    }

    public static Built of(List<MappingConfig> mappings, TopicNames topics, String sourceId) {
        DocumentTopology t = new DocumentTopology(topics, sourceId);
        for (MappingConfig mapping : mappings) {
            mapping.documents().forEach((store, shape) -> t.document(mapping.table().named().orElseThrow(), store,
                    shape));
        }
        return new Built(t.builder.build(), Set.copyOf(t.inputTopics), List.copyOf(t.outputTopics));
    }

    private void document(TablePattern.Named table, String store, DocumentShape shape) {
        String name = name(table) + "." + store;
        String output = documentTopic(topics, table, store);
        outputTopics.add(output);
        String revisions = name + ".revisions";
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(revisions),
                Serdes.String(), ProtobufSerde.EVENTS));
        joined(table, shape, name).toStream(Named.as(name + ".changes"))
                .process(() -> new DocumentRevisions(sourceId, store, revisions), Named.as(name + ".revision"),
                        revisions)
                .to(output, Produced.with(Serdes.ByteArray(), ProtobufSerde.EVENTS).withName(name + ".out"));
    }

    /** The rows of {@code table}, each with its nests and lookups. */
    private KTable<String, ChangeEvent> joined(TablePattern.Named table, DocumentShape shape, String name) {
        KTable<String, ChangeEvent> nodes = rows(table);
        for (DocumentShape.Nest nest : shape.nests()) {
            String at = name + "." + nest.path();
            KTable<String, RowMap> children = joined(nest.table(), nest.shape(), at)
                    .groupBy((key, child) -> KeyValue.pair(JoinKeys.of(child.getAfter(), nest.parentKey()), child),
                            Grouped.with(at + ".by-parent", Serdes.String(), ProtobufSerde.EVENTS))
                    .aggregate(RowMap::getDefaultInstance,
                            (parent, child, map) -> map.toBuilder()
                                    .putRows(JoinKeys.primaryKeyOf(child), DocumentParts.child(child, nest)).build(),
                            (parent, child, map) -> map.toBuilder().removeRows(JoinKeys.primaryKeyOf(child)).build(),
                            Named.as(at + ".children"), this.<RowMap>store(at + ".children", ProtobufSerde.ROW_MAPS));
            // a nest's join result is not stored: its values are computed from the two sides' stores when needed (a
            // foreign-key join's result is, which Kafka Streams needs; it is named so it survives topology changes)
            nodes = nodes.leftJoin(children, (node, map) -> DocumentParts.withColumn(node, nest.path(),
                    DocumentParts.typeOf(nest), DocumentParts.nested(map, nest.as())), Named.as(at + ".nest"));
        }
        for (DocumentShape.Lookup lookup : shape.lookups()) {
            String at = name + "." + lookup.into();
            nodes = nodes.leftJoin(rows(lookup.table()), node -> JoinKeys.of(node.getAfter(), lookup.key()),
                    (node, referenced) -> DocumentParts.withColumn(node, lookup.into(), DocumentParts.LOOKUP,
                            DocumentParts.lookedUp(referenced, lookup.columns())),
                    TableJoined.as(at + ".lookup"), store(at + ".looked-up", ProtobufSerde.EVENTS));
        }
        return nodes;
    }

    /** The current rows of a table by join key, built once however many documents read it. */
    private KTable<String, ChangeEvent> rows(TablePattern.Named table) {
        return rowsByTable.computeIfAbsent(table, t -> {
            String name = name(t);
            String seqs = name + ".seqs";
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(seqs), Serdes.String(),
                    Serdes.Long()));
            return events(topics.topicOf(t.database(), t.table()))
                    .process(() -> new RowStates(t, seqs), Named.as(name + ".states"), seqs)
                    .repartition(Repartitioned.with(Serdes.String(), ProtobufSerde.EVENTS).withName(name + ".by-key"))
                    .toTable(Named.as(name + ".table"), store(name + ".rows", ProtobufSerde.EVENTS));
        });
    }

    private KStream<byte[], ChangeEvent> events(String topic) {
        return streamsByTopic.computeIfAbsent(topic, name -> {
            inputTopics.add(name);
            return builder.stream(name, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + ".in"))
                    .flatMapValues(EventDecoding::decode, Named.as(name + ".decode"));
        });
    }

    private <V> Materialized<String, V, KeyValueStore<Bytes, byte[]>> store(String name, Serde<V> serde) {
        return Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(name).withKeySerde(Serdes.String())
                .withValueSerde(serde);
    }

    private static String name(TablePattern.Named table) {
        return table.database() + "." + table.table();
    }
}
