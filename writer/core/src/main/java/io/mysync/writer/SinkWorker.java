package io.mysync.writer;

import io.mysync.common.error.RefusedException;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.common.kafka.KafkaRefusedException;
import io.mysync.common.kafka.TopicNames;
import io.mysync.common.retry.Backoff;
import io.mysync.config.model.MySyncConfig;
import io.mysync.config.model.UndecodablePolicy;
import io.mysync.config.model.WriterConfig;
import io.mysync.writer.api.Batching;
import io.mysync.writer.api.PoisonEventException;
import io.mysync.writer.api.RejectedEventsException;
import io.mysync.writer.api.RetriableSinkException;
import io.mysync.writer.api.Sink;
import io.mysync.writer.api.SinkException;
import io.mysync.writer.deadletter.DeadLetter;
import io.mysync.writer.deadletter.DeadLetterQueue;
import io.mysync.writer.deadletter.DeadLetters;
import io.mysync.writer.metrics.SinkMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Feeds one sink from its own consumer group. A batch is what one poll returned; it is split into lanes by
 * partition (a partition always takes the same lane, so each row's changes stay in order), and the lanes are decoded
 * and applied in parallel, each by its own sink instance. Offsets are committed only after every lane was accepted.
 * When the store fails, the partitions are paused and the failed lanes are tried again with back-off, never skipped.
 */
public final class SinkWorker implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkWorker.class);
    /** While a store stays down, how often the writer says so again (the first failure is always logged). */
    private static final Duration RETRY_WARNING_INTERVAL = Duration.ofSeconds(15);

    private final MySyncConfig config;
    private final List<Sink> sinks;
    private final ExecutorService lanes;
    private final Consumer<byte[], byte[]> consumer;
    private final Backoff backoff;
    private final Backoff.Sleeper sleeper;
    private final Batching batching;
    private final DeadLetterQueue deadLetters;
    private final SinkMetrics metrics;
    private final Set<TopicPartition> revoked = ConcurrentHashMap.newKeySet();
    /**
     * Records fetched and not applied yet (several polls' worth within a flush interval). A revoked partition's are
     * dropped at once: when it comes back, Kafka fetches them again from the committed offset.
     */
    private List<ConsumerRecord<byte[], byte[]>> gathered = new ArrayList<>();
    /** What this worker committed last per partition; positions past commit markers are committed beyond it. */
    private final Map<TopicPartition, Long> committedPositions = new HashMap<>();
    private long lastMarkerCommit;
    private volatile boolean stopping;
    private volatile RuntimeException fatal;
    private volatile long appliedEvents;

    /** @param sinks one sink instance per lane */
    public SinkWorker(MySyncConfig config, List<Sink> sinks, Batching batching, Backoff.Sleeper sleeper,
                      SinkMetrics metrics) {
        this(config, sinks, batching, sleeper, metrics,
                new KafkaConsumer<>(consumerProperties(config, sinks.get(0).name())), new DeadLetters(config));
    }

    /** With the Kafka consumer and the dead-letter queue given, as a unit test gives them. */
    SinkWorker(MySyncConfig config, List<Sink> sinks, Batching batching, Backoff.Sleeper sleeper,
               SinkMetrics metrics, Consumer<byte[], byte[]> consumer, DeadLetterQueue deadLetters) {
        this.config = config;
        this.metrics = metrics;
        this.batching = batching;
        this.sinks = List.copyOf(sinks);
        this.lanes = Executors.newFixedThreadPool(sinks.size(), r -> {
            Thread t = new Thread(r, "mysync-lane-" + sinks.get(0).name());
            t.setDaemon(true);
            return t;
        });
        this.sleeper = sleeper;
        WriterConfig writer = config.writer();
        this.backoff = new Backoff(writer.retryBackoff(), writer.retryBackoffMax());
        this.consumer = consumer;
        this.deadLetters = deadLetters;
    }

    static Properties consumerProperties(MySyncConfig config, String sinkName) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.writer().groupOf(config.source().id(), sinkName));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "mysync-writer-" + config.source().id() + "-" + sinkName);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.writer().batchSize());
        int session = (int) config.writer().sessionTimeout().toMillis();
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, session);
        // heartbeats carry the news of a rebalance: at a sixth of the session (not Kafka's 3 s) the writers rejoin
        // within a second of a crashed writer's session running out
        p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(500, session / 6));
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1_000); // find new tables' topics within a second
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config.kafka().clients().consumer(p);
    }

    public RuntimeException fatal() {
        return fatal;
    }

    public long appliedEvents() {
        return appliedEvents;
    }

    public SinkMetrics metrics() {
        return metrics;
    }

    public String sinkName() {
        return sinks.get(0).name();
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
            consumer.subscribe(Pattern.compile("(?!(" + Pattern.quote(deadLetters.topic()) + "|"
                    + Pattern.quote(config.kafka().checkpointTopic(config.source().id())) + ")$)"
                    + topics.subscription().pattern()), new Rebalance());
            long flushAt = 0;
            while (!stopping) {
                Duration wait = config.writer().pollTimeout();
                if (!gathered.isEmpty()) {
                    Duration left = Duration.ofNanos(Math.max(0, flushAt - System.nanoTime()));
                    wait = left.compareTo(wait) < 0 ? left : wait;
                }
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(wait);
                } catch (WakeupException e) {
                    if (!stopping) {
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
                    commitPositionsPastMarkers();
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
            if (!stopping) {
                fatal = e;
            }
        } catch (RuntimeException e) {
            fatal = e instanceof RefusedException ? e
                    : KafkaRefusedException.of(e, config.kafka().bootstrap()).<RuntimeException>map(r -> r).orElse(e);
            if (fatal instanceof RefusedException) { // login, ACL, certificate: the line says what to change
                LOG.error("Writer for {} stopped: {}", sinkName(), fatal.getMessage());
            } else {
                LOG.error("Writer for {} stopped: {}", sinkName(), e.getMessage(), e);
            }
        } finally {
            consumer.close(Duration.ofSeconds(10));
            lanes.shutdownNow();
            sinks.forEach(Sink::close);
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
        sinks.forEach(s -> byLane.add(new ArrayList<>()));
        for (ConsumerRecord<byte[], byte[]> record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            firstOffsets.putIfAbsent(tp, record.offset());
            commit.put(tp, new OffsetAndMetadata(record.offset() + 1));
            byLane.get(Math.floorMod(tp.hashCode(), sinks.size())).add(record);
        }
        revoked.clear();
        if (!applyUntilAccepted(byLane, firstOffsets.keySet())) {
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
        commit.forEach((tp, om) -> committedPositions.put(tp, om.offset()));
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
            sinks.get(0).checkConnection();
            sinks.get(0).prepare();
        } catch (RetriableSinkException e) {
            LOG.warn("{} is not reachable yet ({}); its batches wait for it", sinkName(), e.getMessage());
        } catch (SinkException e) {
            throw new IllegalStateException(sinkName() + " failed its connection check: " + e.getMessage(), e);
        }
    }

    /** This thread's log fields plus the partitions a lane applies, for the lane's own thread. */
    private static Map<String, String> laneLogContext(String partitions) {
        Map<String, String> context = new HashMap<>(Objects.requireNonNullElse(MDC.getCopyOfContextMap(), Map.of()));
        context.put("partition", partitions);
        return context;
    }

    /** @return false when the batch was given up because its partitions moved to another writer */
    private boolean applyUntilAccepted(List<List<ConsumerRecord<byte[], byte[]>>> byLane,
                                       Collection<TopicPartition> partitions) {
        Map<Integer, Future<EventCodec.Decoded>> decoding = new HashMap<>();
        Map<Integer, String> lanePartitions = new HashMap<>();
        for (int lane = 0; lane < byLane.size(); lane++) {
            List<ConsumerRecord<byte[], byte[]>> records = byLane.get(lane);
            if (!records.isEmpty()) {
                decoding.put(lane, lanes.submit(() -> EventCodec.decodeAll(records)));
                lanePartitions.put(lane, records.stream().map(r -> Integer.toString(r.partition())).distinct()
                        .sorted().collect(Collectors.joining(",")));
            }
        }
        Map<Integer, Future<List<ChangeEvent>>> decoded = new HashMap<>();
        for (Map.Entry<Integer, Future<EventCodec.Decoded>> lane : decoding.entrySet()) {
            EventCodec.Decoded events = getQuietly(lane.getValue());
            events.undecodable().forEach(this::setAside);
            if (!events.events().isEmpty()) {
                decoded.put(lane.getKey(), CompletableFuture.completedFuture(events.events()));
            }
        }
        Set<Integer> pending = new TreeSet<>(decoded.keySet());
        boolean paused = false;
        int attempt = 0;
        long failingSince = 0;
        long lastWarning = 0;
        try {
            while (true) {
                attempt++;
                Map<Integer, Future<?>> attempts = new HashMap<>();
                for (int lane : pending) {
                    Sink sink = sinks.get(lane);
                    Future<List<ChangeEvent>> events = decoded.get(lane);
                    Map<String, String> logContext = laneLogContext(lanePartitions.get(lane));
                    attempts.put(lane, lanes.submit(() -> {
                        MDC.setContextMap(logContext);
                        List<ChangeEvent> batch = events.get();
                        long started = System.nanoTime();
                        sink.apply(batch);
                        metrics.batchApplied(batch.size(), started);
                        return null;
                    }));
                }
                RetriableSinkException retriable = null;
                for (Map.Entry<Integer, Future<?>> outcome : attempts.entrySet()) {
                    Throwable failure = outcome(outcome.getValue());
                    int lane = outcome.getKey();
                    MDC.put("partition", lanePartitions.get(lane));
                    if (failure == null) {
                        pending.remove(lane);
                    } else if (failure instanceof RetriableSinkException r) {
                        retriable = r;
                        metrics.retried(r);
                    } else if (failure instanceof RejectedEventsException rejected) {
                        // the rest of the lane's batch was applied: dead-letter the rejected events and move on
                        for (RejectedEventsException.Rejection r : rejected.rejections()) {
                            deadLetters.send(sinkName(), r.event(), r.errorClass(), r.message(), attempt);
                            metrics.deadLettered(r.errorClass());
                        }
                        pending.remove(lane);
                    } else if (failure instanceof PoisonEventException poison) {
                        // nothing of the batch is known to be applied: dead-letter the event, apply the rest again
                        deadLetters.send(sinkName(), poison.event(), "poison", poison.getMessage(), attempt);
                        metrics.deadLettered("poison");
                        List<ChangeEvent> rest = new ArrayList<>(getQuietly(decoded.get(lane)));
                        if (!rest.removeIf(e -> e.equals(poison.event()))) {
                            throw new IllegalStateException(sinkName() + " rejected an event that is not in its "
                                    + "batch: " + poison.getMessage(), poison);
                        }
                        decoded.put(lane, CompletableFuture.completedFuture(rest));
                    } else if (failure instanceof RuntimeException e) {
                        throw e;
                    } else {
                        throw new IllegalStateException(failure);
                    }
                }
                if (retriable == null && !pending.isEmpty()) {
                    continue; // only poison events were taken out: apply the rest now
                }
                if (pending.isEmpty()) {
                    backoff.reset();
                    if (failingSince != 0) {
                        LOG.info("{} accepted the batch again after {} attempts over {} s", sinkName(), attempt,
                                secondsSince(failingSince));
                    }
                    return true;
                }
                long now = System.nanoTime();
                if (failingSince == 0) {
                    failingSince = now;
                    lastWarning = now;
                    LOG.warn("{}; retrying the same events of {} lane(s) with back-off up to {} ms, committing "
                            + "nothing meanwhile", retriable.getMessage(), pending.size(),
                            config.writer().retryBackoffMax().toMillis());
                } else if (now - lastWarning >= RETRY_WARNING_INTERVAL.toNanos()) {
                    lastWarning = now;
                    LOG.warn("{} still failing after {} attempts over {} s: {}", sinkName(), attempt,
                            secondsSince(failingSince), retriable.getMessage());
                }
                if (!paused) {
                    consumer.pause(consumer.assignment());
                    paused = true;
                }
                if (!backoff.pause(sleeper)) {
                    stopping = true;
                }
                consumer.poll(Duration.ZERO); // stay in the group while the store is down
                metrics.readKafkaLag(consumer, true);
                if (stopping || partitions.stream().anyMatch(revoked::contains)) {
                    return false;
                }
            }
        } finally {
            MDC.remove("partition");
            if (paused) {
                consumer.resume(consumer.assignment());
            }
        }
    }

    /**
     * Transactional topics end with commit markers, which take an offset but are never returned as records: after
     * the last record the consumer's position moves past them only with a later, empty poll. Committing that
     * position then (at most once a second) lets the group's lag reach zero instead of staying at one per partition.
     */
    private void commitPositionsPastMarkers() {
        long now = System.nanoTime();
        if (now - lastMarkerCommit < Duration.ofSeconds(1).toNanos()) {
            return;
        }
        lastMarkerCommit = now;
        Map<TopicPartition, OffsetAndMetadata> advanced = new HashMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            long position;
            try {
                position = consumer.position(tp, Duration.ofMillis(200));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                continue; // not fetched yet (its offset is still being looked up): nothing to move past
            }
            Long committed = committedPositions.get(tp);
            if (committed == null || position > committed) {
                advanced.put(tp, new OffsetAndMetadata(position));
            }
        }
        if (!advanced.isEmpty()) {
            try {
                consumer.commitSync(advanced);
                advanced.forEach((tp, om) -> committedPositions.put(tp, om.offset()));
            } catch (RebalanceInProgressException | CommitFailedException e) {
                // only markers were skipped: the next idle second commits them, or the new owner does
                LOG.debug("Commit past transaction markers deferred: {}", e.toString());
            }
        }
    }

    private static long secondsSince(long nanoTime) {
        return Duration.ofNanos(System.nanoTime() - nanoTime).toSeconds();
    }

    /**
     * A record that is no ChangeEvent: dead-lettered as it came (the default), or the writer stops at it with
     * {@code writer.on_undecodable: fail}.
     */
    private void setAside(EventCodec.Undecodable bad) {
        if (config.writer().onUndecodable() == UndecodablePolicy.FAIL) {
            throw new UndecodableRecordException(bad.reason() + "; the writer stops here "
                    + "(writer.on_undecodable: fail): remove the record's producer, then set dead_letter to move past "
                    + "it");
        }
        try (MDC.MDCCloseable partition = MDC.putCloseable("partition", Integer.toString(bad.record().partition()))) {
            deadLetters.send(DeadLetter.undecodable(sinkName(), bad.record(), bad.reason()));
        }
        metrics.deadLettered("undecodable");
    }

    private static <T> T getQuietly(Future<T> events) {
        try {
            return events.get();
        } catch (ExecutionException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a lane's attempt threw, or null when it succeeded. */
    private static Throwable outcome(Future<?> attempt) {
        try {
            attempt.get();
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return cause instanceof ExecutionException nested ? nested.getCause() : cause;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IllegalStateException("interrupted while applying a batch", e);
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
        stopping = true;
        consumer.wakeup();
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
