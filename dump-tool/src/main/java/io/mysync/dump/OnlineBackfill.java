package io.mysync.dump;

import io.mysync.common.sql.SignalTable;
import io.mysync.common.sql.TableShape;
import io.mysync.config.model.MySyncConfig;
import io.mysync.dump.snapshot.SnapshotSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads tables while the stream runs: asks the running reader, through {@code __mysync.signal}, to backfill each
 * table with watermarked chunks (the reader emits the rows in its stream, with its seqs, dropping those changed
 * inside a chunk's window), and follows its progress until it reports the end.
 */
final class OnlineBackfill {

    private static final Logger LOG = LoggerFactory.getLogger(OnlineBackfill.class);
    /** How long the reader may show no progress before the dump gives up waiting (the request stays). */
    private static final Duration STALLED = Duration.ofMinutes(5);

    private OnlineBackfill() {
    }

    /** @param progress told (table, rows so far) as the reader reports */
    static Map<String, Long> run(MySyncConfig config, List<TableShape> tables, BiConsumer<String, Long> progress)
            throws SQLException, InterruptedException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection c = SnapshotSession.connect(config.source())) {
            SignalTable signals = new SignalTable(c, config.source().id()).create();
            for (TableShape table : tables) {
                String request = UUID.randomUUID().toString();
                signals.write(SignalTable.BACKFILL, table.name(), request);
                LOG.info("Asked the running reader of source {} to backfill {} (request {})", config.source().id(),
                        table.name(), request);
                rows.put(table.name(), await(signals, table.name(), request, progress));
            }
        }
        return rows;
    }

    private static long await(SignalTable signals, String table, String request, BiConsumer<String, Long> progress)
            throws SQLException, InterruptedException {
        long lastRows = -1;
        long lastChange = System.nanoTime();
        while (true) {
            Optional<String> done = signals.read(SignalTable.DONE).filter(v -> v.startsWith(request + " "));
            if (done.isPresent()) {
                String[] f = done.get().split(" ", 3);
                if (f[1].equals("ok")) {
                    long total = Long.parseLong(f[2]);
                    progress.accept(table, total);
                    return total;
                }
                throw new DumpRefusedException("the reader's backfill of " + table + " failed: " + f[2],
                        "see the reader's log, fix the cause and run the dump again");
            }
            long rows = signals.read(SignalTable.PROGRESS).filter(v -> v.startsWith(request + " "))
                    .map(v -> Long.parseLong(v.substring(request.length() + 1))).orElse(0L);
            if (rows != lastRows) {
                lastRows = rows;
                lastChange = System.nanoTime();
                progress.accept(table, rows);
            } else if (System.nanoTime() - lastChange > STALLED.toNanos()) {
                throw new DumpRefusedException("the reader has not moved the backfill of " + table + " for "
                        + STALLED.toMinutes() + " minutes", "check that a reader of the source runs and keeps up "
                        + "with the binlog (it acts on the request when it reads it); the request stays and a "
                        + "reader that reaches it carries it out");
            }
            Thread.sleep(200);
        }
    }
}
