package io.mysync.common.position;

import java.util.Objects;

/**
 * What a reader carries from one source transaction to the next and saves in its checkpoint: enough to resume
 * there as if it had never stopped.
 *
 * @param position      where the next transaction starts in the binlog
 * @param nextSeq       the seq that transaction's first row gets; a replay from here reassigns the same seqs
 * @param anchor        the last failover marker at or before {@code position}, or {@code null} when none was seen
 * @param backfill      a backfill of a table running beside the stream, in the reader's text form (request, table,
 *                      last key emitted), or empty
 * @param schemaHistory the source's table definitions at {@code position} in their compressed text form, kept where
 *                      the binlog's table maps carry no column names; empty when none is kept
 */
public record ReaderState(Position position, long nextSeq, Anchor anchor, String backfill, String schemaHistory) {

    public ReaderState {
        Objects.requireNonNull(position, "position");
        backfill = backfill == null ? "" : backfill;
        schemaHistory = schemaHistory == null ? "" : schemaHistory;
        if (nextSeq < 1) {
            throw new IllegalArgumentException("nextSeq starts at 1: " + nextSeq);
        }
    }

    /** A reader at {@code position} that has passed no failover marker and runs no backfill. */
    public ReaderState(Position position, long nextSeq) {
        this(position, nextSeq, null, "", "");
    }

    public ReaderState at(Position next, long seq) {
        return new ReaderState(next, seq, anchor, backfill, schemaHistory);
    }

    public ReaderState withAnchor(Anchor last) {
        return new ReaderState(position, nextSeq, last, backfill, schemaHistory);
    }

    public ReaderState withBackfill(String running) {
        return new ReaderState(position, nextSeq, anchor, running, schemaHistory);
    }

    public ReaderState withSchemaHistory(String text) {
        return new ReaderState(position, nextSeq, anchor, backfill, text);
    }

    @Override
    public String toString() {
        return position + " next seq " + Long.toUnsignedString(nextSeq) + (anchor == null ? "" : ", " + anchor)
                + (backfill.isEmpty() ? "" : ", backfill " + backfill);
    }
}
