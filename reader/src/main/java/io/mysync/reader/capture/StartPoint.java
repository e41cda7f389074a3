package io.mysync.reader.capture;

import io.mysync.common.position.Position;

/**
 * Where a binlog session starts.
 *
 * @param position  binlog file and offset to request, and the GTID set already executed there
 * @param byGtid    request the stream by GTID set instead of file and offset
 * @param emitFrom  offset in the first file before which events only update GTID tracking (used to learn the GTID
 *                  set at a mid-file position on MySQL by reading the file from its start)
 */
public record StartPoint(Position position, long nextSeq, boolean byGtid, long emitFrom, String origin) {
}
