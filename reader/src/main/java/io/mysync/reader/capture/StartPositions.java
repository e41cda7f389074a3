package io.mysync.reader.capture;

import io.mysync.common.position.Checkpoint;
import io.mysync.common.position.Anchor;
import io.mysync.common.position.Position;
import io.mysync.common.position.ReaderState;
import io.mysync.config.model.GtidMode;
import io.mysync.config.model.SourceConfig;
import io.mysync.reader.source.PreflightProblem;
import io.mysync.common.sql.ServerFlavor;
import io.mysync.common.sql.SourceDialect;
import io.mysync.reader.source.ServerInfo;
import io.mysync.reader.source.SourceConnection;
import io.mysync.reader.source.SourceRefusedException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Decides where a session starts: after the checkpoint, or where {@code source.start} says. */
public final class StartPositions {

    private StartPositions() {
    }

    public static StartPoint resolve(SourceConfig config, SourceConnection sql, ServerInfo server,
                                     Optional<Checkpoint> checkpoint) throws SQLException {
        if (config.gtid() == GtidMode.ON && !server.gtidEnabled()) {
            throw refuse(config, "gtid_mode", "OFF while source.gtid is on",
                    "SET GLOBAL enforce_gtid_consistency=ON; then step gtid_mode through OFF_PERMISSIVE, "
                            + "ON_PERMISSIVE to ON, or set source.gtid: auto");
        }
        List<List<String>> binlogs = sql.rows(server.dialect().binaryLogsStatement());
        List<String> files = binlogs.stream().map(r -> r.get(0)).toList();
        if (checkpoint.isPresent()) {
            Position p = checkpoint.get().position();
            if (!p.isOn(server.serverId(), server.serverUuid())) {
                ReaderState was = checkpoint.get().state();
                return ServerSwitch.resume(config, sql, server, checkpoint.get(), binlogs)
                        .withBackfill(was.backfill()).withSchemaHistory(was.schemaHistory());
            }
            return fromCheckpoint(config, checkpoint.get(), files);
        }
        return switch (config.start()) {
            case LATEST -> latest(sql, server);
            case EARLIEST -> at(sql, server, files.get(0), 4, "the oldest binlog " + files.get(0));
            case POSITION -> {
                if (!files.contains(config.startFile())) {
                    throw refuse(config, "source.start_file", config.startFile() + " (not on the server)",
                            "name one of the server's binlogs: " + String.join(", ", files));
                }
                yield at(sql, server, config.startFile(), config.startPosition(),
                        "source.start_position " + config.startFile() + ":" + config.startPosition());
            }
            case GTID -> new StartPoint(new ReaderState(new Position("", 4, config.startGtid(), server.serverId(),
                    server.serverUuid()), 1), true, 0, "source.start_gtid " + config.startGtid());
        };
    }

    private static StartPoint fromCheckpoint(SourceConfig config, Checkpoint cp, List<String> files) {
        Position p = cp.position();
        if (!p.binlogFile().isEmpty() && !files.contains(p.binlogFile())) {
            throw refuse(config, "checkpoint binlog " + p.binlogFile(), "purged from the server (it keeps "
                    + (files.isEmpty() ? "none" : files.get(0) + " .. " + files.get(files.size() - 1)) + ")",
                    "changes after the checkpoint are gone from the binlog: re-load the tables with the dump "
                            + "tool (./mysync dump), which hands a fresh position to the reader");
        }
        if (!cp.state().backfill().isEmpty()) {
            // rows of the backfill's chunks emitted after the checkpoint are not emitted again on the way: what
            // follows gets seqs above anything the first pass may have published, so no store takes it for stale
            return new StartPoint(cp.state().at(p, cp.nextSeq() + Checkpoint.SEQ_GAP), p.binlogFile().isEmpty(), 0,
                    "checkpoint " + p + " with a backfill running (seqs continue from checkpoint + "
                            + Checkpoint.SEQ_GAP + ")");
        }
        return new StartPoint(cp.state(), p.binlogFile().isEmpty(), 0, p.binlogFile().isEmpty()
                ? "the checkpoint's GTID set " + p.gtidSet() : "checkpoint " + p);
    }

    private static StartPoint latest(SourceConnection sql, ServerInfo server) throws SQLException {
        SourceDialect.BinlogStatus status = server.dialect().binlogStatus(sql.jdbc());
        String file = status.file();
        long pos = status.position();
        if (server.flavor() == ServerFlavor.MYSQL) {
            return new StartPoint(new ReaderState(new Position(file, pos, status.executedGtids(), server.serverId(),
                    server.serverUuid()), 1), false, 0, "the end of the binlog " + file + ":" + pos);
        }
        return at(sql, server, file, pos, "the end of the binlog " + file + ":" + pos);
    }

    private static StartPoint at(SourceConnection sql, ServerInfo server, String file, long pos, String origin)
            throws SQLException {
        return at(sql, server, file, pos, 1, null, origin);
    }

    /** Starts at {@code file:pos}, numbering from {@code nextSeq}; {@code anchor} is the last marker before it. */
    static StartPoint at(SourceConnection sql, ServerInfo server, String file, long pos, long nextSeq,
                         Anchor anchor, String origin) throws SQLException {
        if (server.flavor() == ServerFlavor.MARIADB) {
            String gtid = sql.string("SELECT BINLOG_GTID_POS('" + file.replace("'", "") + "', " + pos + ")")
                    .orElse("");
            return new StartPoint(state(file, pos, gtid, server, nextSeq, anchor), false, 0, origin);
        }
        if (server.gtidEnabled() && pos > 4) {
            // read the file from its start to learn the executed GTID set at pos, emitting nothing before pos
            return new StartPoint(state(file, 4, "", server, nextSeq, anchor), false, pos, origin);
        }
        return new StartPoint(state(file, pos, "", server, nextSeq, anchor), false, 0, origin);
    }

    private static ReaderState state(String file, long pos, String gtid, ServerInfo server, long nextSeq,
                                     Anchor anchor) {
        return new ReaderState(new Position(file, pos, gtid, server.serverId(), server.serverUuid()), nextSeq, anchor,
                "", "");
    }

    static SourceRefusedException refuse(SourceConfig config, String what, String found, String fix) {
        return new SourceRefusedException(config.toString(), List.of(new PreflightProblem(what, found, fix)));
    }
}
