package io.mysync.runtime.status;

import io.mysync.runtime.monitor.AlertLevel;
import io.mysync.runtime.verify.CatchUp;
import io.mysync.common.position.Checkpoint;
import io.mysync.common.position.Position;
import io.mysync.config.model.MySyncConfig;
import io.mysync.config.model.SourceConfig;
import io.mysync.reader.ha.ElectionMembers;
import io.mysync.reader.ha.SharedCheckpoint;
import io.mysync.reader.source.PrimaryFinder;
import io.mysync.writer.SinkFactories;
import io.mysync.writer.api.SinkFactory;
import io.mysync.writer.deadletter.DeadLetter;
import io.mysync.writer.deadletter.DeadLetterLog;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds out how a source is doing from the shared state its processes leave behind, without talking to them: the
 * election in ZooKeeper, the checkpoint, the source's end of binlog, each sink's consumer group in Kafka and the
 * dead-letter topic. A part that cannot be reached is reported as critical with the reason.
 */
public final class StatusProbe {

    private final Clock clock;

    public StatusProbe(Clock clock) {
        this.clock = clock;
    }

    public SourceStatus probe(MySyncConfig config) {
        return new SourceStatus(config.source().id(), config.source().toString(), reader(config), sinks(config));
    }

    private ReaderStatus reader(MySyncConfig config) {
        boolean elected = config.reader().ha().enabled();
        List<String> members = List.of();
        List<String> problems = new ArrayList<>();
        if (elected) {
            try {
                members = ElectionMembers.of(config.reader().ha(), config.source().id());
                if (members.isEmpty()) {
                    problems.add("no reader takes part in the election");
                }
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
            }
        }
        Optional<Checkpoint> checkpoint = Optional.empty();
        String where = "";
        try (SharedCheckpoint shared = SharedCheckpoint.open(config)) {
            where = shared.where();
            checkpoint = shared.load(config.source().id());
        } catch (RuntimeException e) {
            problems.add("cannot read the checkpoint: " + e.getMessage());
        }
        Optional<Position> end = Optional.empty();
        try {
            SourceConfig primary = PrimaryFinder.find(config.source());
            try (Connection sql = DriverManager.getConnection(primary.jdbcUrl(), primary.user(), primary.password())) {
                end = Optional.of(CatchUp.sourceEnd(sql));
            }
        } catch (Exception e) {
            problems.add("cannot reach the source " + config.source() + ": " + e.getMessage());
        }
        double lag = lagSeconds(checkpoint, end);
        AlertLevel level = problems.isEmpty() ? AlertLevel.of(lag, config.monitoring().sourceLag())
                : AlertLevel.CRITICAL;
        if (checkpoint.isEmpty() && problems.isEmpty()) {
            level = AlertLevel.WARNING;
            problems.add("no checkpoint yet: the reader has not run (or has read nothing)");
        }
        return new ReaderStatus(elected, members, checkpoint, where, end, lag, level, String.join("; ", problems));
    }

    /** 0 when the checkpoint is at the source's end; else the age of its last transaction (or of the save). */
    private double lagSeconds(Optional<Checkpoint> checkpoint, Optional<Position> end) {
        if (checkpoint.isEmpty() || end.isEmpty()) {
            return Double.NaN;
        }
        Checkpoint c = checkpoint.get();
        if (c.position().atOrAfter(end.get())) {
            return 0;
        }
        Instant last = c.knowsLastCommit() ? c.lastCommit() : c.savedAt();
        return Math.max(0, clock.millis() - last.toEpochMilli()) / 1000.0;
    }

    private List<SinkStatus> sinks(MySyncConfig config) {
        List<SinkStatus> sinks = new ArrayList<>();
        List<DeadLetter> letters = List.of();
        String letterProblem = "";
        DeadLetterLog log = null;
        try {
            log = new DeadLetterLog(config);
            letters = log.readAll();
        } catch (RuntimeException e) {
            letterProblem = "cannot read the dead letters: " + e.getMessage();
        }
        GroupLag lags = null;
        String kafkaProblem = "";
        try {
            lags = new GroupLag(config);
        } catch (Exception e) {
            kafkaProblem = "cannot read from Kafka at " + config.kafka().bootstrap() + ": " + e.getMessage();
        }
        try {
            for (SinkFactory factory : SinkFactories.all()) {
                if (factory.configured(config)) {
                    sinks.add(sink(config, factory.name(), lags, kafkaProblem, log, letters, letterProblem));
                }
            }
        } finally {
            if (lags != null) {
                lags.close();
            }
            if (log != null) {
                log.close();
            }
        }
        return sinks;
    }

    private SinkStatus sink(MySyncConfig config, String sink, GroupLag lags, String kafkaProblem, DeadLetterLog log,
                            List<DeadLetter> letters, String letterProblem) {
        String group = config.writer().groupOf(config.source().id(), sink);
        List<String> problems = new ArrayList<>();
        if (!kafkaProblem.isEmpty()) {
            problems.add(kafkaProblem);
        }
        if (!letterProblem.isEmpty()) {
            problems.add(letterProblem);
        }
        GroupLag.Lag lag = new GroupLag.Lag("UNKNOWN", 0, 0, Double.NaN);
        if (lags != null) {
            try {
                lag = lags.of(group, clock.instant());
            } catch (Exception e) {
                problems.add("cannot read the group " + group + ": " + e.getMessage());
            }
        }
        long total = 0;
        long pending = 0;
        if (log != null && letterProblem.isEmpty()) {
            var progress = log.replayProgress(sink);
            for (DeadLetter letter : letters) {
                if (letter.sink().equals(sink)) {
                    total++;
                    pending += progress.covers(letter) ? 0 : 1;
                }
            }
        }
        AlertLevel level = !problems.isEmpty() ? AlertLevel.CRITICAL
                : AlertLevel.of(lag.seconds(), config.monitoring().sinkLag(sink));
        if (level == AlertLevel.OK && pending > 0) {
            level = AlertLevel.WARNING; // rows the store rejected differ from the source until replayed
            problems.add(pending + " dead letter(s) pending: see mysync dlq list");
        }
        if (level == AlertLevel.OK && lag.members() == 0 && lag.records() > 0) {
            level = AlertLevel.WARNING;
            problems.add("no writer is consuming and events are waiting");
        }
        return new SinkStatus(sink, group, lag.state(), lag.members(), lag.records(), lag.seconds(), total, pending,
                level, String.join("; ", problems));
    }
}
