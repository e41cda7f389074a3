package io.mysync.writer.deadletter;

import io.mysync.common.error.UsageException;
import io.mysync.common.retry.Backoff;
import io.mysync.config.model.MySyncConfig;
import io.mysync.writer.SinkFactories;
import io.mysync.writer.api.Sink;
import io.mysync.writer.api.SinkFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code mysync dlq replay}: the pending letters of every sink (or one), each sink's applied again through a sink of
 * its own, its progress marked in the dead-letter log as it goes (a replay stopped by a store that stays down resumes
 * there). The command line only prints what {@link Listener} hears.
 */
public final class DeadLetterReplays {

    /** What a replay reports as it goes. */
    public interface Listener {

        /** Before a sink's letters: how many are pending. */
        void pending(String sink, List<DeadLetter> letters);

        /** One letter's outcome, as it happens. */
        void outcome(String sink, DeadLetterReplay.Outcome outcome);
    }

    /** Letters applied, and letters the store rejected again (dead-lettered once more). */
    public record Summary(int applied, int rejectedAgain) {

        Summary plus(DeadLetterReplay.Outcome outcome) {
            return outcome.result() == DeadLetterReplay.Result.APPLIED ? new Summary(applied + 1, rejectedAgain)
                    : new Summary(applied, rejectedAgain + 1);
        }
    }

    private final MySyncConfig config;
    private final Duration giveUpAfter;
    private final Backoff.Sleeper sleeper;

    /** @param giveUpAfter how long a store that is down is retried before the replay stops where it is */
    public DeadLetterReplays(MySyncConfig config, Duration giveUpAfter, Backoff.Sleeper sleeper) {
        this.config = config;
        this.giveUpAfter = giveUpAfter;
        this.sleeper = sleeper;
    }

    /**
     * @param sink only this sink's letters; empty: every sink with pending letters
     * @param dryRun report the pending letters only, apply nothing
     * @throws UsageException naming the sink whose connection settings the configuration lacks
     */
    public Summary replay(Optional<String> sink, boolean dryRun, Listener listener) {
        sink.ifPresent(name -> requireConfigured(SinkFactories.named(name), "the letters of " + name
                + " can only be replayed with its connection settings"));
        Summary summary = new Summary(0, 0);
        try (DeadLetterLog log = new DeadLetterLog(config)) {
            List<DeadLetter> letters = log.readAll();
            TreeSet<String> sinks = new TreeSet<>();
            letters.forEach(l -> sinks.add(l.sink()));
            sink.ifPresent(name -> sinks.retainAll(List.of(name)));
            for (String name : sinks) {
                ReplayProgress progress = log.replayProgress(name);
                List<DeadLetter> pending = DeadLetterReplay.pending(letters, name, progress);
                listener.pending(name, pending);
                if (!pending.isEmpty() && !dryRun) {
                    summary = replay(log, name, pending, progress, summary, listener);
                }
            }
        }
        return summary;
    }

    private Summary replay(DeadLetterLog log, String name, List<DeadLetter> pending, ReplayProgress progress,
                           Summary before, Listener listener) {
        SinkFactory factory = SinkFactories.named(name);
        requireConfigured(factory, name + " has " + pending.size() + " pending letter(s); add the section, or pass "
                + "--sink for another sink");
        Summary[] summary = {before};
        try (Sink target = factory.create(config); DeadLetters deadLetters = new DeadLetters(config)) {
            Backoff backoff = new Backoff(config.writer().retryBackoff(), config.writer().retryBackoffMax());
            DeadLetterReplay replay = new DeadLetterReplay(target, deadLetters, backoff, giveUpAfter, sleeper);
            ReplayProgress done = replay.replay(pending, progress, outcome -> {
                summary[0] = summary[0].plus(outcome);
                listener.outcome(name, outcome);
            }, stoppedAt -> log.markReplayed(name, stoppedAt));
            log.markReplayed(name, done);
        }
        return summary[0];
    }

    private void requireConfigured(SinkFactory factory, String why) {
        if (!factory.configured(config)) {
            throw new UsageException(config.file() + " has no sinks." + factory.name() + " section; " + why);
        }
    }
}
