package io.mysync.cli.command;

import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --sinks} option of the commands that run writers. */
public final class SinksOption {

    @Option(names = "--sinks", split = ",", paramLabel = "NAME", description = "Sinks to run (default: all configured)")
    List<String> names = List.of();
}
