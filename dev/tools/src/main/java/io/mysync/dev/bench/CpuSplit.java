package io.mysync.dev.bench;

import io.mysync.sandbox.ProcessServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the machine's CPU went during one stage: this JVM's CPU and each sandbox server's per row, and how busy the
 * machine's cores were. A stage and its ceiling measured this way show whether both used every core and how many
 * microseconds of CPU each row cost in every process, which is what bounds a ratio between them on a shared
 * machine.
 */
public final class CpuSplit {

    private final List<ProcessServer> servers;
    private final Map<String, Double> startSeconds = new LinkedHashMap<>();
    private final long[] startMachine;

    private CpuSplit(List<ProcessServer> servers) {
        this.servers = servers;
        startSeconds.put("bench JVM", ProcessCpu.seconds());
        for (ProcessServer server : servers) {
            startSeconds.put(server.name(), secondsOf(server));
        }
        this.startMachine = machineJiffies();
    }

    /** Starts counting for this JVM and the given servers. */
    public static CpuSplit start(List<ProcessServer> servers) {
        return new CpuSplit(servers);
    }

    /** What the stage cost, for {@code rows} rows, from the start to now. */
    public Split stop(long rows) {
        long[] machine = machineJiffies();
        Map<String, Double> micros = new LinkedHashMap<>();
        micros.put("bench JVM", (ProcessCpu.seconds() - startSeconds.get("bench JVM")) * 1e6 / rows);
        for (ProcessServer server : servers) {
            micros.put(server.name(), (secondsOf(server) - startSeconds.get(server.name())) * 1e6 / rows);
        }
        long busy = machine[0] - startMachine[0];
        long total = busy + machine[1] - startMachine[1];
        return new Split(micros, total == 0 ? Double.NaN : (double) busy / total);
    }

    private static double secondsOf(ProcessServer server) {
        return server.process().map(p -> ProcessCpu.secondsOf(p.pid())).orElse(Double.NaN);
    }

    /** Busy and idle (idle + iowait) jiffies of all cores, from the first line of {@code /proc/stat}. */
    private static long[] machineJiffies() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            long busy = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                busy += Long.parseLong(f[i]);
            }
            return new long[] {busy - idle, idle};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** CPU microseconds per row of each process, and the share of the machine's cores that was busy. */
    public record Split(Map<String, Double> microsPerRow, double machineBusy) {

        /** Microseconds per row of all the processes counted together. */
        public double totalMicrosPerRow() {
            return microsPerRow.values().stream().filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).sum();
        }

        /** {@code bench JVM 20.1 us + kafka 8.3 us = 28.4 us per row; cores 97% busy} */
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            for (Map.Entry<String, Double> process : microsPerRow.entrySet()) {
                if (!process.getValue().isNaN()) {
                    text.append(text.isEmpty() ? "" : " + ")
                            .append(String.format(Locale.ROOT, "%s %.1f", process.getKey(), process.getValue()));
                }
            }
            return text.append(String.format(Locale.ROOT, " = %.1f us of CPU per row; cores %.0f%% busy",
                    totalMicrosPerRow(), 100 * machineBusy)).toString();
        }
    }
}
