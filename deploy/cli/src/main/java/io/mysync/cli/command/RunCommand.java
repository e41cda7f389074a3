package io.mysync.cli.command;

import io.mysync.config.model.MySyncConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mysync run}: reader and writers in one process. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the reader and the writers of one config in this process until stopped (Ctrl-C).")
public final class RunCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Option(names = "--sinks", split = ",", paramLabel = "NAME", description = "Sinks to run (default: all configured)")
    List<String> sinks = List.of();

    @Override
    public Integer call() throws Exception {
        return runUntilStopped(config.load(), true, true, sinks);
    }

    static int runUntilStopped(MySyncConfig config, boolean reader, boolean writer, List<String> sinks)
            throws InterruptedException {
        Pipeline pipeline = new Pipeline(config, reader, new LinkedHashSet<>(sinks), writer);
        Thread hook = new Thread(() -> {
            try {
                pipeline.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mysync-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        RuntimeException failure = pipeline.start().awaitFailure();
        if (failure != null) {
            System.err.println("mysync stopped: " + failure.getMessage());
            return 1;
        }
        return 0;
    }
}
