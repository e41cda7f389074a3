package io.mysync.cli.command;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mysync reader}: the binlog-to-Kafka half only. */
@Command(name = "reader", mixinStandardHelpOptions = true,
        description = "Run only the reader: binlog to Kafka, checkpointing after acknowledged transactions.")
public final class ReaderCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    MetricsPortOption metricsPort;

    @Override
    public Integer call() throws Exception {
        return RunCommand.runUntilStopped(metricsPort.apply(config.load()), true, false, List.of());
    }
}
