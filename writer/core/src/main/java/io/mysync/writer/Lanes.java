package io.mysync.writer;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.writer.api.RetriableSinkException;
import io.mysync.writer.api.Sink;
import io.mysync.writer.metrics.SinkMetrics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.MDC;

/**
 * The lanes of one sink: a batch's records split by partition (a partition always takes the same lane, so each row's
 * changes stay in order), decoded and applied in parallel, each lane by its own sink instance, until every lane was
 * accepted or the batch is given up. What a failure means comes from {@link FailedBatchPolicy}, the pace of retries
 * from {@link RetryPacing}; only the lanes that failed are applied again.
 */
final class Lanes implements AutoCloseable {

    /** What the writer loop does while the lanes wait for a failing store. */
    interface Waiting {

        /** At the first retry of a batch: stop fetching, stay in the group. */
        void pause();

        /**
         * Between two attempts.
         *
         * @param interrupted the back-off was interrupted: the writer is stopping
         * @return false to give the batch up, uncommitted (the writer stops, or its partitions moved)
         */
        boolean keepWaiting(boolean interrupted);

        /** Once the batch was accepted or given up, after a {@link #pause()}. */
        void resume();
    }

    private final List<Sink> sinks;
    private final ExecutorService threads;
    private final FailedBatchPolicy policy;
    private final RetryPacing pacing;
    private final SinkMetrics metrics;

    /** @param sinks one sink instance per lane */
    Lanes(List<Sink> sinks, FailedBatchPolicy policy, RetryPacing pacing, SinkMetrics metrics) {
        this.sinks = List.copyOf(sinks);
        this.policy = policy;
        this.pacing = pacing;
        this.metrics = metrics;
        this.threads = Executors.newFixedThreadPool(sinks.size(), r -> {
            Thread t = new Thread(r, "mysync-lane-" + sinks.get(0).name());
            t.setDaemon(true);
            return t;
        });
    }

    int count() {
        return sinks.size();
    }

    int laneOf(TopicPartition partition) {
        return Math.floorMod(partition.hashCode(), sinks.size());
    }

    /** @return false when the batch was given up (see {@link Waiting#keepWaiting}) */
    boolean applyUntilAccepted(List<List<ConsumerRecord<byte[], byte[]>>> byLane, Waiting waiting) {
        Map<Integer, String> partitions = new HashMap<>();
        Map<Integer, List<ChangeEvent>> pending = decode(byLane, partitions);
        boolean paused = false;
        int attempt = 0;
        try {
            while (true) {
                attempt++;
                Map<Integer, Future<?>> attempts = new TreeMap<>();
                pending.forEach((lane, batch) -> attempts.put(lane, submit(lane, batch, partitions.get(lane))));
                RetriableSinkException retriable = null;
                for (Map.Entry<Integer, Future<?>> outcome : attempts.entrySet()) {
                    Throwable failure = outcome(outcome.getValue());
                    int lane = outcome.getKey();
                    MDC.put("partition", partitions.get(lane));
                    if (failure == null) {
                        pending.remove(lane);
                        continue;
                    }
                    FailedBatchPolicy.Decision decision = policy.decide(failure, pending.get(lane), attempt);
                    if (decision instanceof FailedBatchPolicy.Retry retry) {
                        retriable = retry.cause();
                    } else if (decision instanceof FailedBatchPolicy.ApplyRest rest) {
                        pending.put(lane, rest.rest());
                    } else {
                        pending.remove(lane);
                    }
                }
                if (pending.isEmpty()) {
                    pacing.accepted(attempt);
                    return true;
                }
                if (retriable == null) {
                    continue; // only poison events were taken out: apply the rest now
                }
                if (!paused) {
                    waiting.pause();
                    paused = true;
                }
                boolean interrupted = !pacing.failedAgain(retriable, pending.size(), attempt);
                if (!waiting.keepWaiting(interrupted)) {
                    return false;
                }
            }
        } finally {
            MDC.remove("partition");
            if (paused) {
                waiting.resume();
            }
        }
    }

    /** Each lane's change events, decoded in parallel; records that are no change event are set aside. */
    private Map<Integer, List<ChangeEvent>> decode(List<List<ConsumerRecord<byte[], byte[]>>> byLane,
                                                   Map<Integer, String> partitions) {
        Map<Integer, Future<EventCodec.Decoded>> decoding = new TreeMap<>();
        for (int lane = 0; lane < byLane.size(); lane++) {
            List<ConsumerRecord<byte[], byte[]>> records = byLane.get(lane);
            if (!records.isEmpty()) {
                decoding.put(lane, threads.submit(() -> EventCodec.decodeAll(records)));
                partitions.put(lane, records.stream().map(r -> Integer.toString(r.partition())).distinct().sorted()
                        .collect(Collectors.joining(",")));
            }
        }
        Map<Integer, List<ChangeEvent>> decoded = new TreeMap<>();
        decoding.forEach((lane, future) -> {
            EventCodec.Decoded events = getQuietly(future);
            events.undecodable().forEach(policy::setAside);
            if (!events.events().isEmpty()) {
                decoded.put(lane, events.events());
            }
        });
        return decoded;
    }

    private Future<?> submit(int lane, List<ChangeEvent> batch, String partitions) {
        Sink sink = sinks.get(lane);
        // this thread's log fields plus the partitions the lane applies, for the lane's own thread
        Map<String, String> logContext = new HashMap<>(Objects.requireNonNullElse(MDC.getCopyOfContextMap(),
                Map.of()));
        logContext.put("partition", partitions);
        return threads.submit(() -> {
            MDC.setContextMap(logContext);
            long started = System.nanoTime();
            sink.apply(batch);
            metrics.batchApplied(batch.size(), started);
            return null;
        });
    }

    private static <T> T getQuietly(Future<T> future) {
        try {
            return future.get();
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
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new IllegalStateException("interrupted while applying a batch", e);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        sinks.forEach(Sink::close);
    }
}
