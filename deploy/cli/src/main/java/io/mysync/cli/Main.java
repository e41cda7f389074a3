package io.mysync.cli;

import io.mysync.cli.command.BenchCommand;
import io.mysync.cli.command.ConfigCommand;
import io.mysync.cli.command.DemoCommand;
import io.mysync.cli.command.DlqCommand;
import io.mysync.cli.command.DumpCommand;
import io.mysync.cli.command.ReaderCommand;
import io.mysync.cli.command.RunCommand;
import io.mysync.cli.command.SandboxCommand;
import io.mysync.cli.command.StatusCommand;
import io.mysync.cli.command.WriterCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code mysync}. */
@Command(name = "mysync", mixinStandardHelpOptions = true, version = "MySync 0.1.0",
        description = "Streams MySQL/MariaDB row changes through Kafka into Redis, Elasticsearch and HBase.",
        subcommands = {RunCommand.class, ReaderCommand.class, WriterCommand.class, SandboxCommand.class,
                DemoCommand.class, BenchCommand.class, ConfigCommand.class, DlqCommand.class,
                DumpCommand.class, StatusCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        // the binlog client logs through java.util.logging: send it to the same log as everything else
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        return new CommandLine(new Main()).setExecutionExceptionHandler(new ErrorReport()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
