package io.mysync.cli.command;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mysync writer}: the Kafka-to-stores half only. */
@Command(name = "writer", mixinStandardHelpOptions = true,
        description = "Run only the writers: Kafka to the stores, one consumer group per sink.")
public final class WriterCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    MetricsPortOption metricsPort;

    @Mixin
    SinksOption sinks;

    @Override
    public Integer call() throws Exception {
        return RunCommand.runUntilStopped(metricsPort.apply(config.load()), false, true, sinks.names);
    }
}
