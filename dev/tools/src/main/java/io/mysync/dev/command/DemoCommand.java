package io.mysync.dev.command;

import static io.mysync.writer.hbase.HBaseSettings.HBASE;

import io.mysync.runtime.Pipeline;
import io.mysync.dev.demo.DemoConfig;
import io.mysync.runtime.monitor.Monitoring;
import io.mysync.runtime.status.StatusProbe;
import io.mysync.runtime.status.StatusView;
import io.mysync.dev.demo.DemoSchema;
import io.mysync.dev.demo.DemoWorkload;
import io.mysync.cli.output.ProgressBar;
import io.mysync.runtime.verify.CatchUp;
import io.mysync.dev.compare.ComparisonResult;
import io.mysync.dev.compare.ElasticsearchComparison;
import io.mysync.dev.compare.HBaseComparison;
import io.mysync.dev.compare.JoinedDocumentComparison;
import io.mysync.dev.compare.RedisComparison;
import io.mysync.common.position.CheckpointStore;
import io.mysync.common.position.Position;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MySyncConfig;
import io.mysync.reader.ReaderCheckpoints;
import io.mysync.sandbox.Sandbox;
import io.mysync.sandbox.server.SqlServer;
import io.mysync.writer.hbase.HBaseSinkFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.Jedis;

/** {@code mysync demo}: the whole pipeline on the sandbox, ending with a row-by-row comparison. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the sandbox, stream a shop workload from MariaDB (or --source) through Kafka into Redis, "
                + "Elasticsearch and HBase, wait until caught up and compare every row of every store. Exit code 0 "
                + "only when all three equal the source.")
public final class DemoCommand implements Callable<Integer> {

    private static final List<String> SINKS = List.of("redis", "elasticsearch", "hbase");

    @Option(names = "--rows", defaultValue = "20000", description = "Row changes to make (default ${DEFAULT-VALUE})")
    long rows;

    @Option(names = "--rate", defaultValue = "1500", description = "Row changes per second the workload offers, "
            + "like a busy OLTP application (default ${DEFAULT-VALUE}; 0: as fast as MariaDB takes them)")
    double rate;

    @Option(names = "--source", defaultValue = "mariadb", description = "The sandbox server the shop lives on: "
            + "mariadb (10.11), mariadb-11.4 or mysql (8.0) (default ${DEFAULT-VALUE})")
    String sourceName;

    @Option(names = "--keep", description = "Leave the sandbox running afterwards")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        if (!Sandbox.SOURCES.contains(sourceName)) {
            System.err.println("mysync demo: no source server '" + sourceName + "'; use --source with one of "
                    + String.join(", ", Sandbox.SOURCES));
            return 2;
        }
        System.out.print("1/5 ");
        return SandboxSession.run(keep, this::demo);
    }

    private int demo(Sandbox sandbox) throws Exception {
        SqlServer source = sandbox.source(sourceName);
        String runId = "demo" + System.currentTimeMillis() / 1000;
        String database = "mysync_demo";
        Path dir = sandbox.layout().runDir().resolve("demo").resolve(runId);
        try (Connection db = DriverManager.getConnection(source.jdbcUrl(""), "root", SqlServer.PASSWORD)) {
            System.out.println("2/5 Creating " + database + " (customers, products, orders) on " + source.name());
            DemoSchema.create(db, database);
            Path file = DemoConfig.write(dir, sandbox, source, runId, database);
            MySyncConfig config = ConfigLoader.load(file);
            CheckpointStore checkpoints = ReaderCheckpoints.open(config);
            System.out.println("3/5 Running the reader and the " + String.join(", ", SINKS) + " writers with " + file);
            var registry = Monitoring.registry();
            try (Pipeline pipeline = new Pipeline(config, true, Set.of(), true, registry);
                 Monitoring monitoring = Monitoring.start(config, pipeline, registry)) {
                pipeline.start();
                System.out.println("    metrics on http://127.0.0.1:" + monitoring.port() + "/metrics, health on "
                        + "/health/live and /health/ready while the demo runs");
                // the reader records its start position first; changes made before that would not be seen
                CatchUp.awaitCheckpoint(checkpoints, runId, CatchUp.sourceEnd(db), pipeline::fatal,
                        System.nanoTime() + Duration.ofSeconds(60).toNanos());
                long t0 = System.nanoTime();
                ProgressBar bar = new ProgressBar(System.out, "    workload", rows);
                long made;
                DemoWorkload workload;
                try (Connection writes = DriverManager.getConnection(source.jdbcUrl(database), "root",
                        SqlServer.PASSWORD)) {
                    workload = new DemoWorkload(writes, database);
                    if (rate > 0) {
                        workload.atRate(rate);
                    }
                    made = workload.run(rows, bar::update);
                }
                bar.finish(made);
                long workloadNanos = System.nanoTime() - t0;
                Position end = CatchUp.sourceEnd(db);
                long t1 = System.nanoTime();
                System.out.println("4/5 Waiting until every store has applied everything up to " + end);
                CatchUp.awaitCheckpoint(checkpoints, runId, end, pipeline::fatal,
                        System.nanoTime() + Duration.ofMinutes(5).toNanos());
                long readerMs = (System.nanoTime() - t1) / 1_000_000;
                // each store is watched on its own thread, so one store's time does not include another's
                Map<String, CompletableFuture<Long>> catchUps = new LinkedHashMap<>();
                for (String sink : SINKS) {
                    catchUps.put(sink, CompletableFuture.supplyAsync(() -> {
                        try {
                            CatchUp.await(config, checkpoints, end, sink, Duration.ofMinutes(5));
                        } catch (Exception e) {
                            throw new CompletionException(e);
                        }
                        return (System.nanoTime() - t1) / 1_000_000;
                    }));
                }
                Map<String, Long> caughtUpMs = new LinkedHashMap<>();
                for (Map.Entry<String, CompletableFuture<Long>> catchUp : catchUps.entrySet()) {
                    caughtUpMs.put(catchUp.getKey(), catchUp.getValue().join());
                }
                if (pipeline.fatal() != null) {
                    throw pipeline.fatal();
                }
                System.out.println("5/5 Comparing every source row with Redis, Elasticsearch and HBase");
                Map<String, ComparisonResult> results = compareStores(sandbox, config, db, runId, database);
                System.out.println();
                boolean clean = true;
                for (Map.Entry<String, ComparisonResult> store : results.entrySet()) {
                    ComparisonResult r = store.getValue();
                    clean &= r.clean();
                    System.out.printf("%-17s %,d rows checked, %,d mismatches%s%n", store.getKey() + ":",
                            r.rowsChecked(), r.mismatches() + r.extraKeys(),
                            r.clean() ? "" : "   <-- differs from the source");
                }
                System.out.printf("Row changes:      %,d (%d primary-key change(s)) in %.1f s = %,.0f changes/s%n",
                        made, workload.keyChanges(), workloadNanos / 1e9, made / (workloadNanos / 1e9));
                for (var worker : pipeline.writer().workers()) {
                    long ms = caughtUpMs.get(worker.sinkName());
                    System.out.printf("%-17s %,d events applied, caught up %,d ms after the workload's last commit%n",
                            worker.sinkName() + ":", worker.appliedEvents(), ms);
                }
                System.out.printf("Reader:           caught up %,d ms after the last commit (its checkpoint is "
                        + "committed %s; the writers' catch-up is read from their committed offsets)%n", readerMs,
                        config.kafka().exactlyOnce() ? "with each Kafka transaction, at most every "
                                + config.kafka().transactionInterval().toMillis() + " ms"
                                : "every " + config.reader().checkpointInterval().toMillis() + " ms");
                System.out.println();
                System.out.println("./mysync status --config " + file + ":");
                System.out.print(StatusView.text(List.of(new StatusProbe(Clock.systemUTC()).probe(config)),
                        Clock.systemUTC().instant()));
                return clean ? 0 : 1;
            }
        }
    }

    private static Map<String, ComparisonResult> compareStores(Sandbox sandbox, MySyncConfig config, Connection db,
                                                               String runId, String database) throws Exception {
        Map<String, ComparisonResult> total = new LinkedHashMap<>();
        try (Jedis redis = new Jedis("127.0.0.1", sandbox.redis().port());
             org.apache.hadoop.hbase.client.Connection hbase = HBaseSinkFactory.connect(config.sink(HBASE).orElseThrow())) {
            for (String table : DemoSchema.TABLES) {
                List<String> key = List.of(DemoSchema.PRIMARY_KEYS.get(table));
                ComparisonResult r = RedisComparison.compare(db, redis, config.mappingOf(database, table).orElseThrow(),
                        database, table);
                boolean joined = config.mappingOf(database, table).orElseThrow().document("elasticsearch").joins();
                ComparisonResult e = joined
                        ? JoinedDocumentComparison.compare(config, db, sandbox.elasticsearch().url(),
                                runId + "_customer_orders", database, table)
                        : ElasticsearchComparison.compare(db, sandbox.elasticsearch().url(),
                                runId + "_" + table, key, database, table);
                ComparisonResult h = HBaseComparison.compare(db, hbase, runId + "_" + table, "d", key, database,
                        table);
                System.out.printf("    %-10s %-13s %s%n", table, "redis", r);
                System.out.printf("    %-10s %-13s %s%n", "", "elasticsearch", (joined ? "joined with their orders "
                        + "and the orders' products (index " + runId + "_customer_orders): " : "") + e);
                System.out.printf("    %-10s %-13s %s%n", "", "hbase", h);
                total.merge("Redis", r, ComparisonResult::plus);
                total.merge("Elasticsearch", e, ComparisonResult::plus);
                total.merge("HBase", h, ComparisonResult::plus);
            }
        }
        return total;
    }
}
