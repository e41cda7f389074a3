package io.mysync.dev.bench;

import static io.mysync.writer.hbase.HBaseSettings.HBASE;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mysync.cli.output.ProgressBar;
import io.mysync.config.model.MySyncConfig;
import io.mysync.runtime.Pipeline;
import io.mysync.sandbox.Sandbox;
import io.mysync.sandbox.server.SqlServer;
import io.mysync.writer.hbase.HBaseSinkFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The bench's live runs: {@code rate} rows/s offered for {@code seconds} s, in 10-row transactions, through a reader
 * and the given writers, recording when each row becomes visible in each of their stores by polling every 20 ms:
 * Redis by EXISTS, Elasticsearch by search (so after its refresh), HBase by Get.
 */
public final class LiveRun {

    private final Sandbox sandbox;
    private final MySyncConfig config;
    private final String database;
    private final String run;
    private final int rate;
    private final int seconds;

    /** @param run the bench run's name, which the mappings' Redis keys, index and table start with */
    public LiveRun(Sandbox sandbox, MySyncConfig config, String database, String run, int rate, int seconds) {
        this.sandbox = sandbox;
        this.config = config;
        this.database = database;
        this.run = run;
        this.rate = rate;
        this.seconds = seconds;
    }

    /** One sink's commit-to-visible figures from a live run, its writer alone or beside the other two. */
    public record Visibility(String sink, boolean alone, double p50, double p99, long samples, long missing,
                             long catchUpMillis, WriterTime.Split time) {
    }

    /**
     * Runs a reader and the given writers, inserts rows with ids from {@code firstId} and returns each sink's
     * figures.
     */
    public List<Visibility> measure(List<String> sinks, long firstId) throws Exception {
        SqlServer source = sandbox.mariadb();
        MeterRegistry registry = new SimpleMeterRegistry();
        try (org.apache.hadoop.hbase.client.Connection hbase = HBaseSinkFactory.connect(config.sink(HBASE).orElseThrow());
             Pipeline live = new Pipeline(config, true, Set.copyOf(sinks), true, registry).start();
             Connection writes = DriverManager.getConnection(source.jdbcUrl(database), "root", SqlServer.PASSWORD);
             PreparedStatement insert = writes.prepareStatement("INSERT INTO " + BenchTable.TABLE
                     + " VALUES (?, 1, 'live', 'pad', 1.00, 0.5, 1, NOW(6), 'new', NULL)")) {
            List<VisibilityProbe> probes = new ArrayList<>();
            for (String sink : sinks) {
                probes.add(switch (sink) {
                    case "redis" -> StoreProbes.redis(sandbox.redis().port(), run + ":bench:");
                    case "elasticsearch" -> StoreProbes.elasticsearch(sandbox.elasticsearch().url(), run + "_bench");
                    default -> StoreProbes.hbase(hbase, run + "_bench");
                });
            }
            try {
                Thread.sleep(2000); // let the writers join their groups before the clock starts
                WriterTime time = WriterTime.start(registry, run, sinks);
                writes.setAutoCommit(false);
                int perTxn = 10;
                long txns = (long) rate * seconds / perTxn;
                long id = firstId;
                long begin = System.nanoTime();
                long lastCommit = begin;
                ProgressBar bar = new ProgressBar(System.out, "live  ", txns * perTxn);
                for (long t = 0; t < txns; t++) {
                    long due = begin + (long) (t * perTxn * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    long first = id;
                    for (int i = 0; i < perTxn; i++) {
                        insert.setLong(1, id++);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    writes.commit();
                    lastCommit = System.nanoTime();
                    for (long k = first; k < id; k++) {
                        for (VisibilityProbe probe : probes) {
                            probe.committed(k, lastCommit);
                        }
                    }
                    bar.update((t + 1) * perTxn);
                }
                bar.finish(txns * perTxn);
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (probes.stream().anyMatch(p -> p.pending() > 0) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                List<WriterTime.Split> splits = time.stop();
                List<Visibility> figures = new ArrayList<>();
                for (int i = 0; i < probes.size(); i++) {
                    VisibilityProbe p = probes.get(i);
                    figures.add(new Visibility(sinks.get(i), sinks.size() == 1, p.latencies().quantileMillis(0.5),
                            p.latencies().quantileMillis(0.99), p.latencies().samples(), p.pending(),
                            Math.max(0, (p.lastVisibleNanos() - lastCommit) / 1_000_000), splits.get(i)));
                }
                return figures;
            } finally {
                probes.forEach(VisibilityProbe::close);
            }
        }
    }
}
