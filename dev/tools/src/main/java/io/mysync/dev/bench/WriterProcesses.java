package io.mysync.dev.bench;

import io.mysync.common.position.CheckpointStore;
import io.mysync.common.position.Position;
import io.mysync.config.model.MySyncConfig;
import io.mysync.runtime.verify.CatchUp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One sink's writer as N processes of their own ({@code mysync writer}, this JVM's classpath) sharing one consumer
 * group from offset 0: the rate from the moment the first of them holds partitions until the group has applied
 * everything, and each process's CPU time.
 *
 * @param rowsPerSecond events applied per second by the processes together
 * @param cpuSeconds    CPU time of each process, start-up included
 */
public record WriterProcesses(double rowsPerSecond, List<Double> cpuSeconds) {

    public static WriterProcesses run(Path configFile, MySyncConfig config, CheckpointStore checkpoints,
                                      Position end, String sink, int processes, long events) throws Exception {
        List<Process> started = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        try {
            for (int i = 0; i < processes; i++) {
                Path log = configFile.resolveSibling(sink + "-writer-" + processes + "-" + (i + 1) + ".log");
                logs.add(log);
                started.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                        "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED", "-cp",
                        System.getProperty("java.class.path"), "io.mysync.cli.Main", "writer", "--config",
                        configFile.toString(), "--sinks", sink).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start());
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (logs.stream().noneMatch(WriterProcesses::holdsPartitions)) {
                if (System.nanoTime() > deadline || started.stream().anyMatch(p -> !p.isAlive())) {
                    throw new IllegalStateException("the writer processes did not start; see " + logs);
                }
                Thread.sleep(20);
            }
            long start = System.nanoTime();
            CatchUp.await(config, checkpoints, end, sink, Duration.ofMinutes(30));
            double rate = events / ((System.nanoTime() - start) / 1e9);
            // the clock started with the first process's partitions: a later one's joining is part of the run
            if (started.stream().anyMatch(p -> !p.isAlive())
                    || !logs.stream().allMatch(WriterProcesses::holdsPartitions)) {
                throw new IllegalStateException("a writer process ended or never applied anything; see " + logs);
            }
            List<Double> cpu = started.stream().map(p -> ProcessCpu.secondsOf(p.pid())).toList();
            return new WriterProcesses(rate, cpu);
        } finally {
            for (Process process : started) {
                process.destroy();
            }
            for (Process process : started) {
                process.waitFor();
            }
        }
    }

    private static boolean holdsPartitions(Path log) {
        try {
            return Files.exists(log) && Files.readString(log).matches("(?s).*writer assigned [1-9]\\d* partitions.*");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
