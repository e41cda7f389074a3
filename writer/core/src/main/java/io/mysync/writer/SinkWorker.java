package io.mysync.writer;

import io.mysync.common.kafka.TopicNames;
import io.mysync.common.lifecycle.Service;
import io.mysync.common.lifecycle.ServiceState;
import io.mysync.common.retry.Backoff;
import io.mysync.config.model.KafkaConfig;
import io.mysync.config.model.MySyncConfig;
import io.mysync.config.model.WriterConfig;
import io.mysync.writer.api.Batching;
import io.mysync.writer.api.RetriableSinkException;
import io.mysync.writer.api.Sink;
import io.mysync.writer.api.SinkException;
import io.mysync.writer.deadletter.DeadLetterQueue;
import io.mysync.writer.deadletter.DeadLetters;
import io.mysync.writer.metrics.SinkMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Feeds one sink from its own consumer group: polls, gathers a batch (one poll, or a flush interval's polls), hands it
 * to the {@link Lanes}, and commits the offsets only once every lane was accepted. While a store fails, the partitions
 * are paused and the worker stays in the group; a batch whose partitions moved to another writer meanwhile is given
 * up uncommitted. What a failure means is {@link FailedBatchPolicy}'s business, not this loop's.
 */
public final class SinkWorker implements Runnable, Service {

    private static final Logger LOG = LoggerFactory.getLogger(SinkWorker.class);

    private final MySyncConfig config;
    private final Sink firstSink;
    private final Lanes lanes;
    private final Consumer<byte[], byte[]> consumer;
    private final Batching batching;
    private final DeadLetterQueue deadLetters;
    private final SinkMetrics metrics;
    private final Set<TopicPartition> revoked = ConcurrentHashMap.newKeySet();
    /**
     * Records fetched and not applied yet (several polls' worth within a flush interval). A revoked partition's are
     * dropped at once: when it comes back, Kafka fetches them again from the committed offset.
     */
    private List<ConsumerRecord<byte[], byte[]>> gathered = new ArrayList<>();
    private final CommittedPositions committed;
    private final ServiceState state;
    private volatile long appliedEvents;

    /** @param sinks one sink instance per lane */
    public SinkWorker(MySyncConfig config, List<Sink> sinks, Batching batching, Backoff.Sleeper sleeper,
                      SinkMetrics metrics) {
        this(config, sinks, batching, sleeper, metrics,
                new KafkaConsumer<>(WriterConsumerSettings.of(config, sinks.get(0).name())), new DeadLetters(config));
    }

    /** With the Kafka consumer and the dead-letter queue given, as a unit test gives them. */
    SinkWorker(MySyncConfig config, List<Sink> sinks, Batching batching, Backoff.Sleeper sleeper,
               SinkMetrics metrics, Consumer<byte[], byte[]> consumer, DeadLetterQueue deadLetters) {
        this.config = config;
        this.metrics = metrics;
        this.batching = batching;
        this.firstSink = sinks.get(0);
        this.state = new ServiceState("Writer for " + firstSink.name(), config.kafka().bootstrap());
        WriterConfig writer = config.writer();
        this.lanes = new Lanes(sinks, new FailedBatchPolicy(firstSink.name(), writer.onUndecodable(), deadLetters,
                metrics), new RetryPacing(firstSink.name(), writer.retryBackoff(), writer.retryBackoffMax(), sleeper),
                metrics);
        this.consumer = consumer;
        this.committed = new CommittedPositions(consumer);
        this.deadLetters = deadLetters;
    }

    @Override
    public RuntimeException fatal() {
        return state.fatal();
    }

    public long appliedEvents() {
        return appliedEvents;
    }

    public SinkMetrics metrics() {
        return metrics;
    }

    public String sinkName() {
        return firstSink.name();
    }

    @Override
    public void run() {
        MDC.put("source", config.source().id());
        MDC.put("component", "writer-" + sinkName());
        MDC.put("sink", sinkName());
        TopicNames topics = new TopicNames(config.kafka().topicTemplate(), config.source().id());
        try {
            checkStore();
            // the dead-letter and checkpoint topics are never read as events, whatever the topic template matches
            // nor the join stage's internal topics (mysync-join.SOURCE-...), which hold its state, not changes
            consumer.subscribe(Pattern.compile("(?!(" + Pattern.quote(deadLetters.topic()) + "|"
                    + Pattern.quote(config.kafka().checkpointTopic(config.source().id())) + ")$)(?!"
                    + Pattern.quote(KafkaConfig.joinApplicationId(config.source().id()) + "-") + ")"
                    + topics.subscription().pattern()), new Rebalance());
            long flushAt = 0;
            while (!state.stopping()) {
                Duration wait = config.writer().pollTimeout();
                if (!gathered.isEmpty()) {
                    Duration left = Duration.ofNanos(Math.max(0, flushAt - System.nanoTime()));
                    wait = left.compareTo(wait) < 0 ? left : wait;
                }
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(wait);
                } catch (WakeupException e) {
                    if (!state.stopping()) {
                        throw e;
                    }
                    break;
                }
                if (gathered.isEmpty() && !records.isEmpty()) {
                    flushAt = System.nanoTime() + batching.flushInterval().toNanos();
                }
                for (TopicPartition tp : records.partitions()) {
                    List<ConsumerRecord<byte[], byte[]>> fetched = records.records(tp);
                    gathered.addAll(fetched);
                    metrics.fetched(tp, fetched.get(0).timestamp(), fetched.size());
                }
                metrics.readKafkaLag(consumer, false);
                if (records.isEmpty() && gathered.isEmpty()) {
                    committed.commitPastMarkers();
                }
                if (!gathered.isEmpty() && (!batching.gathers() || gathered.size() >= batching.maxEvents()
                        || System.nanoTime() >= flushAt)) {
                    process(gathered);
                    gathered = new ArrayList<>();
                }
            }
            if (!gathered.isEmpty()) {
                process(gathered); // graceful stop: what was gathered for a flush interval is applied and committed
            }
        } catch (WakeupException e) {
            if (!state.stopping()) {
                state.fail(e, LOG);
            }
        } catch (RuntimeException e) { // a refusal (login, ACL, certificate) says what to change in one line
            state.fail(e, LOG);
        } finally {
            consumer.close(Duration.ofSeconds(10));
            lanes.close();
            deadLetters.close();
        }
    }

    private void process(List<ConsumerRecord<byte[], byte[]>> batch) {
        // only partitions still assigned: a revocation during a retry of the batch may have moved some elsewhere
        Set<TopicPartition> assigned = consumer.assignment();
        List<ConsumerRecord<byte[], byte[]>> records = batch.stream()
                .filter(r -> assigned.contains(new TopicPartition(r.topic(), r.partition()))).toList();
        if (records.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        // records come in offset order per partition: the last one's successor is the position to commit
        List<List<ConsumerRecord<byte[], byte[]>>> byLane = new ArrayList<>();
        for (int lane = 0; lane < lanes.count(); lane++) {
            byLane.add(new ArrayList<>());
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            firstOffsets.putIfAbsent(tp, record.offset());
            commit.put(tp, new OffsetAndMetadata(record.offset() + 1));
            byLane.get(lanes.laneOf(tp)).add(record);
        }
        revoked.clear();
        if (!lanes.applyUntilAccepted(byLane, new WaitInTheGroup(firstOffsets.keySet()))) {
            rewind(firstOffsets);
            metrics.settled(firstOffsets.keySet());
            return;
        }
        try {
            consumer.commitSync(commit);
        } catch (WakeupException e) {
            // woken for shutdown while the batch was being applied: it is in the store, so commit it before stopping
            consumer.commitSync(commit);
        }
        committed.record(commit);
        metrics.settled(commit.keySet());
        metrics.committed(records.size());
        appliedEvents += records.size();
    }

    /**
     * A refused login stops the writer here; a store that is merely down is retried with the first batch. The store's
     * tables for tables named in the mappings are made here, so the first batch does not wait for them.
     */
    private void checkStore() {
        try {
            firstSink.checkConnection();
            firstSink.prepare();
        } catch (RetriableSinkException e) {
            LOG.warn("{} is not reachable yet ({}); its batches wait for it", sinkName(), e.getMessage());
        } catch (SinkException e) {
            throw new IllegalStateException(sinkName() + " failed its connection check: " + e.getMessage(), e);
        }
    }

    private void rewind(Map<TopicPartition, Long> firstOffsets) {
        Set<TopicPartition> assigned = consumer.assignment();
        firstOffsets.forEach((tp, offset) -> {
            if (assigned.contains(tp)) {
                consumer.seek(tp, offset);
            }
        });
    }

    @Override
    public void close() {
        state.stop();
        consumer.wakeup();
    }

    /** While the store fails: fetch nothing, stay in the group, and give the batch up when its partitions move. */
    private final class WaitInTheGroup implements Lanes.Waiting {

        private final Collection<TopicPartition> partitions;

        WaitInTheGroup(Collection<TopicPartition> partitions) {
            this.partitions = partitions;
        }

        @Override
        public void pause() {
            consumer.pause(consumer.assignment());
        }

        @Override
        public boolean keepWaiting(boolean interrupted) {
            if (interrupted) {
                state.stop();
            }
            consumer.poll(Duration.ZERO); // stay in the group while the store is down
            metrics.readKafkaLag(consumer, true);
            return !state.stopping() && partitions.stream().noneMatch(revoked::contains);
        }

        @Override
        public void resume() {
            consumer.resume(consumer.assignment());
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            revoked.addAll(partitions);
            gathered.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
            metrics.revoked(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            metrics.assigned(partitions);
            LOG.info("{} writer assigned {} partitions", sinkName(), partitions.size());
        }
    }
}
