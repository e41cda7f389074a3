package io.mysync.common.lifecycle;

import io.mysync.common.error.RefusedException;
import io.mysync.common.kafka.KafkaRefusedException;
import org.slf4j.Logger;

/**
 * Whether a {@link Service} was asked to stop, and the failure that stopped it for good. Every service records its
 * failure here, so a failure is classified in one place: a refusal (its own, or Kafka refusing a login, an ACL or a
 * certificate) is logged as the one line that names the fix; anything else with its stack trace.
 */
public final class ServiceState {

    private final String name;
    private final String kafkaBootstrap;
    private volatile boolean stopping;
    private volatile RuntimeException fatal;

    /**
     * @param name what the log calls the service: "Reader", "Writer for redis"
     * @param kafkaBootstrap the Kafka servers, named in a Kafka refusal
     */
    public ServiceState(String name, String kafkaBootstrap) {
        this.name = name;
        this.kafkaBootstrap = kafkaBootstrap;
    }

    /** A refusal as the {@link RefusedException} it is, Kafka's included; any other failure as it is. */
    public static RuntimeException classify(RuntimeException failure, String kafkaBootstrap) {
        if (failure instanceof RefusedException) {
            return failure;
        }
        return KafkaRefusedException.of(failure, kafkaBootstrap).<RuntimeException>map(r -> r).orElse(failure);
    }

    public boolean stopping() {
        return stopping;
    }

    /** Asks the service to stop; its loop ends at its next step. */
    public void stop() {
        stopping = true;
    }

    public RuntimeException fatal() {
        return fatal;
    }

    /** Whether the service neither was asked to stop nor failed. */
    public boolean running() {
        return !stopping && fatal == null;
    }

    /**
     * The service stops for good on {@code failure}, classified and logged once.
     *
     * @return the failure as recorded (a Kafka refusal becomes a {@link KafkaRefusedException})
     */
    public RuntimeException fail(RuntimeException failure, Logger log) {
        RuntimeException classified = classify(failure, kafkaBootstrap);
        fatal = classified;
        if (classified instanceof RefusedException) {
            log.error(classified.getMessage());
        } else {
            log.error("{} stopped: {}", name, failure.getMessage(), failure);
        }
        return classified;
    }

    /** The service stops on a failure some other part already logged (a fenced checkpoint, a failed term). */
    public void failQuietly(RuntimeException failure) {
        fatal = classify(failure, kafkaBootstrap);
    }
}
