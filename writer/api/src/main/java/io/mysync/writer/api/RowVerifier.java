package io.mysync.writer.api;

import io.mysync.events.v1.ChangeEvent;
import java.util.List;

/**
 * Compares what one store holds with what its sink writes for a source row: the store's side of {@code mysync
 * verify}. The row comes as the event the dump would send for it ({@code SNAPSHOT} with the row as its after image),
 * or as a {@code DELETE} with the key as its before image when the source no longer has it.
 */
public interface RowVerifier extends AutoCloseable {

    /**
     * One entry per event, in order: {@code null} when the store holds exactly what the sink writes for it (nothing,
     * for a delete or a table the store does not map), else what differs, in words.
     */
    List<String> differences(List<ChangeEvent> rows);

    /** Whether the store's mappings send this table to it. */
    boolean maps(String database, String table);

    /** Where a row lives in the store, for the report: a key, an index and id, a table and row key. */
    String locationOf(ChangeEvent row);

    @Override
    void close();
}
