package io.mysync.writer;

import io.mysync.config.model.UndecodablePolicy;
import io.mysync.events.v1.ChangeEvent;
import io.mysync.writer.api.PoisonEventException;
import io.mysync.writer.api.RejectedEventsException;
import io.mysync.writer.api.RetriableSinkException;
import io.mysync.writer.deadletter.DeadLetter;
import io.mysync.writer.deadletter.DeadLetterQueue;
import io.mysync.writer.metrics.SinkMetrics;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/**
 * What the writer does with a lane whose store did not accept its batch, and with a record that is no change event:
 * each failure kind of the sink contract ({@code writer.api.Sink}) maps to one decision. Events the store refuses for
 * good go to the dead letters (acknowledged by Kafka before the writer moves on); a store that is down gets the same
 * events again; anything else stops the writer, committing nothing. No Kafka consumer and no store here: the writer
 * loop and its lanes act on the decision.
 */
final class FailedBatchPolicy {

    /** What to do with the lane. */
    sealed interface Decision {
    }

    /** The lane is done: the store took the rest of its batch, and what it refused is in the dead letters. */
    record Done() implements Decision {
    }

    /** One event was poison and is in the dead letters: apply the rest of the batch now. */
    record ApplyRest(List<ChangeEvent> rest) implements Decision {
    }

    /** The store is down or busy: apply the same events again after a back-off. */
    record Retry(RetriableSinkException cause) implements Decision {
    }

    private final String sink;
    private final UndecodablePolicy onUndecodable;
    private final DeadLetterQueue deadLetters;
    private final SinkMetrics metrics;

    FailedBatchPolicy(String sink, UndecodablePolicy onUndecodable, DeadLetterQueue deadLetters, SinkMetrics metrics) {
        this.sink = sink;
        this.onUndecodable = onUndecodable;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /**
     * @param failure what the sink threw for {@code batch}
     * @param attempt how many times the batch was applied, counting this one
     * @throws RuntimeException the failure itself (or one naming it) when it stops the writer
     */
    Decision decide(Throwable failure, List<ChangeEvent> batch, int attempt) {
        if (failure instanceof RetriableSinkException retriable) {
            metrics.retried(retriable);
            return new Retry(retriable);
        }
        if (failure instanceof RejectedEventsException rejected) {
            for (RejectedEventsException.Rejection r : rejected.rejections()) {
                deadLetters.send(sink, r.event(), r.errorClass(), r.message(), attempt);
                metrics.deadLettered(r.errorClass());
            }
            return new Done();
        }
        if (failure instanceof PoisonEventException poison) {
            // nothing of the batch is known to be applied: dead-letter the event, apply the rest again
            List<ChangeEvent> rest = new ArrayList<>(batch);
            if (!rest.removeIf(e -> e.equals(poison.event()))) {
                throw new IllegalStateException(sink + " rejected an event that is not in its batch: "
                        + poison.getMessage(), poison);
            }
            deadLetters.send(sink, poison.event(), "poison", poison.getMessage(), attempt);
            metrics.deadLettered("poison");
            return new ApplyRest(rest);
        }
        if (failure instanceof RuntimeException stop) {
            throw stop;
        }
        throw new IllegalStateException(failure);
    }

    /**
     * A record that is no change event: dead-lettered as it came (the default), or the writer stops at it with
     * {@code writer.on_undecodable: fail}.
     */
    void setAside(EventCodec.Undecodable bad) {
        if (onUndecodable == UndecodablePolicy.FAIL) {
            throw new UndecodableRecordException(bad.reason() + "; the writer stops here "
                    + "(writer.on_undecodable: fail): remove the record's producer, then set dead_letter to move past "
                    + "it");
        }
        try (MDC.MDCCloseable partition = MDC.putCloseable("partition", Integer.toString(bad.record().partition()))) {
            deadLetters.send(DeadLetter.undecodable(sink, bad.record(), bad.reason()));
        }
        metrics.deadLettered("undecodable");
    }
}
