package io.mysync.reader.capture;

import io.mysync.common.position.Anchor;
import io.mysync.common.position.Checkpoint;
import io.mysync.common.position.Position;
import io.mysync.config.model.GtidMode;
import io.mysync.config.model.SourceConfig;
import io.mysync.reader.failover.AnchorSearch;
import io.mysync.reader.failover.BinlogFiles;
import io.mysync.reader.failover.BinlogFiles.BinlogFile;
import io.mysync.reader.failover.GtidCoverage;
import io.mysync.reader.source.PreflightProblem;
import io.mysync.reader.source.ServerInfo;
import io.mysync.reader.source.SourceConnection;
import io.mysync.reader.source.SourceRefusedException;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resumes on a server other than the one the checkpoint was taken on (told apart by {@code server_id} and
 * {@code server_uuid}, never by binlog file names, which repeat across servers): by the checkpoint's GTID set where
 * the reader resumes by GTID, else right after the last failover marker the reader passed, numbering the replayed
 * rows with the seqs they had, so stores discard them.
 */
final class ServerSwitch {

    private static final Logger LOG = LoggerFactory.getLogger(ServerSwitch.class);

    private ServerSwitch() {
    }

    static StartPoint resume(SourceConfig config, SourceConnection sql, ServerInfo server, Checkpoint cp,
                             List<List<String>> binlogs) throws SQLException {
        Position p = cp.position();
        String was = describe(p.serverId(), p.serverUuid());
        String now = describe(server.serverId(), server.serverUuid());
        LOG.warn("Server change: the checkpoint was taken on {}, {} is {}; finding the checkpoint's place on it",
                was, config, now);
        if (config.gtid() != GtidMode.OFF && server.gtidEnabled() && p.hasGtid()) {
            List<PreflightProblem> problems = GtidCoverage.check(sql, server, p.gtidSet());
            if (!problems.isEmpty()) {
                throw new SourceRefusedException(config.toString(), problems);
            }
            return new StartPoint(cp.state().at(new Position("", 4, p.gtidSet(), server.serverId(),
                    server.serverUuid()), cp.nextSeq()), true, 0,
                    "the checkpoint's GTID set " + p.gtidSet() + " after a switch from " + was);
        }
        List<BinlogFile> files = binlogs.stream()
                .map(r -> new BinlogFile(r.get(0), Long.parseLong(r.get(1)))).toList();
        Anchor anchor = cp.state().anchor();
        Optional<StartPoint> afterAnchor = anchor == null ? Optional.empty()
                : afterAnchor(config, sql, server, cp, files, was);
        if (afterAnchor.isPresent()) {
            return afterAnchor.get();
        }
        if (!config.rewindTo().isBlank()) {
            return rewind(config, sql, server, cp, files, was);
        }
        if (anchor != null) {
            String kept = files.isEmpty() ? "none" : files.get(0).name() + " .. " + files.get(files.size() - 1).name();
            throw StartPositions.refuse(config, "failover marker " + Long.toHexString(anchor.marker()),
                    "in none of the new server's binlogs (" + kept + "): it lacks the changes the reader "
                            + "passed last, or the binlogs holding them were purged",
                    "point source.url at the server that has them, or re-load the tables with the dump tool "
                            + "(./mysync dump), which hands a fresh position to the reader; or, knowing when the "
                            + "old primary failed, set source.rewind_to to a time a little before it (see "
                            + "docs/high-availability.md: changes from then on are published again)");
        }
        throw StartPositions.refuse(config, "the server", "not the one the checkpoint was taken on (" + was + " -> "
                        + now + ") and neither a GTID set nor a failover marker bridges the two",
                "re-load the tables with the dump tool (./mysync dump), or set source.rewind_to to a time a little "
                        + "before the old primary failed (see docs/high-availability.md); to follow the next switch, enable GTIDs "
                        + "or let the reader write failover markers (source.anchor, with the grants it names)");
    }

    private static Optional<StartPoint> afterAnchor(SourceConfig config, SourceConnection sql, ServerInfo server,
                                                    Checkpoint cp, List<BinlogFile> files, String was)
            throws SQLException {
        Anchor anchor = cp.state().anchor();
        Optional<AnchorSearch.Found> found;
        try {
            found = new AnchorSearch(config, server).find(anchor.marker(), files);
        } catch (IOException | TimeoutException e) {
            throw new SQLException("searching the new server's binlog for the failover marker failed: "
                    + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        AnchorSearch.Found at = found.get();
        long replayed = cp.nextSeq() - anchor.nextSeq();
        LOG.warn("Found {} in {}:{} after reading {} binlog file(s); resuming there with seq {}: the {} events up "
                        + "to seq {} are replays stores discard", anchor, at.file(), at.position(), at.filesRead(),
                anchor.nextSeq(), replayed, cp.nextSeq() - 1);
        return Optional.of(StartPositions.at(sql, server, at.file(), at.position(), anchor.nextSeq(), anchor,
                "failover marker " + Long.toHexString(anchor.marker()) + " at " + at.file() + ":" + at.position()
                        + " after a switch from " + was).withReplayUntil(cp.nextSeq()));
    }

    /** The explicit override: re-publish every change committed since {@code source.rewind_to}, with new seqs. */
    private static StartPoint rewind(SourceConfig config, SourceConnection sql, ServerInfo server, Checkpoint cp,
                                     List<BinlogFile> files, String was) throws SQLException {
        Instant from = Instant.parse(config.rewindTo()).truncatedTo(ChronoUnit.SECONDS);
        Optional<BinlogFile> file;
        try {
            file = new BinlogFiles(config).newestStartedBefore(files, from);
        } catch (IOException | TimeoutException e) {
            throw new SQLException("reading when the new server's binlogs begin failed: " + e.getMessage(), e);
        }
        if (file.isEmpty()) {
            throw StartPositions.refuse(config, "source.rewind_to " + config.rewindTo(), "earlier than every binlog "
                            + "the new server keeps (" + (files.isEmpty() ? "none" : files.get(0).name()) + " begins later)",
                    "re-load the tables with the dump tool (./mysync dump)");
        }
        long nextSeq = cp.nextSeq() + Checkpoint.SEQ_GAP;
        LOG.warn("Rewinding on the new server by source.rewind_to: reading {} from its start and publishing every "
                + "transaction committed from {} on with seqs from {} (the checkpoint's next seq {} plus {}, above "
                + "any event the old primary's reader may have had in flight). Remove source.rewind_to once this "
                + "reader runs.", file.get().name(), from, nextSeq, cp.nextSeq(), Checkpoint.SEQ_GAP);
        StartPoint at = StartPositions.at(sql, server, file.get().name(), 4, nextSeq, null,
                "a rewind to " + from + " (source.rewind_to) after a switch from " + was);
        return at.withEmitFromTime(from.toEpochMilli());
    }

    private static String describe(long serverId, String uuid) {
        return "server_id " + serverId + (uuid.isEmpty() ? "" : " (server_uuid " + uuid + ")");
    }
}
