package io.mysync.reader.capture;

import com.github.shyiko.mysql.binlog.event.EventHeaderV4;
import com.github.shyiko.mysql.binlog.event.GtidEventData;
import com.github.shyiko.mysql.binlog.event.GtidTaggedEventData;
import com.github.shyiko.mysql.binlog.event.MariadbGtidEventData;
import com.google.protobuf.ByteString;
import io.mysync.common.position.Position;
import io.mysync.reader.source.ServerInfo;

/**
 * Where the reader is in the binlog, transaction by transaction: the file, the executed GTID set, and the
 * transaction being read (its GTID, where it began, when it committed, whether a BEGIN opened it). Knows nothing of
 * rows; the handler passes it rotations, GTID events and BEGIN, and tells it where each transaction ended.
 */
final class TransactionBoundaries {

    private final ServerInfo server;
    private final GtidTracker gtids;
    private String file;
    private String gtid = "";
    private long start;
    private long commitTimeMs;
    private boolean open;
    /** The transaction's GTID and id, and the file name, as UTF-8; null until an event needs them. */
    private ByteString gtidUtf8;
    private ByteString idUtf8;
    private ByteString fileUtf8;

    TransactionBoundaries(ServerInfo server, Position start) {
        this.server = server;
        this.gtids = new GtidTracker(server.flavor(), start.gtidSet());
        this.file = start.binlogFile();
    }

    /** The binlog continues in {@code next}. */
    void rotate(String next) {
        file = next;
        fileUtf8 = null;
        idUtf8 = null;
    }

    /**
     * A file's set of GTIDs executed before it (MySQL): taken while the reader still skips towards its start, or
     * when it knows no GTIDs yet.
     */
    void previousGtids(String set, boolean skipping) {
        if (skipping || gtids.isEmpty()) {
            gtids.reset(set);
        }
    }

    /** A MySQL GTID event starts a transaction, dated by its original commit time where the server records one. */
    void gtid(EventHeaderV4 header, GtidEventData data) {
        long micros = data.getOriginalCommitTimestamp();
        start(header.getPosition(), data.getGtid(), micros > 0 ? micros / 1000 : header.getTimestamp(), false);
    }

    /** A tagged MySQL GTID event (8.3+, {@code uuid:tag:n}) starts a transaction the same way. */
    void gtid(EventHeaderV4 header, GtidTaggedEventData data) {
        long micros = data.getOriginalCommitTimestamp();
        start(header.getPosition(), data.getGtid(), micros > 0 ? micros / 1000 : header.getTimestamp(), false);
    }

    /**
     * A MariaDB GTID event starts a transaction named {@code domain-server-sequence}; a transactional one is open
     * without a BEGIN.
     */
    void gtid(EventHeaderV4 header, MariadbGtidEventData data) {
        boolean standalone = (data.getFlags() & MariadbGtidEventData.FL_STANDALONE) != 0;
        start(header.getPosition(), data.getDomainId() + "-" + header.getServerId() + "-" + data.getSequence(),
                header.getTimestamp(), !standalone);
    }

    private void start(long offset, String id, long commitTime, boolean opens) {
        gtid = id;
        start = offset;
        idUtf8 = null;
        commitTimeMs = commitTime;
        open = opens;
    }

    /** A BEGIN (or XA START); without a GTID the transaction starts and is dated here. */
    void begin(EventHeaderV4 header) {
        if (gtid.isEmpty() || !open) {
            if (gtid.isEmpty()) {
                start = header.getPosition();
                idUtf8 = null;
                commitTimeMs = header.getTimestamp();
            }
            open = true;
        }
    }

    /** The transaction ended (COMMIT, XID, ROLLBACK or a DDL of its own): its GTID counts as executed. */
    void end() {
        gtids.add(gtid);
        gtid = "";
        idUtf8 = null;
        open = false;
    }

    /** Whether a transaction is open, so a statement outside BEGIN .. COMMIT is a transaction of its own. */
    boolean open() {
        return open;
    }

    long commitTimeMs() {
        return commitTimeMs;
    }

    String file() {
        return file;
    }

    /** The point at {@code offset} of the current file, with the GTIDs executed up to the last ended transaction. */
    Position at(long offset) {
        return new Position(file, offset, gtids.toString(), server.serverId(), server.serverUuid());
    }

    ByteString fileUtf8() {
        if (fileUtf8 == null) {
            fileUtf8 = ByteString.copyFromUtf8(file);
        }
        return fileUtf8;
    }

    ByteString gtidUtf8() {
        idUtf8();
        return gtidUtf8;
    }

    /** The transaction's id: its GTID, or {@code file:offset} of its start when the server has none. */
    ByteString idUtf8() {
        if (idUtf8 == null) {
            gtidUtf8 = ByteString.copyFromUtf8(gtid);
            idUtf8 = gtid.isEmpty() ? ByteString.copyFromUtf8(file + ":" + start) : gtidUtf8;
        }
        return idUtf8;
    }
}
