package io.mysync.join;

import io.mysync.common.kafka.KafkaClientSettings;
import io.mysync.common.kafka.TopicNames;
import io.mysync.common.kafka.TopicProvisioner;
import io.mysync.common.lifecycle.Service;
import io.mysync.common.lifecycle.ServiceState;
import io.mysync.config.model.KafkaConfig;
import io.mysync.config.model.MySyncConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The join stage of a writer process: the Kafka Streams application that builds the configuration's joined
 * documents ({@link DocumentTopology}) with exactly-once processing, so its state, its changelogs and the documents
 * it writes move together. Every writer process of a source runs one; they share the work by partition as one
 * application ({@code mysync-join.SOURCE}), and a writer that dies hands its partitions and their state (rebuilt from
 * the changelog topics) to the others.
 */
public final class JoinStage implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(JoinStage.class);

    private final ServiceState state;
    private final KafkaStreams streams;

    public JoinStage(MySyncConfig config) {
        this.state = new ServiceState("join stage", config.kafka().clients().bootstrap());
        TopicNames topics = new TopicNames(config.kafka().topicTemplate(), config.source().id());
        DocumentTopology.Built built = DocumentTopology.of(config.mappings(), topics, config.source().id());
        KafkaClientSettings clients = config.kafka().clients();
        try (TopicProvisioner provisioner = new TopicProvisioner(clients);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(clients.producer(Map.of(
                     "key.serializer", ByteArraySerializer.class.getName(),
                     "value.serializer", ByteArraySerializer.class.getName())))) {
            provisioner.checkLogin();
            for (String topic : built.inputTopics()) {
                provisioner.ensure(topic, config.kafka().partitions(), config.kafka().replicationFactor(), producer);
            }
            for (String topic : built.outputTopics()) {
                provisioner.ensure(topic, config.kafka().partitions(), config.kafka().replicationFactor(), producer);
            }
        }
        this.streams = new KafkaStreams(built.topology(), properties(config, config.writer().joinStateDir()));
        streams.setUncaughtExceptionHandler(failure -> {
            state.fail(failure instanceof RuntimeException r ? r : new IllegalStateException(failure), LOG);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        LOG.info("Join stage reads {} and writes {}", built.inputTopics(), built.outputTopics());
    }

    private static Properties properties(MySyncConfig config, java.nio.file.Path stateDir) {
        KafkaClientSettings clients = config.kafka().clients();
        Properties p = new Properties();
        p.putAll(clients.properties());
        clients.producer().forEach((k, v) -> p.put(StreamsConfig.producerPrefix(k), v));
        clients.consumer().forEach((k, v) -> p.put(StreamsConfig.consumerPrefix(k), v));
        clients.admin().forEach((k, v) -> p.put(StreamsConfig.adminClientPrefix(k), v));
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, KafkaConfig.joinApplicationId(config.source().id()));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, clients.bootstrap());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.kafka().replicationFactor());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        DocumentTopology.configure(p);
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // a writer that died hands its partitions over as soon as the writers' own consumers would
        p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), (int) config.writer().sessionTimeout().toMillis());
        return p;
    }

    public void start() {
        streams.start();
    }

    @Override
    public RuntimeException fatal() {
        return state.fatal();
    }

    @Override
    public void close() {
        state.stop();
        streams.close(Duration.ofSeconds(30));
    }
}
