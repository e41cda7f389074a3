package io.mysync.dev;

import io.mysync.cli.Main;
import io.mysync.dev.command.BenchCommand;
import io.mysync.dev.command.DemoCommand;
import io.mysync.dev.command.SandboxCommand;
import picocli.CommandLine;

/** The source tree's {@code ./mysync}: every product command plus {@code sandbox}, {@code demo} and {@code bench}. */
public final class DevMain {

    private DevMain() {
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return Main.execute(commandLine(), args);
    }

    /** The product's command tree with the source tree's commands added. */
    public static CommandLine commandLine() {
        return Main.commandLine()
                .addSubcommand(new SandboxCommand())
                .addSubcommand(new DemoCommand())
                .addSubcommand(new BenchCommand());
    }
}
