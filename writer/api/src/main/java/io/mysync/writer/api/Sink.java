package io.mysync.writer.api;

import io.mysync.events.v1.ChangeEvent;
import java.util.List;

/**
 * A store that change events are applied to. The writer hands over batches in Kafka order (per partition, hence
 * per row); a sink must apply them so that replaying any prefix again, or an older event after a newer one, leaves
 * the store unchanged.
 *
 * <p>{@link #apply} returns only when the store has accepted the whole batch. It throws
 * {@link RetriableSinkException} when the same batch may succeed later (the writer backs off and redelivers it)
 * and {@link PoisonEventException} when one event can never be applied.
 */
public interface Sink extends AutoCloseable {

    /** Short store name used in consumer groups, metrics and logs: {@code redis}, {@code elasticsearch}. */
    String name();

    void apply(List<ChangeEvent> batch) throws SinkException;

    /**
     * Connects and logs in once before the writer consumes anything, so that wrong credentials or certificates stop
     * it at start ({@link StoreRefusedException}) rather than at the first change. A store that is down only throws
     * {@link RetriableSinkException}: the writer starts anyway and its batches wait.
     */
    default void checkConnection() throws SinkException {
    }

    /**
     * Creates, before the first change, what the store needs for the tables the mappings name in full (an HBase
     * table, for example), so that no batch waits for it and the stream starts within a second. Throws
     * {@link RetriableSinkException} when the store is down: the sink then creates it at first use, as it does for
     * tables matched by a pattern.
     */
    default void prepare() throws SinkException {
    }

    @Override
    default void close() {
    }
}
