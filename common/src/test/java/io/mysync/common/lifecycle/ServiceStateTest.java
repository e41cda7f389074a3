package io.mysync.common.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.common.error.RefusedException;
import io.mysync.common.kafka.KafkaRefusedException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.NOPLogger;

/** One classification of what stops a service, whichever service it is. */
class ServiceStateTest {

    private final ServiceState state = new ServiceState("Writer for memo", "kafka-1:9092");

    @Test
    void runsUntilStoppedAndAStopIsNoFailure() {
        assertThat(state.running()).isTrue();
        state.stop();
        assertThat(state.running()).isFalse();
        assertThat(state.stopping()).isTrue();
        assertThat(state.fatal()).isNull();
    }

    @Test
    void aRefusalIsKeptAsItIs() {
        RefusedException refused = new RefusedException("the store refused the login: set sinks.memo.password") {
        };
        assertThat(state.fail(refused, NOPLogger.NOP_LOGGER)).isSameAs(refused);
        assertThat(state.fatal()).isSameAs(refused);
        assertThat(state.running()).isFalse();
    }

    @Test
    void kafkaRefusingAnAclBecomesAKafkaRefusalNamingTheServers() {
        var denied = new IllegalStateException("publish failed",
                new TopicAuthorizationException("Not authorized to access topics: [mysync.shop.orders]"));
        RuntimeException recorded = state.fail(denied, NOPLogger.NOP_LOGGER);
        assertThat(recorded).isInstanceOf(KafkaRefusedException.class).hasMessageContaining("kafka-1:9092");
        assertThat(state.fatal()).isSameAs(recorded);
    }

    @Test
    void anyOtherFailureIsKeptWithItsTrace() {
        var bug = new NullPointerException("bug");
        assertThat(state.fail(bug, NOPLogger.NOP_LOGGER)).isSameAs(bug);
        assertThat(ServiceState.classify(bug, "kafka-1:9092")).isSameAs(bug);
    }

    @Test
    void aFailureAnotherPartLoggedIsRecordedAsWell() {
        var fenced = new IllegalStateException("another reader holds the checkpoint");
        state.failQuietly(fenced);
        assertThat(state.fatal()).isSameAs(fenced);
    }
}
