package io.mysync.cli.command;

import io.mysync.common.error.UsageException;

import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.MySyncConfig;
import io.mysync.runtime.verify.LiveVerification;
import io.mysync.runtime.verify.VerifyView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mysync verify}: the source compared with the stores of a running pipeline, row by row. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Compare every captured row of the source (or a sample) with what each store holds, while "
                + "the pipeline runs. A row that differs is checked again once the sink has applied everything "
                + "the source had committed when the row was read; only rows that still differ while the source "
                + "row stayed the same are reported.",
                "Exit code: 0 when every store equals the source (after --repair: once repaired), 1 when a row "
                        + "differs, 2 for an invalid config."})
public final class VerifyCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "MySync YAML file")
    Path file;

    @Option(names = "--tables", split = ",", paramLabel = "DB.TABLE", description = "Only these tables")
    List<String> tables = List.of();

    @Option(names = "--sinks", split = ",", paramLabel = "NAME", description = "Only these sinks (default: all)")
    List<String> sinks = List.of();

    @Option(names = "--sample", paramLabel = "PERCENT", defaultValue = "100",
            description = "Share of each table's rows to compare, chosen by a hash of the key (default 100)")
    double sample;

    @Option(names = "--rate", paramLabel = "ROWS_PER_S", defaultValue = "0",
            description = "Read at most this many source rows a second per table, to spare the source (0: no limit)")
    long rate;

    @Option(names = "--settle-timeout", paramLabel = "DURATION", defaultValue = "2m",
            converter = DurationConverter.class,
            description = "How long to wait for the reader and a sink to catch up before a second look (default 2m)")
    Duration settleTimeout;

    @Option(names = "--repair", description = "Have the reader emit the rows that differ again (a backfill of "
            + "exactly their keys through __mysync.signal), then compare them once more")
    boolean repair;

    @Option(names = "--json", description = "One JSON document instead of tables")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (sample <= 0 || sample > 100) {
            throw new UsageException("--sample " + sample + " is not a percentage: give a number above 0 "
                    + "and up to 100");
        }
        MySyncConfig config = ConfigLoader.load(file);
        LiveVerification verification = new LiveVerification(config, new LiveVerification.Options(tables, sinks,
                sample, rate, settleTimeout, 3, repair), line -> {
                    if (!json) {
                        System.err.println(line);
                    }
                });
        List<LiveVerification.TableResult> results = verification.run();
        System.out.print(json ? VerifyView.json(results) + System.lineSeparator() : VerifyView.text(results, 100));
        System.out.flush();
        return results.stream().allMatch(r -> r.differences().isEmpty()) ? 0 : 1;
    }
}
