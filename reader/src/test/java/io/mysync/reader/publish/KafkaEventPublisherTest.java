package io.mysync.reader.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.common.event.SensitiveColumns;
import io.mysync.common.kafka.EventTooLargeException;
import io.mysync.common.kafka.RowKeys;
import io.mysync.common.position.Position;
import io.mysync.common.position.ReaderState;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.KafkaConfig;
import io.mysync.events.EventDecoder;
import io.mysync.events.EventHeaders;
import io.mysync.events.JsonEnvelope;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Column;
import io.mysync.events.v1.Op;
import io.mysync.events.v1.Row;
import io.mysync.events.v1.Value;
import io.mysync.reader.metrics.ReaderMetrics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RoundRobinPartitioner;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** What the reader puts into Kafka for each event, on Kafka's own {@link MockProducer}: topic, key, value, headers. */
class KafkaEventPublisherTest {

    private static final String TOPIC = "mysync.shop.shop.orders";
    private static final Node BROKER = new Node(0, "h", 1);
    private static final Cluster CLUSTER = new Cluster("c", List.of(BROKER), List.of(
            new PartitionInfo(TOPIC, 0, BROKER, new Node[] {BROKER}, new Node[] {BROKER}),
            new PartitionInfo(TOPIC, 1, BROKER, new Node[] {BROKER}, new Node[] {BROKER}),
            new PartitionInfo(TOPIC, 2, BROKER, new Node[] {BROKER}, new Node[] {BROKER})), java.util.Set.of(),
            java.util.Set.of());

    private final List<String> topicsMade = new ArrayList<>();
    private final InflightTransactions inflight = new InflightTransactions();

    private static KafkaConfig kafka(String settings) {
        return new ConfigLoader(Map.of()).read("t.yaml", """
                source: { id: shop, url: "mysql://u@h:1", server_id: 99 }
                kafka: { bootstrap: "h:1"%s }
                sinks: { memo: { url: "memo://notes" } }
                mappings: [ { table: shop.orders, memo: { key: "o:{id}" } } ]
                """.formatted(settings)).kafka();
    }

    private static MockProducer<byte[], byte[]> producer(boolean autoComplete) {
        return new MockProducer<>(CLUSTER, autoComplete, new RoundRobinPartitioner(), new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private KafkaEventPublisher publisher(KafkaConfig config, MockProducer<byte[], byte[]> producer,
                                          SensitiveColumns sensitive) {
        return new KafkaEventPublisher(config, "shop", sensitive, inflight, ReaderMetrics.unregistered("shop"),
                producer, new KafkaEventPublisher.TableTopics() {
                    @Override
                    public void ensure(String topic) {
                        topicsMade.add(topic);
                    }

                    @Override
                    public void close() {
                    }
                });
    }

    private static ChangeEvent event(Op op, long seq, String id, String secret) {
        Row row = Row.newBuilder()
                .addColumns(Column.newBuilder().setName("id").setType("int")
                        .setValue(Value.newBuilder().setStringValue(id)))
                .addColumns(Column.newBuilder().setName("secret").setType("varchar")
                        .setValue(Value.newBuilder().setStringValue(secret)))
                .build();
        ChangeEvent.Builder e = ChangeEvent.newBuilder().setSeq(seq).setOp(op).setDatabase("shop").setTable("orders")
                .addPrimaryKey("id");
        return (op == Op.DELETE ? e.setBefore(row) : e.setAfter(row)).build();
    }

    @Test
    void aRowChangeGoesToItsTablesTopicKeyedByItsRowWithWhatMayLeaveTheSource() throws Exception {
        MockProducer<byte[], byte[]> producer = producer(true);
        SensitiveColumns dropSecret = new SensitiveColumns((database, table) -> new SensitiveColumns.Rule(
                java.util.Set.of("secret"), Map.of()), new byte[0]);
        KafkaEventPublisher publisher = publisher(kafka(""), producer, dropSecret);
        InflightTransactions.Txn txn = inflight.begin();
        ChangeEvent insert = event(Op.INSERT, 7, "42", "hunter2");
        publisher.publish(insert, txn);

        assertThat(topicsMade).containsExactly(TOPIC);
        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo(TOPIC);
        assertThat(sent.key()).isEqualTo(RowKeys.bytesOf(insert));
        ChangeEvent published = EventDecoder.decode(sent.value());
        assertThat(published.getAfter().getColumnsList()).extracting(Column::getName).containsExactly("id");
        assertThat(new String(sent.headers().lastHeader(EventHeaders.TABLE).value(), StandardCharsets.UTF_8))
                .isEqualTo("shop.orders");
        assertThat(EventHeaders.seq(sent.headers())).hasValue(7);
        assertThat(inflight.failure()).isEmpty();
    }

    @Test
    void aTruncateReachesEveryPartitionOfTheTable() throws Exception {
        MockProducer<byte[], byte[]> producer = producer(true);
        KafkaEventPublisher publisher = publisher(kafka(""), producer, SensitiveColumns.none());
        publisher.publish(ChangeEvent.newBuilder().setSeq(9).setOp(Op.TRUNCATE).setDatabase("shop")
                .setTable("orders").build(), inflight.begin());
        assertThat(producer.history()).extracting(ProducerRecord::partition).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(producer.history()).allSatisfy(r -> assertThat(EventDecoder.decode(r.value()).getOp())
                .isEqualTo(Op.TRUNCATE));
    }

    @Test
    void theJsonFormatSendsTheEnvelopeKeyedByThePrimaryKey() throws Exception {
        MockProducer<byte[], byte[]> producer = producer(true);
        KafkaEventPublisher publisher = publisher(kafka(", format: json"), producer, SensitiveColumns.none());
        ChangeEvent insert = event(Op.INSERT, 3, "5", "x");
        publisher.publish(insert, inflight.begin());
        ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
        assertThat(sent.key()).isEqualTo(JsonEnvelope.key(insert));
        ChangeEvent decoded = JsonEnvelope.decode(sent.value());
        assertThat(decoded.getSeq()).isEqualTo(3);
        assertThat(decoded.getOp()).isEqualTo(Op.INSERT);
        assertThat(decoded.getTable()).isEqualTo("orders");
        assertThat(decoded.getAfter().getColumnsList()).extracting(Column::getName).containsExactly("id", "secret");
    }

    @Test
    void anEventKafkaCannotAcknowledgeFailsTheInflightTransactionsAndNamesTooLargeOnes() {
        MockProducer<byte[], byte[]> producer = producer(false);
        KafkaEventPublisher publisher = publisher(kafka(""), producer, SensitiveColumns.none());
        publisher.publish(event(Op.INSERT, 1, "1", "x"), inflight.begin());
        producer.errorNext(new RecordTooLargeException("too large"));
        assertThat(inflight.failure()).hasValueSatisfying(f -> assertThat(f).isInstanceOf(EventTooLargeException.class));

        InflightTransactions other = new InflightTransactions();
        MockProducer<byte[], byte[]> slow = producer(false);
        KafkaEventPublisher second = new KafkaEventPublisher(kafka(""), "shop", SensitiveColumns.none(), other,
                ReaderMetrics.unregistered("shop"), slow, new KafkaEventPublisher.TableTopics() {
                    @Override
                    public void ensure(String topic) {
                    }

                    @Override
                    public void close() {
                    }
                });
        second.publish(event(Op.INSERT, 2, "2", "x"), other.begin());
        slow.errorNext(new TimeoutException("no leader"));
        assertThat(other.failure()).hasValueSatisfying(f -> assertThat(f).isInstanceOf(TimeoutException.class));
    }

    @Test
    void withExactlyOnceTheCheckpointIsCommittedInTheTransactionOfItsEvents() {
        MockProducer<byte[], byte[]> producer = producer(true);
        KafkaEventPublisher publisher = publisher(kafka(", delivery: exactly_once, transaction_interval: 0s"),
                producer, SensitiveColumns.none());
        assertThat(producer.transactionInitialized()).isTrue();
        publisher.publish(event(Op.INSERT, 1, "1", "x"), inflight.begin());
        assertThat(producer.transactionInFlight()).isTrue();
        publisher.endOfTransaction(new ReaderState(new Position("bin.000001", 400, "", 1, ""), 2), 1_000);
        assertThat(producer.transactionCommitted()).isTrue();
        assertThat(producer.history()).extracting(ProducerRecord::topic)
                .containsExactly(TOPIC, kafka(", delivery: exactly_once").checkpointTopic("shop"));
    }
}
