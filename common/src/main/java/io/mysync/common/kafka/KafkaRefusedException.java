package io.mysync.common.kafka;

import io.mysync.common.error.RefusedException;
import java.util.Optional;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Kafka refused the login (SASL or TLS) or an ACL denies an operation: no retry fixes that, so the process stops
 * with one line naming the settings to change. Recognised by the exception types in a cause chain.
 */
public final class KafkaRefusedException extends RefusedException {

    private KafkaRefusedException(String message) {
        super(message);
    }

    /** The refusal {@code error} holds, if it holds one. */
    public static Optional<KafkaRefusedException> of(Throwable error, String bootstrap) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KafkaRefusedException refused) {
                return Optional.of(refused);
            }
            if (t instanceof AuthenticationException) {
                return Optional.of(new KafkaRefusedException("Kafka at " + bootstrap + " refused the login ("
                        + t.getClass().getSimpleName() + ": " + t.getMessage() + "); fix: check the user and "
                        + "password in kafka.properties sasl.jaas.config (or kafka.producer / kafka.consumer), "
                        + "sasl.mechanism and the CA in ssl.truststore.location"));
            }
            if (t instanceof AuthorizationException) {
                return Optional.of(new KafkaRefusedException("Kafka at " + bootstrap + " denied an operation ("
                        + t.getClass().getSimpleName() + ": " + t.getMessage() + "); fix: grant this principal "
                        + "the ACLs in docs/security.md"));
            }
        }
        return Optional.empty();
    }
}
