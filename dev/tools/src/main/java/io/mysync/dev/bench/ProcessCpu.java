package io.mysync.dev.bench;

import java.lang.management.ManagementFactory;

/** CPU time of this JVM (all its threads), to put a component's CPU per row beside its rate. */
public final class ProcessCpu {

    private ProcessCpu() {
    }

    /** @return CPU seconds this process has used so far */
    public static double seconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
