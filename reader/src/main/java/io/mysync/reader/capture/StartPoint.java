package io.mysync.reader.capture;

import io.mysync.common.position.Position;
import io.mysync.common.position.ReaderState;

/**
 * Where a binlog session starts.
 *
 * @param state     the reader's state there: binlog file and offset to request, the GTID set already executed
 *                  there, the seq the first row gets, the last failover marker, a running backfill, the schema history
 * @param byGtid    request the stream by GTID set instead of file and offset
 * @param emitFrom  offset in the first file before which events only update GTID tracking (used to learn the GTID
 *                  set at a mid-file position on MySQL by reading the file from its start)
 * @param emitFromTimeMs transactions committed before this time (epoch ms) are read but not published; 0 for none
 *                  (a rewind by time after a switch without marker)
 * @param replayUntilSeq after a switch by failover marker, the seq up to which rows are replays of what the old
 *                  primary's reader published; 0 otherwise
 */
public record StartPoint(ReaderState state, boolean byGtid, long emitFrom, String origin, long emitFromTimeMs,
                         long replayUntilSeq) {

    public StartPoint(ReaderState state, boolean byGtid, long emitFrom, String origin) {
        this(state, byGtid, emitFrom, origin, 0, 0);
    }

    public Position position() {
        return state.position();
    }

    public long nextSeq() {
        return state.nextSeq();
    }

    public StartPoint withEmitFromTime(long epochMillis) {
        return new StartPoint(state, byGtid, emitFrom, origin, epochMillis, replayUntilSeq);
    }

    /** The same start, carrying a backfill that was running when the checkpoint was taken. */
    public StartPoint withBackfill(String backfill) {
        return new StartPoint(state.withBackfill(backfill), byGtid, emitFrom, origin, emitFromTimeMs, replayUntilSeq);
    }

    /** The same start, carrying the schema history kept at the checkpoint. */
    public StartPoint withSchemaHistory(String text) {
        return new StartPoint(state.withSchemaHistory(text), byGtid, emitFrom, origin, emitFromTimeMs,
                replayUntilSeq);
    }

    public StartPoint withReplayUntil(long seq) {
        return new StartPoint(state, byGtid, emitFrom, origin, emitFromTimeMs, seq);
    }
}
