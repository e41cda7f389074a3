package io.mysync.writer.deadletter;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.common.retry.Backoff;
import io.mysync.writer.api.PoisonEventException;
import io.mysync.writer.api.RejectedEventsException;
import io.mysync.writer.api.RetriableSinkException;
import io.mysync.writer.api.Sink;
import io.mysync.writer.api.SinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Applies dead letters of one sink to that sink again, after the operator fixed the cause (a mapping, an index,
 * the source row). Each event keeps its original seq, so a letter whose row has changed since is ignored by the
 * store like any stale event: a replay can never overwrite newer data. A letter the store still rejects is
 * dead-lettered again (with one more attempt) instead of being lost; a store that stays unavailable stops the
 * replay where it is, and the next replay starts there.
 */
public final class DeadLetterReplay {

    /** What happened to one letter. */
    public enum Result { APPLIED, REJECTED_AGAIN, NOT_REPLAYABLE }

    /** @param detail the store's error for {@link Result#REJECTED_AGAIN}, with the new letter's offset */
    public record Outcome(DeadLetter letter, Result result, String detail) {
    }

    private final Sink sink;
    private final DeadLetters deadLetters;
    private final Backoff backoff;
    private final Duration giveUpAfter;
    private final Backoff.Sleeper sleeper;

    public DeadLetterReplay(Sink sink, DeadLetters deadLetters, Backoff backoff, Duration giveUpAfter,
                            Backoff.Sleeper sleeper) {
        this.sink = sink;
        this.deadLetters = deadLetters;
        this.backoff = backoff;
        this.giveUpAfter = giveUpAfter;
        this.sleeper = sleeper;
    }

    /**
     * Replays {@code letters} in order, reporting each outcome as it happens.
     *
     * @return the progress after the last letter handled
     * @throws IllegalStateException when the store stayed unavailable for longer than the give-up time; the
     *     letters before the failing one are in {@code progress} passed to {@code onStop}
     */
    public ReplayProgress replay(List<DeadLetter> letters, ReplayProgress progress, Consumer<Outcome> onOutcome,
                                 Consumer<ReplayProgress> onStop) {
        ReplayProgress done = progress;
        for (DeadLetter letter : letters) {
            Outcome outcome;
            try {
                outcome = applyOne(letter);
            } catch (RuntimeException e) {
                onStop.accept(done);
                throw e;
            }
            done = done.past(letter);
            onOutcome.accept(outcome);
        }
        return done;
    }

    private Outcome applyOne(DeadLetter letter) {
        if (letter.undecodable().isPresent()) {
            return new Outcome(letter, Result.NOT_REPLAYABLE, "not a MySync ChangeEvent; its key and value are in "
                    + "the letter (dlq list --json)");
        }
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        backoff.reset();
        while (true) {
            try {
                sink.apply(List.of(letter.event()));
                return new Outcome(letter, Result.APPLIED, "");
            } catch (RejectedEventsException e) {
                RejectedEventsException.Rejection r = e.rejections().get(0);
                return rejectedAgain(letter, r.event(), r.errorClass(), r.message());
            } catch (PoisonEventException e) {
                return rejectedAgain(letter, e.event(), "poison", e.getMessage());
            } catch (RetriableSinkException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(sink.name() + " stayed unavailable for "
                            + giveUpAfter.toSeconds() + " s while replaying the letter at offset " + letter.offset()
                            + " (" + e.getMessage() + "); start the store and replay again, it resumes there", e);
                }
                if (!backoff.pause(sleeper)) {
                    throw new IllegalStateException("interrupted while replaying dead letters", e);
                }
            } catch (SinkException e) {
                throw new IllegalStateException(sink.name() + " failed: " + e.getMessage(), e);
            }
        }
    }

    private Outcome rejectedAgain(DeadLetter letter, ChangeEvent event, String errorClass, String message) {
        long offset = deadLetters.send(DeadLetter.of(letter.sink(), event, errorClass, message,
                letter.attempts() + 1));
        return new Outcome(letter, Result.REJECTED_AGAIN, errorClass + ": " + message + " (new letter at offset "
                + offset + ")");
    }

    /** Letters of {@code sink} not yet covered by {@code progress}, in topic order. */
    public static List<DeadLetter> pending(List<DeadLetter> letters, String sink, ReplayProgress progress) {
        List<DeadLetter> pending = new ArrayList<>();
        for (DeadLetter letter : letters) {
            if (letter.sink().equals(sink) && !progress.covers(letter)) {
                pending.add(letter);
            }
        }
        return pending;
    }
}
