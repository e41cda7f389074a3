package io.mysync.runtime.verify;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.writer.api.RowVerifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells a real difference from a row still on its way. Each round reads the suspects from the source, waits until the
 * sink has applied everything committed by then, compares, and reads the source again: a difference counts only if
 * the source row stayed the same throughout; a row that changed meanwhile is looked at again in the next round, and
 * one that still changes after the last round is reported as unsettled, never as a difference.
 */
final class Recheck {

    /** The source's current image of a row (a delete of its key when the row is gone). */
    interface Source {
        ChangeEvent reread(ChangeEvent row) throws Exception;
    }

    /** Returns once the sink applied everything the source committed until now. */
    interface CaughtUp {
        void await() throws Exception;
    }

    /** A row that differs in the store while the source kept it the same, and what differs. */
    record Confirmed(ChangeEvent row, String difference) {
    }

    /**
     * @param rechecked how many comparisons the rounds made
     * @param unsettled suspects still changing after the last round
     */
    record Outcome(List<Confirmed> confirmed, long rechecked, List<ChangeEvent> unsettled) {
    }

    private Recheck() {
    }

    static Outcome run(int rounds, RowVerifier store, List<ChangeEvent> suspects, Source source, CaughtUp caughtUp)
            throws Exception {
        List<Confirmed> confirmed = new ArrayList<>();
        List<ChangeEvent> pending = suspects;
        long rechecked = 0;
        for (int round = 0; round < rounds && !pending.isEmpty(); round++) {
            List<ChangeEvent> before = new ArrayList<>(pending.size());
            for (ChangeEvent row : pending) {
                before.add(source.reread(row));
            }
            caughtUp.await();
            List<String> differences = store.differences(before);
            List<ChangeEvent> changing = new ArrayList<>();
            for (int i = 0; i < before.size(); i++) {
                rechecked++;
                ChangeEvent now = source.reread(before.get(i));
                if (!now.equals(before.get(i))) {
                    changing.add(now); // the row changed while the sink caught up: look again next round
                } else if (differences.get(i) != null) {
                    confirmed.add(new Confirmed(now, differences.get(i)));
                }
            }
            pending = changing;
        }
        return new Outcome(confirmed, rechecked, pending);
    }
}
