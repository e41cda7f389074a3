package io.mysync.cli;

import io.mysync.cli.command.ConfigCommand;
import io.mysync.cli.command.DlqCommand;
import io.mysync.cli.command.DumpCommand;
import io.mysync.cli.command.ReaderCommand;
import io.mysync.cli.command.RunCommand;
import io.mysync.cli.command.StatusCommand;
import io.mysync.cli.command.VerifyCommand;

import io.mysync.cli.command.WriterCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code mysync}: the product's commands. */
@Command(name = "mysync", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Streams MySQL/MariaDB row changes through Kafka into Redis, Elasticsearch and HBase.",
        subcommands = {RunCommand.class, ReaderCommand.class, WriterCommand.class, DumpCommand.class,
                StatusCommand.class, VerifyCommand.class, ConfigCommand.class, DlqCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return execute(commandLine(), args);
    }

    /** The product's command tree; the source tree's dev tools add their commands to it. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler(new ErrorReport());
    }

    public static int execute(CommandLine commandLine, String... args) {
        // the binlog client logs through java.util.logging: send it to the same log as everything else
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
