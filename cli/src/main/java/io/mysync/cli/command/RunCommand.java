package io.mysync.cli.command;

import io.mysync.runtime.Pipeline;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mysync.runtime.monitor.Monitoring;
import io.mysync.config.model.MySyncConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mysync run}: reader and writers in one process. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the reader and the writers of one config in this process until stopped (Ctrl-C).")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    MetricsPortOption metricsPort;

    @Mixin
    SinksOption sinks;

    @Override
    public Integer call() throws Exception {
        return runUntilStopped(metricsPort.apply(config.load()), true, true, sinks.names);
    }

    static int runUntilStopped(MySyncConfig config, boolean reader, boolean writer, List<String> sinks)
            throws InterruptedException {
        PrometheusMeterRegistry registry = Monitoring.registry();
        Pipeline pipeline = new Pipeline(config, reader, new LinkedHashSet<>(sinks), writer, registry);
        Monitoring monitoring = Monitoring.start(config, pipeline, registry);
        Thread hook = new Thread(() -> {
            try {
                pipeline.close();
            } finally {
                monitoring.close();
            }
        }, "mysync-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        RuntimeException failure = pipeline.start().awaitFailure();
        if (failure == null) {
            return 0;
        }
        pipeline.close();
        monitoring.close();
        // classified by the part that stopped (ServiceState): the error report turns a refusal into exit 3 and its
        // one line, any other failure into exit 1
        throw failure;
    }
}
