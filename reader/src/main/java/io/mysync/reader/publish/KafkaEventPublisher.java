package io.mysync.reader.publish;

import io.mysync.common.event.ChangeEvent;
import io.mysync.common.kafka.RowKeys;
import io.mysync.common.kafka.TopicNames;
import io.mysync.config.model.KafkaConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends events with acks=all and idempotence, one topic per table (created with the configured partitions on
 * first use), keyed by {@link RowKeys} so each row's changes stay in one partition in order.
 */
public final class KafkaEventPublisher implements EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventPublisher.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;
    private final KafkaConfig config;
    private final TopicNames topics;
    private final InflightTransactions inflight;
    private final Map<String, String> topicByTable = new HashMap<>();

    public KafkaEventPublisher(KafkaConfig config, String sourceId, InflightTransactions inflight) {
        this.config = config;
        this.topics = new TopicNames(config.topicTemplate(), sourceId);
        this.inflight = inflight;
        this.producer = new KafkaProducer<>(KafkaProducerSettings.of(config, sourceId));
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
        this.admin = Admin.create(adminProps);
    }

    @Override
    public void publish(ChangeEvent event, InflightTransactions.Txn txn) {
        String topic = topicByTable.computeIfAbsent(event.getDatabase() + "." + event.getTable(), table -> {
            String name = topics.topicOf(event.getDatabase(), event.getTable());
            ensureTopic(name);
            return name;
        });
        txn.sent();
        producer.send(new ProducerRecord<>(topic, RowKeys.bytesOf(event), event.toByteArray()), (metadata, error) -> {
            if (error == null) {
                txn.acknowledged();
            } else {
                LOG.error("Kafka did not acknowledge event seq={} of {}.{}: {}", event.getSeq(), event.getDatabase(),
                        event.getTable(), error.toString());
                inflight.fail(error);
            }
        });
    }

    private void ensureTopic(String topic) {
        Optional<Short> replication = config.replicationFactor() < 0 ? Optional.empty()
                : Optional.of((short) config.replicationFactor());
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(config.partitions()), replication)))
                    .all().get(60, TimeUnit.SECONDS);
            LOG.info("Created topic {} with {} partitions", topic, config.partitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create Kafka topic " + topic + ": " + e.getCause(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + config.bootstrap() + " did not answer within 60 s while "
                    + "creating topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
        awaitLeaders(topic);
    }

    /**
     * Sending to a partition before its leader serves it makes the idempotent producer's first batch fail and the
     * next ones arrive out of sequence. Wait until every partition's leader answers a ListOffsets request, which
     * only a serving leader does.
     */
    private void awaitLeaders(String topic) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> request = new HashMap<>();
                admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                        .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
                if (producer.partitionsFor(topic).stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topic " + topic + " has partitions without a serving leader "
                            + "after 60 s: " + e, e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
            }
        }
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
        admin.close(Duration.ofSeconds(5));
    }
}
