package io.mysync.dev.bench;

import java.lang.management.ManagementFactory;

/** CPU time of this JVM (all its threads), to put a component's CPU per row beside its rate. */
public final class ProcessCpu {

    private ProcessCpu() {
    }

    /**
     * CPU seconds (user + system) another process has used so far, from {@code /proc/PID/stat} (Linux, 100 ticks per
     * second); NaN when it cannot be read.
     */
    public static double secondsOf(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime, stime: fields 14, 15
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** @return CPU seconds this process has used so far */
    public static double seconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
