package io.mysync.writer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a sink's consumer committed last per partition, and the commits that move it past transaction markers. */
final class CommittedPositions {

    private static final Logger LOG = LoggerFactory.getLogger(CommittedPositions.class);

    private final Consumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private long lastMarkerCommit;

    CommittedPositions(Consumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    /** Offsets the writer committed after applying a batch. */
    void record(Map<TopicPartition, OffsetAndMetadata> commit) {
        commit.forEach((tp, om) -> positions.put(tp, om.offset()));
    }

    /**
     * Transactional topics end with commit markers, which take an offset but are never returned as records: after
     * the last record the consumer's position moves past them only with a later, empty poll. Committing that
     * position then (at most once a second) lets the group's lag reach zero instead of staying at one per partition.
     */
    void commitPastMarkers() {
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
            Long committed = positions.get(tp);
            if (committed == null || position > committed) {
                advanced.put(tp, new OffsetAndMetadata(position));
            }
        }
        if (!advanced.isEmpty()) {
            try {
                consumer.commitSync(advanced);
                advanced.forEach((tp, om) -> positions.put(tp, om.offset()));
            } catch (RebalanceInProgressException | CommitFailedException e) {
                // only markers were skipped: the next idle second commits them, or the new owner does
                LOG.debug("Commit past transaction markers deferred: {}", e.toString());
            }
        }
    }
}
