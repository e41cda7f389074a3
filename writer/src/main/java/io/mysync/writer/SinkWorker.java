package io.mysync.writer;

import io.mysync.common.event.ChangeEvent;
import io.mysync.common.kafka.TopicNames;
import io.mysync.common.spi.PoisonEventException;
import io.mysync.common.spi.RetriableSinkException;
import io.mysync.common.spi.Sink;
import io.mysync.common.spi.SinkException;
import io.mysync.config.model.MySyncConfig;
import io.mysync.config.model.WriterConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Feeds one sink from its own consumer group. A batch is what one poll returned, in partition order; its offsets
 * are committed only after the sink accepted all of it. When the store fails, the partitions are paused and the
 * same batch is tried again with back-off, never skipped.
 */
public final class SinkWorker implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkWorker.class);

    private final MySyncConfig config;
    private final Sink sink;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Backoff backoff;
    private final Backoff.Sleeper sleeper;
    private final Set<TopicPartition> revoked = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private volatile RuntimeException fatal;
    private volatile long appliedEvents;

    public SinkWorker(MySyncConfig config, Sink sink, Backoff.Sleeper sleeper) {
        this.config = config;
        this.sink = sink;
        this.sleeper = sleeper;
        WriterConfig writer = config.writer();
        this.backoff = new Backoff(writer.retryBackoff(), writer.retryBackoffMax());
        this.consumer = new KafkaConsumer<>(consumerProperties(config, sink.name()));
    }

    static Properties consumerProperties(MySyncConfig config, String sinkName) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafka().bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, config.writer().groupOf(config.source().id(), sinkName));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "mysync-writer-" + config.source().id() + "-" + sinkName);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.writer().batchSize());
        p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) config.writer().sessionTimeout().toMillis());
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1_000); // find new tables' topics within a second
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    public RuntimeException fatal() {
        return fatal;
    }

    public long appliedEvents() {
        return appliedEvents;
    }

    public String sinkName() {
        return sink.name();
    }

    @Override
    public void run() {
        MDC.put("source", config.source().id());
        MDC.put("component", "writer-" + sink.name());
        TopicNames topics = new TopicNames(config.kafka().topicTemplate(), config.source().id());
        try {
            consumer.subscribe(topics.subscription(), new Rebalance());
            while (!stopping) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(config.writer().pollTimeout());
                if (!records.isEmpty()) {
                    process(records);
                }
            }
        } catch (WakeupException e) {
            if (!stopping) {
                fatal = e;
            }
        } catch (RuntimeException e) {
            fatal = e;
            LOG.error("Writer for {} stopped: {}", sink.name(), e.getMessage(), e);
        } finally {
            consumer.close(Duration.ofSeconds(10));
            sink.close();
        }
    }

    private void process(ConsumerRecords<byte[], byte[]> records) {
        List<ChangeEvent> batch = new ArrayList<>(records.count());
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            firstOffsets.putIfAbsent(tp, record.offset());
            commit.put(tp, new OffsetAndMetadata(record.offset() + 1));
            batch.add(EventCodec.decode(record));
        }
        revoked.clear();
        if (!applyUntilAccepted(batch, firstOffsets.keySet())) {
            rewind(firstOffsets);
            return;
        }
        consumer.commitSync(commit);
        appliedEvents += batch.size();
    }

    /** @return false when the batch was given up because its partitions moved to another writer */
    private boolean applyUntilAccepted(List<ChangeEvent> batch, Collection<TopicPartition> partitions) {
        boolean paused = false;
        try {
            while (true) {
                try {
                    sink.apply(batch);
                    backoff.reset();
                    return true;
                } catch (RetriableSinkException e) {
                    Duration wait = backoff.next();
                    LOG.warn("{}; retrying the same {} events in {} ms", e.getMessage(), batch.size(),
                            wait.toMillis());
                    if (!paused) {
                        consumer.pause(consumer.assignment());
                        paused = true;
                    }
                    sleep(wait);
                    consumer.poll(Duration.ZERO); // stay in the group while the store is down
                    if (stopping || partitions.stream().anyMatch(revoked::contains)) {
                        return false;
                    }
                } catch (PoisonEventException e) {
                    throw new IllegalStateException("event seq " + e.event().getSeq() + " of "
                            + e.event().getDatabase() + "." + e.event().getTable() + " cannot be applied to "
                            + sink.name() + ": " + e.getMessage() + ". The writer stopped without committing it; "
                            + "fix the cause and start it again", e);
                } catch (SinkException e) {
                    throw new IllegalStateException(e);
                }
            }
        } finally {
            if (paused) {
                consumer.resume(consumer.assignment());
            }
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

    private void sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
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
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.info("{} writer assigned {} partitions", sink.name(), partitions.size());
        }
    }
}
