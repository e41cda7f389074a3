package io.mysync.writer.api;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.writer.api.Sink;
import io.mysync.writer.api.SinkException;
import io.mysync.writer.api.TruncateSegments;
import java.util.List;

/**
 * The base of a store's sink: it applies a batch's row changes together and each TRUNCATE on its own, in the
 * batch's order ({@link TruncateSegments}), so a store implements only the two.
 */
public abstract class RowChangeSink implements Sink {

    private final String name;

    /** @param name the store's name: consumer groups, metrics, logs, {@code --sinks} */
    protected RowChangeSink(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final void apply(List<ChangeEvent> batch) throws SinkException {
        TruncateSegments.apply(batch, this::applyRows, this::truncate);
    }

    /** Applies row changes (no TRUNCATE among them); returns when the store accepted all of them. */
    protected abstract void applyRows(List<ChangeEvent> rows) throws SinkException;

    /** Removes every row of the event's table whose last change is older than the event's seq. */
    protected abstract void truncate(ChangeEvent truncate) throws SinkException;
}
