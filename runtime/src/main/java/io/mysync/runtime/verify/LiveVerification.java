package io.mysync.runtime.verify;

import io.mysync.common.error.UsageException;

import io.mysync.events.v1.ChangeEvent;
import io.mysync.common.position.Position;
import io.mysync.common.sql.RowConverter;
import io.mysync.common.sql.SignalTable;
import io.mysync.common.sql.TableShape;
import io.mysync.common.sql.TableShapes;
import io.mysync.common.sql.UnchunkableTableException;
import io.mysync.config.model.DocumentShape;
import io.mysync.config.model.MySyncConfig;
import io.mysync.config.model.SourceConfig;
import io.mysync.reader.ha.SharedCheckpoint;
import io.mysync.reader.source.PrimaryFinder;
import io.mysync.writer.api.RowVerifier;
import io.mysync.writer.SinkFactories;
import io.mysync.writer.api.SinkFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code mysync verify}: compares the source with each store of a running pipeline, row by row. A row that differs
 * may only not be applied yet, so it is checked again once the sink has applied everything the source had committed
 * when the row was read; it is reported only if the store still differs while the source row stayed the same. A row
 * that keeps changing through every round is reported as unsettled, not as a difference. With {@code repair}, the
 * reader re-emits exactly the rows that differ (a backfill of their keys) and they are compared once more.
 */
public final class LiveVerification {

    /** What to compare and how fast. */
    public record Options(List<String> tables, List<String> sinks, double samplePercent, long rowsPerSecond,
                          Duration settleTimeout, int rounds, boolean repair) {
    }

    /** A row whose store copy differs from the source after the sink caught up past it. */
    public record Difference(String sink, String table, String key, String location, String difference,
                             ChangeEvent row) {
    }

    /** One table in one store; {@code repaired}: differences {@code --repair} fixed (no longer in differences). */
    public record TableResult(String sink, String table, long rowsChecked, long rowsRechecked,
                              List<Difference> differences, List<Difference> repaired, List<String> unsettled,
                              String skipped) {
    }

    private static final int BATCH = 500;

    private final MySyncConfig config;
    private final Options options;
    private final Consumer<String> progress;
    /** Captured tables verify cannot read row by row (no key), with the reason. */
    private final Map<String, String> unreadable = new LinkedHashMap<>();
    /** The server verify reads, found when it runs. */
    private SourceConfig primary;

    public LiveVerification(MySyncConfig config, Options options, Consumer<String> progress) {
        this.config = config;
        this.options = options;
        this.progress = progress;
    }

    /** The dump's connection settings, so rows read here are the rows the dump and the backfill send. */
    private Connection connect() throws SQLException {
        return DriverManager.getConnection(primary.jdbcUrl() + RowConverter.JDBC_OPTIONS, primary.user(),
                primary.password());
    }

    public List<TableResult> run() throws Exception {
        List<TableResult> results = new ArrayList<>();
        primary = PrimaryFinder.find(config.source());
        try (Connection db = connect();
             Admin admin = Admin.create(config.kafka().clients().admin(Map.of()))) {
            List<TableShape> tables = tables(db);
            for (SinkFactory factory : SinkFactories.all()) {
                if (!factory.configured(config) || !options.sinks().isEmpty()
                        && !options.sinks().contains(factory.name())) {
                    continue;
                }
                Optional<RowVerifier> verifier = factory.verifier(config);
                if (verifier.isEmpty()) {
                    results.add(new TableResult(factory.name(), "*", 0, 0, List.of(), List.of(), List.of(),
                            "verify cannot compare " + factory.name() + " yet"));
                    continue;
                }
                try (RowVerifier store = verifier.get()) {
                    unreadable.forEach((table, why) -> {
                        String[] dt = table.split("\\.", 2);
                        if (store.maps(dt[0], dt[1])) {
                            results.add(new TableResult(factory.name(), table, 0, 0, List.of(), List.of(), List.of(),
                                    "skipped: " + why));
                        }
                    });
                    for (TableShape shape : tables) {
                        if (store.maps(shape.database(), shape.table())) {
                            results.add(verify(db, admin, factory.name(), store, new SourceTable(config.source().id(),
                                    shape)));
                        }
                    }
                }
            }
        }
        return results;
    }

    private List<TableShape> tables(Connection db) throws SQLException {
        TableShapes shapes = new TableShapes(db);
        List<TableShape> out = new ArrayList<>();
        for (String name : shapes.allTables()) {
            String[] dt = name.split("\\.", 2);
            boolean asked = options.tables().isEmpty() || options.tables().contains(name);
            if (asked && config.captures(dt[0], dt[1])) {
                try {
                    shapes.read(dt[0], dt[1]).ifPresent(out::add);
                } catch (UnchunkableTableException e) {
                    unreadable.put(name, "it has no primary key");
                }
            }
        }
        for (String asked : options.tables()) {
            if (out.stream().noneMatch(t -> t.name().equals(asked)) && !unreadable.containsKey(asked)) {
                throw new UsageException("--tables " + asked + ": no such table is captured by "
                        + config.file() + " (give DATABASE.TABLE as the source names it)");
            }
        }
        return out;
    }

    private TableResult verify(Connection db, Admin admin, String sink, RowVerifier rows, SourceTable table)
            throws Exception {
        String name = table.shape().name();
        String unverifiable = table.unverifiable();
        if (unverifiable != null) {
            return new TableResult(sink, name, 0, 0, List.of(), List.of(), List.of(), "skipped: " + unverifiable);
        }
        Optional<DocumentShape> joined = config.mappingOf(table.shape().database(), table.shape().table())
                .map(m -> m.document(sink)).filter(DocumentShape::joins);
        if (joined.isEmpty()) {
            return verify(db, admin, sink, rows, table, name);
        }
        try (JoinedDocumentVerifier documents = new JoinedDocumentVerifier(rows, new JoinedSourceRows(
                connect(), sink, joined.get()))) {
            return verify(db, admin, sink, documents, table, name);
        }
    }

    private TableResult verify(Connection db, Admin admin, String sink, RowVerifier store, SourceTable table,
                               String name) throws Exception {
        long[] checked = {0};
        List<ChangeEvent> suspects = new ArrayList<>();
        List<ChangeEvent> batch = new ArrayList<>(BATCH);
        long started = System.nanoTime();
        table.forEachSampled(db, options.samplePercent(), row -> {
            batch.add(row);
            if (batch.size() == BATCH) {
                checked[0] += compare(store, batch, suspects);
                throttle(checked[0], started);
            }
        });
        checked[0] += compare(store, batch, suspects);
        progress.accept(sink + " " + name + ": " + checked[0] + " rows compared, " + suspects.size()
                + " differ for now; checking those again once " + sink + " has caught up");
        return recheck(db, admin, sink, store, table, checked[0], suspects);
    }

    /** @return the rows compared; those that differ are added to {@code suspects} */
    private static int compare(RowVerifier store, List<ChangeEvent> batch, List<ChangeEvent> suspects) {
        List<String> differences = store.differences(batch);
        for (int i = 0; i < batch.size(); i++) {
            if (differences.get(i) != null) {
                suspects.add(batch.get(i));
            }
        }
        int size = batch.size();
        batch.clear();
        return size;
    }

    private void throttle(long rows, long startedNanos) {
        if (options.rowsPerSecond() <= 0) {
            return;
        }
        long due = startedNanos + rows * 1_000_000_000L / options.rowsPerSecond();
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The suspects compared again over {@link Recheck}'s rounds; the confirmed ones repaired when asked. */
    private TableResult recheck(Connection db, Admin admin, String sink, RowVerifier store, SourceTable table,
                                long checked, List<ChangeEvent> suspects) throws Exception {
        Recheck.Outcome outcome = Recheck.run(options.rounds(), store, suspects, row -> table.reread(db, row),
                () -> awaitApplied(db, admin, sink));
        List<Difference> confirmed = outcome.confirmed().stream().map(c -> new Difference(sink, table.shape().name(),
                table.keyText(c.row()), store.locationOf(c.row()), c.difference(), c.row())).toList();
        long rechecked = outcome.rechecked();
        List<String> unsettled = outcome.unsettled().stream().map(table::keyText).toList();
        List<Difference> repaired = List.of();
        if (options.repair() && !confirmed.isEmpty()) {
            List<Difference> remaining = repair(db, admin, sink, store, table, confirmed);
            repaired = confirmed.stream().filter(d -> !remaining.contains(d)).toList();
            confirmed = remaining;
        }
        return new TableResult(sink, table.shape().name(), checked, rechecked, confirmed, repaired, unsettled, null);
    }

    /**
     * Asks the reader, through {@code __mysync.signal}, to read exactly these rows between watermarks and emit them
     * into the stream with its own next seqs; once the sink applied them, compares them again.
     *
     * @return the differences that remain
     */
    private List<Difference> repair(Connection db, Admin admin, String sink, RowVerifier store, SourceTable table,
                                    List<Difference> differences) throws Exception {
        SignalTable signals = new SignalTable(db, config.source().id()).create();
        List<List<String>> batch = new ArrayList<>();
        int length = 0;
        for (Difference difference : differences) {
            List<String> key = table.keyValues(difference.row());
            int keyLength = SignalTable.keyText(key).length() + 1;
            if (!batch.isEmpty() && length + keyLength > SignalTable.VALUE_LENGTH - 60) {
                askForRepair(signals, table, batch);
                batch = new ArrayList<>();
                length = 0;
            }
            batch.add(key);
            length += keyLength;
        }
        askForRepair(signals, table, batch);
        awaitApplied(db, admin, sink);
        List<ChangeEvent> rows = new ArrayList<>();
        for (Difference difference : differences) {
            rows.add(table.reread(db, difference.row()));
        }
        List<String> after = store.differences(rows);
        List<Difference> remaining = new ArrayList<>();
        for (int i = 0; i < differences.size(); i++) {
            if (after.get(i) != null) {
                remaining.add(differences.get(i));
            }
        }
        return remaining;
    }

    private void askForRepair(SignalTable signals, SourceTable table, List<List<String>> keys) throws Exception {
        String request = "repair-" + UUID.randomUUID().toString().substring(0, 8);
        signals.write(SignalTable.REPAIR, table.shape().name(), SignalTable.repairValue(request, keys));
        progress.accept("asked the reader to repair " + keys.size() + " row(s) of " + table.shape().name()
                + " (request " + request + ")");
        long deadline = System.nanoTime() + options.settleTimeout().toNanos();
        while (true) {
            String done = signals.read(SignalTable.DONE).orElse("");
            if (done.startsWith(request + " ok")) {
                return;
            }
            if (done.startsWith(request + " failed")) {
                throw new IllegalStateException("the reader refused the repair of " + table.shape().name() + ": "
                        + done.substring((request + " failed").length()).trim());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the reader did not answer the repair request " + request + " within "
                        + options.settleTimeout().toSeconds() + " s (--settle-timeout): is a reader of source "
                        + config.source().id() + " running?");
            }
            Thread.sleep(200);
        }
    }

    /** Waits until the reader's checkpoint passed the source's end as of now, then the sink's group past it too. */
    private void awaitApplied(Connection db, Admin admin, String sink) throws Exception {
        Position end = CatchUp.sourceEnd(db);
        long deadline = System.nanoTime() + options.settleTimeout().toNanos();
        try (SharedCheckpoint checkpoints = SharedCheckpoint.open(config)) {
            CatchUp.awaitCheckpoint(checkpoints, config.source().id(), end, () -> null, deadline);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("the reader did not reach the source's end " + end + " within "
                    + options.settleTimeout().toSeconds() + " s (--settle-timeout): is it running?", e);
        }
        if (config.joinsDocuments(sink)) {
            CatchUp.awaitJoins(admin, config, deadline);
        }
        Map<TopicPartition, Long> published = CatchUp.endOffsets(admin, config);
        String group = config.writer().groupOf(config.source().id(), sink);
        while (CatchUp.behind(admin, group, published) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the " + sink + " writers did not apply what the reader published "
                        + "within " + options.settleTimeout().toSeconds() + " s (--settle-timeout): are they "
                        + "running? (mysync status shows their lag)");
            }
            Thread.sleep(100);
        }
    }
}
