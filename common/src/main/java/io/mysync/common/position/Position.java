package io.mysync.common.position;

import java.util.Objects;

/**
 * A point in a server's binlog between two transactions, and nothing else: what the reader carries beside it (the
 * next seq, the last failover marker, a running backfill, the schema history) is {@link ReaderState}.
 *
 * @param binlogFile     binlog file name, e.g. {@code mysql-bin.000003}
 * @param binlogPosition byte offset of the next transaction in that file
 * @param gtidSet        executed GTID set at this point: MySQL {@code uuid:1-42} or MariaDB {@code 0-1-42};
 *                       empty when the server has no GTIDs
 * @param serverId       {@code server_id} of the server this position belongs to
 * @param serverUuid     {@code server_uuid} (MySQL) or empty (MariaDB has none)
 */
public record Position(String binlogFile, long binlogPosition, String gtidSet, long serverId, String serverUuid) {

    public Position {
        Objects.requireNonNull(binlogFile, "binlogFile");
        gtidSet = gtidSet == null ? "" : gtidSet;
        serverUuid = serverUuid == null ? "" : serverUuid;
        if (binlogPosition < 0) {
            throw new IllegalArgumentException("binlogPosition must be >= 0: " + binlogPosition);
        }
    }

    public boolean hasGtid() {
        return !gtidSet.isEmpty();
    }

    public Position withFilePosition(String file, long position) {
        return new Position(file, position, gtidSet, serverId, serverUuid);
    }

    /**
     * Whether this point is at or after {@code target} in the same server's binlog (file names compare in order,
     * then offsets); positions of different servers do not compare.
     */
    public boolean atOrAfter(Position target) {
        int files = binlogFile.compareTo(target.binlogFile());
        return files > 0 || (files == 0 && binlogPosition >= target.binlogPosition());
    }

    /** Whether this position was taken on the given server: same server_id and, where the server has one, uuid. */
    public boolean isOn(long otherServerId, String otherServerUuid) {
        return serverId == otherServerId && serverUuid.equals(otherServerUuid == null ? "" : otherServerUuid);
    }

    @Override
    public String toString() {
        return binlogFile + ":" + binlogPosition + (hasGtid() ? " gtid=" + gtidSet : "");
    }
}
