package io.mysync.cli.command;

import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MySyncConfig;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option shared by the commands that run the pipeline. */
public final class ConfigOption {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigOption.class);

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "MySync YAML file")
    Path file;

    /** Loads and validates the file, logging the effective settings once with secrets masked. */
    public MySyncConfig load() {
        MySyncConfig config = ConfigLoader.load(file);
        config.settings().forEach((key, value) -> LOG.info("config {} = {}", key, value));
        return config;
    }

    /** Loads and validates the file without logging the settings (for commands whose output is the point). */
    public MySyncConfig loadQuietly() {
        return ConfigLoader.load(file);
    }
}
