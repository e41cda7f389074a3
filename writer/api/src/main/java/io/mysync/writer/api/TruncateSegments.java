package io.mysync.writer.api;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.events.v1.Op;
import io.mysync.writer.api.RejectedEventsException;
import io.mysync.writer.api.SinkException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a batch in store order around its TRUNCATE events: the row changes before one, then the truncation, then
 * the changes after it. Events a store rejects for good in any part are reported together once the whole batch was
 * applied; any other failure stops at once (the writer applies the whole batch again, which changes nothing twice).
 */
public final class TruncateSegments {

    /** Applies row changes (no TRUNCATE among them). */
    public interface Rows {
        void apply(List<ChangeEvent> rows) throws SinkException;
    }

    /** Removes every row of the event's table whose last change is older than the event's seq. */
    public interface Truncation {
        void truncate(ChangeEvent event) throws SinkException;
    }

    private TruncateSegments() {
    }

    public static void apply(List<ChangeEvent> batch, Rows rows, Truncation truncation) throws SinkException {
        int from = 0;
        List<RejectedEventsException.Rejection> rejected = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).getOp() == Op.TRUNCATE) {
                List<ChangeEvent> before = batch.subList(from, i);
                collect(() -> rows.apply(before), rejected, !before.isEmpty());
                ChangeEvent event = batch.get(i);
                collect(() -> truncation.truncate(event), rejected, true);
                from = i + 1;
            }
        }
        if (from == 0) {
            rows.apply(batch); // the common case: no TRUNCATE in the batch
            return;
        }
        List<ChangeEvent> after = batch.subList(from, batch.size());
        collect(() -> rows.apply(after), rejected, !after.isEmpty());
        if (!rejected.isEmpty()) {
            throw new RejectedEventsException(rejected);
        }
    }

    private interface Step {
        void run() throws SinkException;
    }

    private static void collect(Step step, List<RejectedEventsException.Rejection> rejected, boolean run)
            throws SinkException {
        if (!run) {
            return;
        }
        try {
            step.run();
        } catch (RejectedEventsException e) {
            rejected.addAll(e.rejections());
        }
    }
}
