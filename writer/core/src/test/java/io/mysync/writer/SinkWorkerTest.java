package io.mysync.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Op;
import io.mysync.common.kafka.TopicNames;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MySyncConfig;
import io.mysync.writer.api.Batching;
import io.mysync.writer.api.PoisonEventException;
import io.mysync.writer.api.RejectedEventsException;
import io.mysync.writer.api.RetriableSinkException;
import io.mysync.writer.api.Sink;
import io.mysync.writer.api.SinkException;
import io.mysync.writer.metrics.SinkMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The writer's loop on Kafka's own {@link MockConsumer} and scripted sinks: what is retried, what is dead-lettered,
 * what is committed and when the partitions are paused. The real stores are exercised by the integration tests.
 */
class SinkWorkerTest {

    private static final String YAML = """
            source: { id: s, url: "mysql://u@h:1", server_id: 1 }
            kafka: { bootstrap: "h:1" }
            sinks: { memo: { url: "memo://notes" } }
            writer: { retry_backoff: 100ms, retry_backoff_max: 400ms%s }
            mappings: [ { table: shop.orders, memo: { key: "o:{id}" } } ]
            """;
    private static final MySyncConfig CONFIG = config("");
    private static final String TOPIC = new TopicNames(CONFIG.kafka().topicTemplate(), "s").topicOf("shop", "orders");
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final RecordingConsumer consumer = new RecordingConsumer();
    private final RecordedDeadLetters deadLetters = new RecordedDeadLetters();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    /** What the consumer had paused and committed each time the worker slept before an attempt. */
    private final List<Set<TopicPartition>> pausedWhileSleeping = new CopyOnWriteArrayList<>();
    private final List<Map<TopicPartition, OffsetAndMetadata>> committedWhileSleeping = new CopyOnWriteArrayList<>();

    private static MySyncConfig config(String writerSettings) {
        return new ConfigLoader(Map.of()).read("t.yaml", YAML.formatted(writerSettings));
    }

    @Test
    void aFailingStoreGetsTheSameBatchAgainWithBackoffWhilePartitionsArePausedAndNothingIsCommitted() {
        ScriptedSink sink = new ScriptedSink(failTimes(2, () -> new RetriableSinkException("redis is down", null)));
        SinkWorker worker = worker(CONFIG, List.of(sink), Map.of(P0, List.of(event(1), event(2), event(3))));

        runUntil(worker, () -> !committed(P0).isEmpty());

        assertThat(sink.attempts).containsExactly(List.of(1L, 2L, 3L), List.of(1L, 2L, 3L), List.of(1L, 2L, 3L));
        assertThat(sink.accepted).containsExactly(List.of(1L, 2L, 3L));
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(pausedWhileSleeping).as("every assigned partition waits").containsOnly(Set.of(P0, P1));
        assertThat(committedWhileSleeping).containsOnly(Map.of());
        assertThat(consumer.paused()).isEmpty();
        assertThat(committed(P0)).containsEntry(P0, new OffsetAndMetadata(3));
        assertThat(worker.appliedEvents()).isEqualTo(3);
        assertThat(worker.fatal()).isNull();
    }

    @Test
    void onlyTheLanesThatFailedAreAppliedAgain() {
        ScriptedSink healthy = new ScriptedSink(batch -> null);
        ScriptedSink failing = new ScriptedSink(failTimes(1, () -> new RetriableSinkException("timeout", null)));
        // a partition's lane is floorMod(hashCode, lanes): order the sinks so that P0 and P1 take different lanes
        List<Sink> lanes = Math.floorMod(P0.hashCode(), 2) == 0 ? List.of(healthy, failing) : List.of(failing, healthy);
        if (Math.floorMod(P0.hashCode(), 2) == Math.floorMod(P1.hashCode(), 2)) {
            throw new IllegalStateException("test setup: P0 and P1 fall into the same lane");
        }
        SinkWorker worker = worker(CONFIG, lanes, Map.of(P0, List.of(event(1)), P1, List.of(event(2))));

        runUntil(worker, () -> committed(P0).size() + committed(P1).size() == 2);

        assertThat(healthy.attempts).containsExactly(List.of(1L));
        assertThat(failing.attempts).containsExactly(List.of(2L), List.of(2L));
        assertThat(committed(P1)).containsEntry(P1, new OffsetAndMetadata(1));
    }

    @Test
    void aPoisonEventIsDeadLetteredAndTheRestOfItsBatchIsAppliedWithoutIt() {
        ScriptedSink sink = new ScriptedSink(batch -> batch.stream().filter(e -> e.getSeq() == 2).findFirst()
                .map(e -> (SinkException) new PoisonEventException(e, "value too long for a key", null)).orElse(null));
        SinkWorker worker = worker(CONFIG, List.of(sink), Map.of(P0, List.of(event(1), event(2), event(3))));

        runUntil(worker, () -> !committed(P0).isEmpty());

        assertThat(sink.accepted).containsExactly(List.of(1L, 3L));
        assertThat(deadLetters.letters).singleElement().satisfies(letter -> {
            assertThat(letter.event().getSeq()).isEqualTo(2);
            assertThat(letter.errorClass()).isEqualTo("poison");
            assertThat(letter.message()).isEqualTo("value too long for a key");
            assertThat(letter.sink()).isEqualTo("redis");
        });
        assertThat(sleeps).as("a poison event is no reason to wait").isEmpty();
        assertThat(committed(P0)).containsEntry(P0, new OffsetAndMetadata(3));
    }

    @Test
    void eventsTheStoreRejectedAreDeadLetteredAndTheBatchIsNotAppliedAgain() {
        ScriptedSink sink = new ScriptedSink(batch -> new RejectedEventsException(List.of(
                new RejectedEventsException.Rejection(batch.get(1), "mapper_parsing_exception", "not a date"))));
        SinkWorker worker = worker(CONFIG, List.of(sink), Map.of(P0, List.of(event(1), event(2), event(3))));

        runUntil(worker, () -> !committed(P0).isEmpty());

        assertThat(sink.attempts).containsExactly(List.of(1L, 2L, 3L));
        assertThat(deadLetters.letters).singleElement().satisfies(letter -> {
            assertThat(letter.event().getSeq()).isEqualTo(2);
            assertThat(letter.errorClass()).isEqualTo("mapper_parsing_exception");
        });
        assertThat(committed(P0)).containsEntry(P0, new OffsetAndMetadata(3));
    }

    @Test
    void aRecordThatIsNoChangeEventIsDeadLetteredAsItCameAndTheOthersAreApplied() {
        ScriptedSink sink = new ScriptedSink(batch -> null);
        byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff};
        SinkWorker worker = worker(CONFIG, List.of(sink), Map.of(P0, List.of(event(1), garbage, event(2))));

        runUntil(worker, () -> !committed(P0).isEmpty());

        assertThat(sink.accepted).containsExactly(List.of(1L, 2L));
        assertThat(deadLetters.letters).singleElement().satisfies(letter -> {
            assertThat(letter.errorClass()).isEqualTo("undecodable");
            assertThat(letter.undecodable()).hasValueSatisfying(raw -> {
                assertThat(raw.value()).isEqualTo(garbage);
                assertThat(raw.offset()).isEqualTo(1);
            });
        });
        assertThat(committed(P0)).containsEntry(P0, new OffsetAndMetadata(3));
    }

    @Test
    void withOnUndecodableFailTheWriterStopsAtTheRecordAndCommitsNothing() {
        ScriptedSink sink = new ScriptedSink(batch -> null);
        SinkWorker worker = worker(config(", on_undecodable: fail"), List.of(sink),
                Map.of(P0, List.of(event(1), new byte[] {(byte) 0xff, (byte) 0xff})));

        Thread thread = start(worker);
        join(thread);

        assertThat(worker.fatal()).isInstanceOf(UndecodableRecordException.class)
                .hasMessageContaining("writer.on_undecodable: fail");
        assertThat(sink.attempts).isEmpty();
        assertThat(deadLetters.letters).isEmpty();
        assertThat(committed(P0)).isEmpty();
    }

    @Test
    void aBatchWhosePartitionMovedToAnotherWriterDuringRetriesIsGivenUpUncommitted() {
        ScriptedSink sink = new ScriptedSink(batch -> new RetriableSinkException("redis is down", null));
        List<Boolean> moved = new CopyOnWriteArrayList<>();
        SinkWorker worker = new SinkWorker(CONFIG, List.of(sink), Batching.perPoll(100), duration -> {
            if (moved.isEmpty()) {
                consumer.rebalance(List.of(P1)); // the group gave P0 to another writer while this one waited
                moved.add(true);
            }
        }, SinkMetrics.unregistered("s", "redis"), consumer, deadLetters);
        feed(Map.of(P0, List.of(event(1), event(2))));

        Thread thread = start(worker);
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (sink.attempts.size() < 2 && System.nanoTime() < deadline) {
            sleepBriefly();
        }
        sleepBriefly();
        worker.close();
        join(thread);

        assertThat(moved).isNotEmpty();
        assertThat(sink.attempts).as("not retried once the partition was gone").hasSize(1);
        assertThat(committed(P0)).isEmpty();
        assertThat(worker.fatal()).isNull();
    }

    @Test
    void aStopWhileTheStoreIsDownCommitsNothingAndLeavesTheBatchForTheNextWriter() {
        ScriptedSink sink = new ScriptedSink(batch -> new RetriableSinkException("redis is down", null));
        SinkWorker worker = new SinkWorker(CONFIG, List.of(sink), Batching.perPoll(100), duration -> {
            throw new InterruptedException("stopping");
        }, SinkMetrics.unregistered("s", "redis"), consumer, deadLetters);
        feed(Map.of(P0, List.of(event(1), event(2))));

        Thread thread = start(worker);
        join(thread);

        assertThat(sink.accepted).isEmpty();
        assertThat(committed(P0)).isEmpty();
        assertThat(worker.fatal()).isNull();
        assertThat(consumer.paused()).as("resumed for whoever takes the partition").isEmpty();
    }

    @Test
    void aStoreErrorThatIsNeitherRetriableNorPoisonStopsTheWriterWithoutCommitting() {
        ScriptedSink sink = new ScriptedSink(batch -> {
            throw new IllegalStateException("sink bug");
        });
        SinkWorker worker = worker(CONFIG, List.of(sink), Map.of(P0, List.of(event(1))));

        Thread thread = start(worker);
        join(thread);

        assertThat(worker.fatal()).hasMessage("sink bug");
        assertThat(committed(P0)).isEmpty();
        assertThat(sink.closed).isTrue();
        assertThat(deadLetters.closed).isTrue();
    }

    // ---- fixtures

    private SinkWorker worker(MySyncConfig config, List<Sink> sinks, Map<TopicPartition, ? extends List<?>> records) {
        feed(records);
        return new SinkWorker(config, sinks, Batching.perPoll(100), duration -> {
            sleeps.add(duration);
            pausedWhileSleeping.add(Set.copyOf(consumer.paused()));
            committedWhileSleeping.add(committed(P0));
        }, SinkMetrics.unregistered("s", "redis"), consumer, deadLetters);
    }

    /** On the first poll the worker is assigned the partitions and finds these records, events or raw bytes. */
    private void feed(Map<TopicPartition, ? extends List<?>> records) {
        consumer.updatePartitions(TOPIC, List.of(partitionInfo(0), partitionInfo(1)));
        Map<TopicPartition, Long> beginning = new HashMap<>(Map.of(P0, 0L, P1, 0L));
        consumer.updateBeginningOffsets(beginning);
        consumer.updateEndOffsets(beginning);
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0, P1));
            records.forEach((tp, values) -> {
                for (int offset = 0; offset < values.size(); offset++) {
                    Object value = values.get(offset);
                    byte[] bytes = value instanceof ChangeEvent e ? e.toByteArray() : (byte[]) value;
                    consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), offset, null, bytes));
                }
            });
        });
    }

    private static PartitionInfo partitionInfo(int partition) {
        Node node = new Node(0, "h", 1);
        return new PartitionInfo(TOPIC, partition, node, new Node[] {node}, new Node[] {node});
    }

    private static ChangeEvent event(long seq) {
        return ChangeEvent.newBuilder().setSeq(seq).setOp(Op.INSERT).setDatabase("shop").setTable("orders").build();
    }

    /** What the worker committed for the partition (readable also after the worker closed its consumer). */
    private Map<TopicPartition, OffsetAndMetadata> committed(TopicPartition tp) {
        OffsetAndMetadata offset = consumer.commits.get(tp);
        return offset == null ? Map.of() : Map.of(tp, offset);
    }

    private static Thread start(SinkWorker worker) {
        Thread thread = new Thread(worker, "sink-worker-test");
        thread.start();
        return thread;
    }

    private static void runUntil(SinkWorker worker, BooleanSupplier done) {
        Thread thread = start(worker);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean() && thread.isAlive() && System.nanoTime() < deadline) {
            sleepBriefly();
        }
        worker.close();
        join(thread);
        assertThat(done.getAsBoolean()).as("worker reached the expected state (fatal: %s)", worker.fatal()).isTrue();
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(20).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertThat(thread.isAlive()).as("worker stopped").isFalse();
    }

    private static Function<List<ChangeEvent>, SinkException> failTimes(int times, Supplier<SinkException> failure) {
        int[] calls = {0};
        return batch -> calls[0]++ < times ? failure.get() : null;
    }

    /** Kafka's mock consumer, keeping what was committed where a test can read it after the consumer is closed. */
    private static final class RecordingConsumer extends MockConsumer<byte[], byte[]> {
        final Map<TopicPartition, OffsetAndMetadata> commits = new ConcurrentHashMap<>();

        RecordingConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            super.commitSync(offsets);
            commits.putAll(offsets);
        }
    }

    /** A sink whose outcome for each batch the test decides: null accepts it, an exception is thrown. */
    private static final class ScriptedSink implements Sink {
        final List<List<Long>> attempts = new CopyOnWriteArrayList<>();
        final List<List<Long>> accepted = new CopyOnWriteArrayList<>();
        final Function<List<ChangeEvent>, SinkException> outcome;
        volatile boolean closed;

        ScriptedSink(Function<List<ChangeEvent>, SinkException> outcome) {
            this.outcome = outcome;
        }

        @Override
        public String name() {
            return "redis";
        }

        @Override
        public void apply(List<ChangeEvent> batch) throws SinkException {
            List<Long> seqs = batch.stream().map(ChangeEvent::getSeq).toList();
            attempts.add(seqs);
            SinkException failure = outcome.apply(batch);
            if (failure != null) {
                throw failure;
            }
            accepted.add(seqs);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
