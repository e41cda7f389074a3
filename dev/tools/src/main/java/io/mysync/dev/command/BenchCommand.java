package io.mysync.dev.command;

import static io.mysync.writer.elasticsearch.ElasticsearchSettings.ELASTICSEARCH;
import static io.mysync.writer.hbase.HBaseSettings.HBASE;

import io.mysync.runtime.Pipeline;
import io.mysync.dev.bench.BareBinlogRead;
import io.mysync.dev.bench.BareSelect;
import io.mysync.dev.bench.BenchTable;
import io.mysync.dev.bench.CpuSplit;
import io.mysync.dev.bench.DecodeCost;
import io.mysync.dev.bench.ElasticsearchCeiling;
import io.mysync.dev.bench.JoinBench;
import io.mysync.dev.bench.HBaseCeiling;
import io.mysync.dev.bench.HeapPeak;
import io.mysync.dev.bench.KafkaCeiling;
import io.mysync.dev.bench.LiveRun;
import io.mysync.dev.bench.ProcessCpu;
import io.mysync.dev.bench.RedisCeiling;
import io.mysync.dev.bench.RedisCpu;
import io.mysync.dev.bench.WriterProcesses;
import io.mysync.dev.bench.WriterTime;
import io.mysync.cli.output.ProgressBar;
import io.mysync.cli.dump.DumpProgress;
import io.mysync.runtime.verify.CatchUp;
import io.mysync.common.kafka.TopicNames;
import io.mysync.common.position.CheckpointStore;
import io.mysync.common.position.Position;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MySyncConfig;
import io.mysync.dump.DumpJob;
import io.mysync.dump.DumpOptions;
import io.mysync.dump.DumpOutputs;
import io.mysync.dump.DumpResult;
import io.mysync.reader.ReaderCheckpoints;
import io.mysync.reader.ha.SharedCheckpoint;
import io.mysync.reader.publish.KafkaProducerSettings;
import io.mysync.sandbox.Sandbox;
import io.mysync.sandbox.server.SqlServer;
import io.mysync.writer.hbase.HBaseSinkFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mysync bench}: throughput, latency and heap of the pipeline on the sandbox's MariaDB. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Load N rows into the sandbox's MariaDB (100-row transactions, single-row updates and deletes, "
                + "one transaction updating every row) and measure the bare binlog client, the reader, the Redis "
                + "writer, commit-to-visible latency at a fixed load and the reader's peak heap.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "1000000", description = "Rows to load (default ${DEFAULT-VALUE})")
    long rows;

    @Option(names = "--rate", defaultValue = "1000", description = "Offered load for the latency run, rows/s "
            + "(default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--seconds", defaultValue = "15", description = "Length of the latency run (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--keep", description = "Leave the sandbox running afterwards")
    boolean keep;

    @Option(names = "--dump", description = "Measure the dump tool instead: its rate into Kafka beside a bare SELECT "
            + "of the same table")
    boolean dump;

    @Option(names = "--joins", description = "Measure joined documents instead: the Elasticsearch writer with one "
            + "nest and one lookup beside plain rows, a referenced row's update reaching 10,000 documents, the join "
            + "state per parent")
    boolean joins;

    @Option(names = "--parents", defaultValue = "20000",
            description = "Parent rows with --joins (default ${DEFAULT-VALUE}; 10,000 of them reference one row)")
    int parents;

    @Option(names = "--workers", defaultValue = "2",
            description = "Dump workers with --dump (default ${DEFAULT-VALUE}: one per core here)")
    int workers;

    @Override
    public Integer call() throws Exception {
        return SandboxSession.run(keep, sandbox -> {
            if (dump) {
                benchDump(sandbox);
            } else if (joins) {
                JoinBench.run(sandbox, parents);
            } else {
                bench(sandbox);
            }
            return 0;
        });
    }

    /** Loads the bench table, then reads it with one bare SELECT and dumps it into Kafka. */
    private void benchDump(Sandbox sandbox) throws Exception {
        SqlServer source = sandbox.mariadb();
        String run = "dumpbench" + System.currentTimeMillis() / 1000;
        String database = "mysync_bench";
        Path dir = sandbox.layout().runDir().resolve("bench").resolve(run);
        try (Connection db = DriverManager.getConnection(source.jdbcUrl(""), "root", SqlServer.PASSWORD)) {
            BenchTable table = new BenchTable(db, database);
            table.create();
            ProgressBar bar = new ProgressBar(System.out, "load  ", rows);
            table.insert(0, rows, 1000, bar, 0);
            bar.finish(rows);
            MySyncConfig config = ConfigLoader.load(writeConfig(dir, sandbox, source, run, database,
                    CatchUp.sourceEnd(db)));
            System.out.println("read   bare SELECT * of the table, one stream...");
            double bare = BareSelect.rowsPerSecond(config.source(), database, BenchTable.TABLE);
            System.out.printf("dump   %d workers into Kafka (acks=all)...%n", workers);
            DumpResult result;
            try (SharedCheckpoint checkpoint = SharedCheckpoint.open(config)) {
                result = new DumpJob(config, config.dump().withWorkers(workers), new DumpOutputs(
                        KafkaProducerSettings.of(config.kafka(), run), checkpoint),
                        new DumpOptions(Set.of(database + "." + BenchTable.TABLE), true),
                        new DumpProgress(System.out)).run();
            }
            double rate = result.rows() / (result.elapsed().toNanos() / 1e9);
            System.out.println();
            System.out.printf("MySync dump benchmark: MariaDB %s, %,d rows x 10 columns, %d workers, %d cores%n",
                    source.name(), rows, workers, Runtime.getRuntime().availableProcessors());
            System.out.println("| measure | figure | target |");
            System.out.println("|---|---|---|");
            System.out.printf("| bare SELECT * of the table, one stream (source ceiling) | %,.0f rows/s | - |%n", bare);
            System.out.printf("| dump into Kafka, acknowledged, plan to hand-over | %,.0f rows/s (%.0f%% of bare "
                    + "SELECT) | >= 100,000 rows/s |%n", rate, 100 * rate / bare);
        }
    }

    private void bench(Sandbox sandbox) throws Exception {
        SqlServer source = sandbox.mariadb();
        String run = "bench" + System.currentTimeMillis() / 1000;
        String database = "mysync_bench";
        Path dir = sandbox.layout().runDir().resolve("bench").resolve(run);
        try (Connection db = DriverManager.getConnection(source.jdbcUrl(""), "root", SqlServer.PASSWORD)) {
            BenchTable table = new BenchTable(db, database);
            table.create();
            Position start = CatchUp.sourceEnd(db);
            ProgressBar bar = new ProgressBar(System.out, "load  ", rows);
            table.insert(0, rows, 100, bar, 0);
            bar.finish(rows);
            long single = table.singleRowChanges(rows, (int) Math.max(1, rows / 20), (int) Math.max(1, rows / 100));
            System.out.printf("load   %,d single-row updates and deletes; one transaction updating every row...%n",
                    single);
            long big = table.updateAllInOneTransaction();
            long events = rows + single + big;
            Position end = CatchUp.sourceEnd(db);

            MySyncConfig config = ConfigLoader.load(writeConfig(dir, sandbox, source, run, database, start));
            // every stage runs warm, as a long-running reader does: each is run once before the measured run, so
            // that JIT compilation (on the same two cores, counted in the process's CPU) is not in the figures
            System.out.printf("read   bare binlog client over %,d row events, twice (warm-up, measured)...%n", events);
            BareBinlogRead.rowsPerSecond(config.source(), start, end, 54099);
            CpuSplit bareSplit = CpuSplit.start(List.of(sandbox.mariadb()));
            double bareCpu0 = ProcessCpu.seconds();
            double bare = BareBinlogRead.rowsPerSecond(config.source(), start, end, 54099);
            double bareCpuMicros = (ProcessCpu.seconds() - bareCpu0) * 1e6 / events;
            CpuSplit.Split bareCpu = bareSplit.stop(events);

            CheckpointStore checkpoints = ReaderCheckpoints.open(config);
            String mode = config.kafka().exactlyOnce() ? "exactly_once" : "at_least_once";
            String otherMode = config.kafka().exactlyOnce() ? "at_least_once" : "exactly_once";
            System.out.println("read   reader binlog -> Kafka with kafka.delivery: " + otherMode + " (warms up)...");
            Path otherFile = dir.resolve(otherMode + ".yaml");
            Files.writeString(otherFile, Files.readString(dir.resolve("mysync.yaml"))
                    .replace("  id: " + run + "\n", "  id: " + run + "-" + otherMode.replace('_', '-') + "\n")
                    .replace("kafka:\n", "kafka:\n  delivery: " + otherMode + "\n"));
            MySyncConfig other = ConfigLoader.load(otherFile);
            long t2 = System.nanoTime();
            try (Pipeline reader = new Pipeline(other, true, Set.of(), false).start()) {
                CatchUp.awaitCheckpoint(ReaderCheckpoints.open(other), other.source().id(), end, reader::fatal,
                        System.nanoTime() + Duration.ofMinutes(30).toNanos());
            }
            double otherRate = events / ((System.nanoTime() - t2) / 1e9);

            System.out.println("read   reader binlog -> Kafka with kafka.delivery: " + mode + " (acknowledged and "
                    + "checkpointed)...");
            HeapPeak.reset();
            CpuSplit readerSplit = CpuSplit.start(List.of(sandbox.kafka(), sandbox.mariadb()));
            double readerCpu0 = ProcessCpu.seconds();
            long t0 = System.nanoTime();
            try (Pipeline reader = new Pipeline(config, true, Set.of(), false).start()) {
                CatchUp.awaitCheckpoint(checkpoints, run, end, reader::fatal,
                        System.nanoTime() + Duration.ofMinutes(30).toNanos());
            }
            double readerRate = events / ((System.nanoTime() - t0) / 1e9);
            double readerCpuMicros = (ProcessCpu.seconds() - readerCpu0) * 1e6 / events;
            long heap = HeapPeak.peakBytes();
            Map<String, CpuSplit.Split> cpu = new LinkedHashMap<>();
            cpu.put("bare binlog client", bareCpu);
            cpu.put("reader", readerSplit.stop(events));

            System.out.printf("kafka  producing %,d events shaped like the bench rows, reader settings...%n", events);
            KafkaCeiling.createTopic(config.kafka(), run + ".ceiling");
            CpuSplit kafkaSplit = CpuSplit.start(List.of(sandbox.kafka()));
            double kafkaCeiling = KafkaCeiling.recordsPerSecond(config.kafka(), run + ".ceiling",
                    events);
            cpu.put("Kafka alone", kafkaSplit.stop(events));
            System.out.println("decode the reader's events with protobuf's parser and with the writers' own...");
            DecodeCost.Result decode = DecodeCost.measure(config.kafka(), new TopicNames(config.kafka()
                    .topicTemplate(), run).topicOf(database, BenchTable.TABLE), 100_000);

            warmUpWriters(dir, checkpoints, end);
            System.out.println("write  writer Kafka -> Redis...");
            RedisCpu redisCpu = new RedisCpu(sandbox.redis().port());
            double redisCpuBefore = redisCpu.seconds();
            CpuSplit redisSplit = CpuSplit.start(List.of(sandbox.redis(), sandbox.kafka()));
            double writerRate = writerRate(config, checkpoints, end, "redis", events);
            cpu.put("Redis writer", redisSplit.stop(events));
            double redisMicrosPerRow = (redisCpu.seconds() - redisCpuBefore) * 1e6 / events;
            System.out.println("write  Redis alone: the same rows as plain pipelined HSETs...");
            CpuSplit redisCeilingSplit = CpuSplit.start(List.of(sandbox.redis()));
            RedisCeiling redisCeiling = RedisCeiling.measure(sandbox.redis().port(), run + ":bench:1",
                    run + ":ceiling:", events, rows, config.writer().batchSize());
            cpu.put("Redis alone", redisCeilingSplit.stop(events));

            List<WriterProcesses> scaling = new ArrayList<>();
            for (int processes = 1; processes <= 2; processes++) {
                System.out.printf("write  writer Kafka -> Redis as %d process(es) of their own...%n", processes);
                Path scaled = dir.resolve("processes-" + processes + ".yaml");
                Files.writeString(scaled, Files.readString(dir.resolve("mysync.yaml"))
                        .replace("writer:\n", "writer:\n  group: \"mysync.{source}.{sink}.p" + processes + "\"\n")
                        .replace(":bench:{id}", ":p" + processes + ":{id}")
                        + "metrics:\n  port: 0\n"); // each process its own free port
                scaling.add(WriterProcesses.run(scaled, ConfigLoader.load(scaled), checkpoints, end, "redis",
                        processes, events));
            }

            System.out.println("write  writer Kafka -> Elasticsearch...");
            CpuSplit esSplit = CpuSplit.start(List.of(sandbox.elasticsearch(), sandbox.kafka()));
            double esRate = writerRate(config, checkpoints, end, "elasticsearch", events);
            cpu.put("Elasticsearch writer", esSplit.stop(events));
            System.out.println("write  Elasticsearch alone: the same documents as raw _bulk requests...");
            ElasticsearchCeiling es = ElasticsearchCeiling.prepare(sandbox.elasticsearch().url(), run + "_bench",
                    run + "_ceiling");
            CpuSplit esCeilingSplit = CpuSplit.start(List.of(sandbox.elasticsearch()));
            double esCeiling = es.docsPerSecond(events, config.sink(ELASTICSEARCH).orElseThrow().bulkActions(),
                    config.writer().threads() * config.sink(ELASTICSEARCH).orElseThrow().concurrentRequests());
            cpu.put("Elasticsearch alone", esCeilingSplit.stop(events));
            System.out.println("write  writer Kafka -> HBase...");
            CpuSplit hbaseSplit = CpuSplit.start(List.of(sandbox.hbase(), sandbox.kafka()));
            double hbaseRate = writerRate(config, checkpoints, end, "hbase", events);
            cpu.put("HBase writer", hbaseSplit.stop(events));
            System.out.println("write  HBase alone: the same rows through a BufferedMutator...");
            double hbaseCeiling;
            double hbaseAsWritten;
            try (org.apache.hadoop.hbase.client.Connection hbase =
                         HBaseSinkFactory.connect(config.sink(HBASE).orElseThrow())) {
                HBaseCeiling ceiling = HBaseCeiling.prepare(hbase, run + "_bench", run + "_ceiling");
                CpuSplit hbaseCeilingSplit = CpuSplit.start(List.of(sandbox.hbase()));
                hbaseCeiling = ceiling.rowsPerSecond(events, rows, config.writer().batchSize(),
                        config.writer().threads());
                cpu.put("HBase alone", hbaseCeilingSplit.stop(events));
                System.out.println("write  HBase alone, each row a family delete and a put as the writer sends...");
                HBaseCeiling asWritten = HBaseCeiling.prepare(hbase, run + "_bench", run + "_ceiling_deletes");
                CpuSplit deletesSplit = CpuSplit.start(List.of(sandbox.hbase()));
                hbaseAsWritten = asWritten.withFamilyDeletes(events, rows, config.writer().batchSize(),
                        config.writer().threads());
                cpu.put("HBase alone, family delete + put", deletesSplit.stop(events));
            }

            List<LiveRun.Visibility> latency = new ArrayList<>();
            LiveRun live = new LiveRun(sandbox, config, database, run, rate, seconds);
            long firstId = 2_000_000_000L;
            for (List<String> sinks : List.of(List.of("redis"), List.of("elasticsearch"), List.of("hbase"),
                    List.of("redis", "elasticsearch", "hbase"))) {
                System.out.printf("live   %,d rows/s for %d s through the reader and the %s writer%s...%n", rate,
                        seconds, String.join(", ", sinks), sinks.size() > 1 ? "s" : "");
                latency.addAll(live.measure(sinks, firstId));
                firstId += (long) rate * seconds;
            }

            System.out.println();
            System.out.printf("MySync benchmark: MariaDB %s, %,d rows x 10 columns, %,d row events, %d cores%n",
                    source.name(), rows, events, Runtime.getRuntime().availableProcessors());
            System.out.println("| measure | figure | target |");
            System.out.println("|---|---|---|");
            System.out.printf("| bare binlog client read, connected as the reader (ssl.mode %s) (ceiling) "
                    + "| %,.0f rows/s | - |%n", config.source().tls().mode().name().toLowerCase(Locale.ROOT), bare);
            System.out.printf("| Kafka produce alone, same settings (ceiling) | %,.0f records/s | - |%n", kafkaCeiling);
            System.out.printf("| reader binlog -> Kafka, committed (%s) | %,.0f rows/s (%.0f%% of Kafka alone, %.0f%% "
                    + "of bare) | >= 80%% of Kafka alone |%n", mode, readerRate, 100 * readerRate / kafkaCeiling,
                    100 * readerRate / bare);
            System.out.printf("| reader CPU per row (bench JVM, all threads) | %.1f us (%.1fx the bare client's %.1f us)"
                    + " | <= 3x |%n", readerCpuMicros, readerCpuMicros / bareCpuMicros, bareCpuMicros);
            double kafkaAloneMicros = cpu.get("Kafka alone").totalMicrosPerRow();
            System.out.printf("| reader's reach on these cores: the bare read %.1f us + Kafka alone %.1f us of CPU per "
                    + "row (all processes, lines below) | at most %.0f%% of Kafka alone, were reading, decoding and "
                    + "sending to cost no more than each alone | - |%n", bareCpu.totalMicrosPerRow(), kafkaAloneMicros,
                    100 * kafkaAloneMicros / (bareCpu.totalMicrosPerRow() + kafkaAloneMicros));
            System.out.printf("| reader with %s, run first (cold: its JIT warm-up included) | %,.0f rows/s (%.0f%% of "
                    + "the warm run) | - |%n", otherMode, otherRate, 100 * otherRate / readerRate);
            System.out.printf("| writer decoding per event, protobuf's ChangeEvent.parseFrom / the writers' "
                    + "ChangeEventParser (%,d events) | %.2f us / %.2f us (%.1fx) | - |%n", decode.events(),
                    decode.protobufMicros(), decode.parserMicros(), decode.protobufMicros() / decode.parserMicros());
            System.out.printf("| writer Kafka -> Redis | %,.0f rows/s (%.0f%% of Redis alone) | >= 70%% |%n",
                    writerRate, 100 * writerRate / redisCeiling.rowsPerSecond());
            System.out.printf("| writer Kafka -> Redis, 1 / 2 writer processes of one group | %,.0f / %,.0f rows/s "
                    + "(CPU %.1f s / %.1f + %.1f s, start-up included) | - |%n", scaling.get(0).rowsPerSecond(),
                    scaling.get(1).rowsPerSecond(), scaling.get(0).cpuSeconds().get(0),
                    scaling.get(1).cpuSeconds().get(0), scaling.get(1).cpuSeconds().get(1));
            System.out.printf("| Redis alone, same rows, plain pipelined HSET (ceiling) | %,.0f rows/s | - |%n",
                    redisCeiling.rowsPerSecond());
            System.out.printf("| Redis server CPU per row: writer (compare-and-set script) / plain HSET | %.1f us / "
                    + "%.1f us (%.1fx) | <= 5 us |%n", redisMicrosPerRow, redisCeiling.cpuMicrosPerRow(),
                    redisMicrosPerRow / redisCeiling.cpuMicrosPerRow());
            System.out.printf("| Redis's reach with the script: its one thread at %.1f us per row "
                    + "| at most %,.0f rows/s, %.0f%% of Redis alone, with a writer that costs nothing | - |%n",
                    redisMicrosPerRow, 1e6 / redisMicrosPerRow,
                    100 * 1e6 / redisMicrosPerRow / redisCeiling.rowsPerSecond());
            System.out.printf("| writer Kafka -> Elasticsearch | %,.0f docs/s (%.0f%% of Elasticsearch alone) "
                    + "| >= 60%% |%n", esRate, 100 * esRate / esCeiling);
            System.out.printf("| Elasticsearch alone, same documents, raw _bulk (ceiling) | %,.0f docs/s | - |%n",
                    esCeiling);
            System.out.printf("| writer Kafka -> HBase | %,.0f rows/s (%.0f%% of HBase alone) | >= 70%% |%n",
                    hbaseRate, 100 * hbaseRate / hbaseCeiling);
            System.out.printf("| HBase alone, same rows, BufferedMutator (ceiling) | %,.0f rows/s | - |%n",
                    hbaseCeiling);
            System.out.printf("| HBase alone, same rows, each a family delete and a put, as the writer sends them "
                    + "| %,.0f rows/s (%.0f%% of the ceiling; the writer reaches %.0f%% of this) | - |%n",
                    hbaseAsWritten, 100 * hbaseAsWritten / hbaseCeiling, 100 * hbaseRate / hbaseAsWritten);
            double hbaseServerWriter = cpu.get("HBase writer").microsPerRow().get(sandbox.hbase().name());
            double hbaseServerPlain = cpu.get("HBase alone").microsPerRow().get(sandbox.hbase().name());
            System.out.printf("| HBase's reach with a writer on cores of its own (as deployed): HBase's CPU per row "
                    + "with the writer / with plain puts %.1f / %.1f us | at most %.0f%% of HBase alone, were the "
                    + "writer's JVM not sharing these two cores with HBase | - |%n", hbaseServerWriter,
                    hbaseServerPlain, 100 * hbaseServerPlain / hbaseServerWriter);
            Map<String, String> targets = Map.of("redis", "p99 <= 100 ms", "elasticsearch", "p99 <= 1.5 s",
                    "hbase", "p99 <= 500 ms");
            for (LiveRun.Visibility v : latency) {
                System.out.printf("| commit -> visible in %s at %,d rows/s, %s | p50 %.0f ms, p99 %.0f ms (%,d rows%s); "
                                + "all visible %,d ms after the last commit | %s |%n", v.sink(), rate,
                        v.alone() ? "its writer alone" : "all three writers", v.p50(), v.p99(), v.samples(),
                        v.missing() > 0 ? String.format(", %,d never seen", v.missing()) : "", v.catchUpMillis(),
                        targets.get(v.sink()));
            }
            for (LiveRun.Visibility v : latency) {
                if (!v.alone()) {
                    WriterTime.Split t = v.time();
                    System.out.printf("| where the %s writer's time went, all three writers at %,d rows/s | CPU %.1f us "
                                    + "per event (its own threads); %,d batches of %.0f events, %.0f ms each; at least "
                                    + "%.0f%% of the apply time waiting on the store | - |%n", v.sink(), rate,
                            t.cpuMicrosPerEvent(), t.batches(), t.eventsPerBatch(), t.applyMillisPerBatch(),
                            100 * t.waitingShareAtLeast());
                }
            }
            for (Map.Entry<String, CpuSplit.Split> stage : cpu.entrySet()) {
                System.out.printf("| CPU per row, %s (the bench JVM runs MySync or the ceiling's client) | %s | - |%n",
                        stage.getKey(), stage.getValue());
            }
            System.out.printf("| reader peak heap, incl. one %,d-row transaction | %,d MB (max heap %,d MB) "
                    + "| <= 512 MB |%n", big, heap >> 20, HeapPeak.maxBytes() >> 20);
        }
    }

    /**
     * Runs the three writers once over the same events into stores of their own (Redis keys, an index and a table
     * named "warm"), so the measured runs find their code compiled, as long-running writers do, like the reader's
     * warm-up run. Cold, the JIT compiler's threads were the bench JVM's largest CPU user during the writer runs.
     */
    private static void warmUpWriters(Path dir, CheckpointStore checkpoints, Position end) throws Exception {
        System.out.println("write  the three writers once into stores of their own (warms them up)...");
        Path file = dir.resolve("warm-up.yaml");
        Files.writeString(file, Files.readString(dir.resolve("mysync.yaml"))
                .replace("writer:\n", "writer:\n  group: \"mysync.{source}.{sink}.warm\"\n")
                .replace(":bench:{id}", ":warm:{id}")
                .replace("_bench\"", "_warm\""));
        MySyncConfig warm = ConfigLoader.load(file);
        Set<String> sinks = Set.of("redis", "elasticsearch", "hbase");
        try (Pipeline writers = new Pipeline(warm, false, sinks, true).start()) {
            for (String sink : sinks) {
                CatchUp.await(warm, checkpoints, end, sink, Duration.ofMinutes(60));
            }
        }
    }

    /** Runs one sink's writer alone from offset 0 until it applied everything up to {@code end}. */
    private static double writerRate(MySyncConfig config, CheckpointStore checkpoints, Position end, String sink,
                                     long events) throws Exception {
        long start = System.nanoTime();
        try (Pipeline writer = new Pipeline(config, false, Set.of(sink), true).start()) {
            CatchUp.await(config, checkpoints, end, sink, Duration.ofMinutes(60));
        }
        return events / ((System.nanoTime() - start) / 1e9);
    }

    private static Path writeConfig(Path dir, Sandbox sandbox, SqlServer source, String run, String database,
                                    Position start) throws java.io.IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("mysync.yaml");
        Files.writeString(file, """
                source:
                  id: %s
                  url: %s
                  password: %s
                  server_id: 54098
                  start: position
                  start_file: %s
                  start_position: %d
                kafka:
                  bootstrap: %s
                  partitions: 12
                  replication_factor: 1
                checkpoint:
                  dir: checkpoints
                  interval: 100ms
                writer:
                  batch_size: 5000
                  poll_timeout: 50ms
                sinks:
                  redis:
                    url: %s
                  elasticsearch:
                    hosts: [ "%s" ]
                    index_replicas: 0
                  hbase:
                    zookeeper: "%s"
                mappings:
                  - table: %s.%s
                    redis: { key: "%s:bench:{id}", type: hash }
                    elasticsearch: { index: "%s_bench" }
                    hbase: { table: "%s_bench" }
                """.formatted(run, source.sourceUrl(), SqlServer.PASSWORD, start.binlogFile(), start.binlogPosition(),
                sandbox.kafka().endpoint(), sandbox.redis().url(), sandbox.elasticsearch().url(),
                sandbox.hbase().zookeeperQuorum(), database, BenchTable.TABLE, run, run, run));
        return file;
    }
}
