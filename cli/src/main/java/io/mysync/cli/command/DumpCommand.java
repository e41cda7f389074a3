package io.mysync.cli.command;

import io.mysync.cli.output.ProgressBar;
import io.mysync.cli.dump.DumpProgress;
import io.mysync.cli.dump.DumpReport;
import io.mysync.config.model.DumpConfig;
import io.mysync.config.model.MySyncConfig;
import io.mysync.dump.DumpJob;
import io.mysync.dump.DumpOptions;
import io.mysync.dump.DumpOutputs;
import io.mysync.dump.DumpResult;
import io.mysync.reader.ha.SharedCheckpoint;
import io.mysync.reader.publish.KafkaProducerSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mysync dump}: the initial load, handing its position over to the reader. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        description = {"Load the mapped tables' current rows into the stream's topics (SNAPSHOT events), chunk by "
                + "chunk inside consistent snapshots, without a global read lock; then set the reader's checkpoint "
                + "to the snapshot's binlog position, so the stream continues from there with no gap.",
                "An interrupted dump resumes where it stopped when run again. With a reader of the source running (or "
                        + "--online), the reader backfills the tables beside the stream instead, without stopping."})
public final class DumpCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--tables", split = ",", paramLabel = "DB.TABLE",
            description = "Only these tables (comma-separated); default: every table a mapping captures.")
    List<String> tables = List.of();

    @Option(names = "--dry-run", description = "Print the plan (tables, chunk keys, chunks, estimated rows) and exit.")
    boolean dryRun;

    @Option(names = "--restart", description = "Forget an unfinished earlier dump of this source and start over.")
    boolean restart;

    @Option(names = "--online", description = "Load the tables beside the running stream: the reader backfills them "
            + "with watermarked chunks (chosen by itself when a reader is running).")
    boolean online;

    @Option(names = "--workers", paramLabel = "N", description = "Chunks read at once (default: dump.workers).")
    Integer workers;

    @Option(names = "--chunk-rows", paramLabel = "N", description = "Rows per chunk (default: dump.chunk_rows).")
    Integer chunkRows;

    @Option(names = "--throttle", paramLabel = "ROWS_PER_S",
            description = "At most this many rows per second over all workers (default: dump.rows_per_second).")
    Long throttle;

    @Override
    public Integer call() throws Exception {
        MySyncConfig loaded = config.load();
        DumpConfig settings = loaded.dump();
        if (workers != null) {
            settings = settings.withWorkers(workers);
        }
        if (chunkRows != null) {
            settings = settings.withChunkRows(chunkRows);
        }
        if (throttle != null) {
            settings = settings.withRowsPerSecond(throttle);
        }
        DumpOptions options = new DumpOptions(new LinkedHashSet<>(tables), restart);
        try (SharedCheckpoint checkpoint = SharedCheckpoint.open(loaded)) {
            DumpJob job = new DumpJob(loaded, settings, new DumpOutputs(KafkaProducerSettings.of(loaded.kafka(),
                    loaded.source().id()), checkpoint), options, new DumpProgress(System.out));
            if (dryRun) {
                DumpReport.plan(System.out, job.dryRun(), settings.workers(), settings.rowsPerSecond());
                return 0;
            }
            if (online || job.readerRunning()) {
                return backfill(job);
            }
            DumpResult result = job.run();
            DumpReport.summary(System.out, result, checkpoint.where());
            return 0;
        }
    }

    private static int backfill(DumpJob job) throws Exception {
        System.out.println("A reader of this source is running: asking it to backfill beside the stream (watermarked "
                + "chunks, no lock; it emits the rows with its own seqs).");
        Map<String, ProgressBar> bars = new HashMap<>();
        Map<String, Long> estimates = new HashMap<>();
        job.tables().forEach(t -> estimates.put(t.name(), Math.max(1, t.estimatedRows())));
        long t0 = System.nanoTime();
        Map<String, Long> rows = job.backfill((table, done) -> bars.computeIfAbsent(table,
                t -> new ProgressBar(System.out, String.format("%-28s", t), estimates.getOrDefault(t, 1L)))
                .update(done));
        bars.forEach((table, bar) -> bar.finish(rows.getOrDefault(table, 0L)));
        DumpReport.backfillSummary(System.out, rows, Duration.ofNanos(System.nanoTime() - t0));
        return 0;
    }
}
