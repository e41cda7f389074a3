package io.mysync.cli.command;

import io.mysync.cli.demo.DemoConfig;
import io.mysync.cli.demo.DemoSchema;
import io.mysync.cli.demo.DemoWorkload;
import io.mysync.cli.demo.ProgressBar;
import io.mysync.cli.verify.CatchUp;
import io.mysync.cli.verify.ComparisonResult;
import io.mysync.cli.verify.RedisComparison;
import io.mysync.common.position.FileCheckpointStore;
import io.mysync.common.position.Position;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MySyncConfig;
import io.mysync.sandbox.Sandbox;
import io.mysync.sandbox.server.SqlServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.Jedis;

/** {@code mysync demo}: the whole pipeline on the sandbox, ending with a row-by-row comparison. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the sandbox, stream a shop workload from MariaDB through Kafka into Redis, wait until "
                + "caught up and compare every row. Exit code 0 only when Redis equals the source.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "20000", description = "Row changes to make (default ${DEFAULT-VALUE})")
    long rows;

    @Option(names = "--keep", description = "Leave the sandbox running afterwards")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        System.out.print("1/5 ");
        return SandboxSession.run(keep, this::demo);
    }

    private int demo(Sandbox sandbox) throws Exception {
        SqlServer source = sandbox.mariadb();
        String runId = "demo" + System.currentTimeMillis() / 1000;
        String database = "mysync_demo";
        Path dir = sandbox.layout().runDir().resolve("demo").resolve(runId);
        try (Connection db = DriverManager.getConnection(source.jdbcUrl(""), "root", SqlServer.PASSWORD);
             Jedis redis = new Jedis("127.0.0.1", sandbox.redis().port())) {
            System.out.println("2/5 Creating " + database + " (customers, products, orders) on " + source.name());
            DemoSchema.create(db, database);
            Path file = DemoConfig.write(dir, sandbox, source, runId, database);
            MySyncConfig config = ConfigLoader.load(file);
            FileCheckpointStore checkpoints = new FileCheckpointStore(config.reader().checkpointDir());
            System.out.println("3/5 Running reader and Redis writer with " + file);
            try (Pipeline pipeline = new Pipeline(config, true, Set.of(), true).start()) {
                // the reader records its start position first; changes made before that would not be seen
                CatchUp.awaitCheckpoint(checkpoints, runId, CatchUp.sourceEnd(db), pipeline::failure,
                        System.nanoTime() + Duration.ofSeconds(60).toNanos());
                long t0 = System.nanoTime();
                ProgressBar bar = new ProgressBar(System.out, "    workload", rows);
                long made;
                DemoWorkload workload;
                try (Connection writes = DriverManager.getConnection(source.jdbcUrl(database), "root",
                        SqlServer.PASSWORD)) {
                    workload = new DemoWorkload(writes, database);
                    made = workload.run(rows, bar::update);
                }
                bar.finish(made);
                long workloadNanos = System.nanoTime() - t0;
                Position end = CatchUp.sourceEnd(db);
                long t1 = System.nanoTime();
                System.out.println("4/5 Waiting until Redis has applied everything up to " + end);
                CatchUp.awaitCheckpoint(checkpoints, runId, end, pipeline::failure,
                        System.nanoTime() + Duration.ofMinutes(5).toNanos());
                long readerMs = (System.nanoTime() - t1) / 1_000_000;
                CatchUp.await(config, checkpoints, end, "redis", Duration.ofMinutes(5));
                long catchUpMs = (System.nanoTime() - t1) / 1_000_000;
                long totalNanos = System.nanoTime() - t0;
                if (pipeline.failure() != null) {
                    throw pipeline.failure();
                }
                System.out.println("5/5 Comparing every source row with Redis");
                ComparisonResult result = new ComparisonResult(0, 0, 0, java.util.List.of());
                for (String table : DemoSchema.TABLES) {
                    ComparisonResult one = RedisComparison.compare(db, redis,
                            config.mappingOf(database, table).orElseThrow(), database, table);
                    System.out.printf("    %-10s %s%n", table, one);
                    result = result.plus(one);
                }
                long applied = pipeline.writer().workers().get(0).appliedEvents();
                System.out.println();
                System.out.printf("Rows checked:     %,d%n", result.rowsChecked());
                System.out.printf("Mismatches:       %,d%s%n", result.mismatches() + result.extraKeys(),
                        result.clean() ? "" : "   <-- Redis differs from the source");
                System.out.printf("Row changes:      %,d (%d primary-key change(s)) in %.1f s = %,.0f changes/s%n",
                        made, workload.keyChanges(), workloadNanos / 1e9, made / (workloadNanos / 1e9));
                System.out.printf("Pipeline:         %,d events applied to Redis, %,.0f events/s end to end%n",
                        applied, applied / (totalNanos / 1e9));
                System.out.printf("Caught up:        reader %,d ms and Redis %,d ms after the workload's last commit "
                        + "(as the reader's checkpoint, written every %d ms, and the writer's offsets showed it)%n",
                        readerMs, catchUpMs, config.reader().checkpointInterval().toMillis());
                return result.clean() ? 0 : 1;
            }
        }
    }
}
