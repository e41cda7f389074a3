package io.mysync.cli.command;

import io.mysync.runtime.monitor.AlertLevel;
import io.mysync.runtime.status.SourceStatus;
import io.mysync.runtime.status.StatusProbe;
import io.mysync.runtime.status.StatusView;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MySyncConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mysync status}: each source's reader, position, lag, sinks and dead letters, from the shared state. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show each source's readers (leader and standbys), checkpoint, lag behind the source, and "
                + "each sink's consumer lag, writers and dead letters, with a health per part by the alerts.* "
                + "thresholds.", "Exit code: 0 when nothing is critical, 1 when something is (or cannot be "
                + "reached), 2 for an invalid config."})
public final class StatusCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "MySync YAML file; repeat it for more sources")
    List<Path> files;

    @Option(names = "--json", description = "One JSON document instead of tables")
    boolean json;

    @Option(names = "--watch", arity = "0..1", paramLabel = "SECONDS", fallbackValue = "2",
            description = "Refresh every SECONDS (default 2) until Ctrl-C")
    Integer watch;

    @Override
    public Integer call() throws InterruptedException {
        List<MySyncConfig> configs = files.stream().map(ConfigLoader::load).toList();
        StatusProbe probe = new StatusProbe(Clock.systemUTC());
        while (true) {
            List<SourceStatus> sources = configs.stream().map(probe::probe).toList();
            if (watch != null && !json) {
                System.out.print("\033[H\033[2J"); // clear the terminal
                System.out.println("mysync status   " + java.time.Instant.now().toString().replaceFirst("\\.\\d+Z$",
                        "Z") + "   (every " + watch + " s, Ctrl-C to stop)\n");
            }
            System.out.print(json ? StatusView.json(sources) + System.lineSeparator()
                    : StatusView.text(sources, Clock.systemUTC().instant()));
            System.out.flush();
            if (watch == null) {
                return sources.stream().anyMatch(s -> s.health() == AlertLevel.CRITICAL) ? 1 : 0;
            }
            Thread.sleep(Math.max(1, watch) * 1000L);
        }
    }
}
