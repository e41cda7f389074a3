package io.mysync.common.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the event topics the reader and the dump tool write to, and waits until every partition is served. */
public final class TopicProvisioner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final String bootstrap;

    public TopicProvisioner(KafkaClientSettings clients) {
        this.admin = Admin.create(clients.admin(Map.of()));
        this.bootstrap = clients.bootstrap();
    }

    /**
     * Logs in and reads the cluster's id, so that a wrong password or CA stops the process at start, before it reads
     * anything, instead of at its first change.
     *
     * @throws KafkaRefusedException when Kafka refuses the login
     */
    public void checkLogin() {
        try {
            admin.describeCluster().clusterId().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Optional<KafkaRefusedException> refused = KafkaRefusedException.of(e, bootstrap);
            if (refused.isPresent()) {
                throw refused.get();
            }
            throw new IllegalStateException("Kafka at " + bootstrap + " did not answer: " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrap + " did not answer within 60 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to Kafka", e);
        }
    }

    /**
     * Creates {@code topic} unless it exists ({@code replicationFactor} below 0: the broker's default), then waits
     * for its partitions' leaders as {@code producer} sees them.
     */
    public void ensure(String topic, int partitions, int replicationFactor, Producer<?, ?> producer) {
        Optional<Short> replication = replicationFactor < 0 ? Optional.empty() : Optional.of((short) replicationFactor);
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), replication)))
                    .all().get(60, TimeUnit.SECONDS);
            LOG.info("Created topic {} with {} partitions", topic, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create Kafka topic " + topic + ": " + e.getCause(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrap + " did not answer within 60 s while "
                    + "creating topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
        awaitLeaders(topic, producer);
    }

    /**
     * Sending to a partition before its leader serves it makes the idempotent producer's first batch fail and the
     * next ones arrive out of sequence. Wait until every partition's leader answers a ListOffsets request, which
     * only a serving leader does.
     */
    private void awaitLeaders(String topic, Producer<?, ?> producer) {
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
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
