package io.mysync.writer.deadletter;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.common.kafka.RowKeys;
import io.mysync.config.model.KafkaConfig;
import io.mysync.config.model.MySyncConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes events a store rejected for good to the source's dead-letter topic and waits for Kafka's acknowledgement
 * (acks=all), so a writer moves past an event only once its dead letter is safe. Records are {@link DeadLetter}s,
 * keyed by the row like the change topics.
 */
public final class DeadLetters implements DeadLetterQueue {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final KafkaConfig kafka;
    private boolean topicReady;

    public DeadLetters(MySyncConfig config) {
        this.topic = config.writer().deadLetterTopic(config.source().id());
        this.kafka = config.kafka();
        this.producer = new KafkaProducer<>(config.kafka().clients().producer(Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, "mysync-dead-letters-" + config.source().id(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName())));
    }

    @Override
    public String topic() {
        return topic;
    }

    /** Returns once Kafka acknowledged the letter (acks=all); @return the offset it was stored at */
    @Override
    public synchronized long send(DeadLetter letter) {
        ChangeEvent event = letter.event();
        byte[] key = letter.undecodable().map(DeadLetter.RawRecord::key).orElseGet(() -> RowKeys.bytesOf(event));
        long offset;
        try {
            ensureTopic();
            offset = producer.send(new ProducerRecord<>(topic, key, letter.toJson())).get(60, TimeUnit.SECONDS)
                    .offset();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot store the dead letter of " + letter.op() + " seq "
                    + letter.seq() + " in " + topic + ": " + e + ". The writer stopped without committing it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing a dead letter", e);
        }
        LOG.warn("Dead-lettered {} seq {} of {} for {} at offset {}: {}: {}", letter.op(), letter.seq(),
                letter.table(), letter.sink(), offset, letter.errorClass(), letter.message());
        return offset;
    }

    /** Creates the topic on the first dead letter (brokers often do not create topics on their own). */
    private void ensureTopic() throws ExecutionException, InterruptedException, TimeoutException {
        if (topicReady) {
            return;
        }
        try (Admin admin = Admin.create(kafka.clients().admin(Map.of()))) {
            Optional<Short> replication = kafka.replicationFactor() < 0 ? Optional.empty()
                    : Optional.of((short) kafka.replicationFactor());
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), replication))).all()
                    .get(60, TimeUnit.SECONDS);
            LOG.info("Created dead-letter topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        topicReady = true;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
