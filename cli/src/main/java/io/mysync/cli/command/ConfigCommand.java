package io.mysync.cli.command;

import io.mysync.config.load.ConfigLoader;
import io.mysync.config.load.ConfigReference;
import io.mysync.config.model.MySyncConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mysync config check FILE} and {@code mysync config reference}. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Check a config file or print the reference.",
        subcommands = {ConfigCommand.Check.class, ConfigCommand.Reference.class})
public final class ConfigCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("Use: mysync config check FILE | mysync config reference");
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate FILE without connecting anywhere; lists every problem with its line.")
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() {
            MySyncConfig config = ConfigLoader.load(file);
            System.out.println(file + ": OK (source " + config.source().id() + ", " + config.mappings().size()
                    + " mapping(s))");
            config.settings().forEach((key, value) -> System.out.println("  " + key + " = " + value));
            return 0;
        }
    }

    @Command(name = "reference", mixinStandardHelpOptions = true,
            description = "Print every configuration key as a Markdown table.")
    static final class Reference implements Runnable {
        @Override
        public void run() {
            System.out.print(ConfigReference.markdown());
        }
    }
}
