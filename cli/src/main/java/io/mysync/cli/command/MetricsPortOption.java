package io.mysync.cli.command;

import io.mysync.common.error.UsageException;
import io.mysync.config.model.MySyncConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * {@code --metrics-port}: this process's metrics and health port, over the file's {@code metrics.port}. A reader and
 * a writer of one source on one host read the same file; the systemd units give each its own port this way.
 */
public final class MetricsPortOption {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsPortOption.class);

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Port of this process's metrics and health endpoint, instead of the file's metrics.port "
                    + "(0: any free port, -1: off)")
    Integer port;

    public MySyncConfig apply(MySyncConfig config) {
        if (port == null) {
            return config;
        }
        if (port < -1 || port > 65535) {
            throw new UsageException("--metrics-port " + port + " is not a port: give 0 to 65535, or -1 to turn the "
                    + "endpoint off");
        }
        LOG.info("metrics.port = {} (--metrics-port, over the file's {})", port, config.monitoring().metricsPort());
        return config.withMetricsPort(port);
    }
}
