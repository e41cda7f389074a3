package io.mysync.cli.command;

import io.mysync.config.model.MySyncConfig;
import io.mysync.writer.deadletter.DeadLetter;
import io.mysync.writer.deadletter.DeadLetterLog;
import io.mysync.writer.deadletter.DeadLetterReplay;
import io.mysync.writer.deadletter.DeadLetterReplays;
import io.mysync.writer.deadletter.ReplayProgress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mysync dlq list|replay}: inspect the dead-letter topic and re-apply its events after a fix. */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "Inspect the dead-letter topic and re-apply its events once the cause is fixed.",
        subcommands = {DlqCommand.ListLetters.class, DlqCommand.Replay.class})
public final class DlqCommand implements Runnable {

    @Override
    public void run() {
        System.out.println("Use: mysync dlq list --config FILE | mysync dlq replay --config FILE [--sink NAME]");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Print every dead letter of the source: where it is, the sink, the row, the store's "
                    + "error and whether it was replayed.")
    static final class ListLetters implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Option(names = "--sink", paramLabel = "NAME", description = "Only this sink's letters")
        String sink;

        @Option(names = "--json", description = "One JSON object per line (the stored letter plus its partition, "
                + "offset and status) instead of a table")
        boolean json;

        @Override
        public Integer call() {
            MySyncConfig cfg = config.loadQuietly();
            try (DeadLetterLog log = new DeadLetterLog(cfg)) {
                List<DeadLetter> letters = log.readAll().stream()
                        .filter(l -> sink == null || l.sink().equals(sink)).toList();
                Map<String, ReplayProgress> progress = new HashMap<>();
                for (DeadLetter letter : letters) {
                    progress.computeIfAbsent(letter.sink(), log::replayProgress);
                }
                if (json) {
                    for (DeadLetter letter : letters) {
                        System.out.println(letter.toJsonNode().put("status",
                                status(letter, progress.get(letter.sink()))));
                    }
                    return 0;
                }
                printTable(log.topic(), letters, progress);
            }
            return 0;
        }

        private static void printTable(String topic, List<DeadLetter> letters, Map<String, ReplayProgress> progress) {
            if (letters.isEmpty()) {
                System.out.println("No dead letters in " + topic + ".");
                return;
            }
            System.out.printf("%-4s %-7s %-20s %-13s %-28s %-8s %-20s %-8s %-9s %s%n", "part", "offset", "time",
                    "sink", "table", "op", "seq", "attempts", "status", "error");
            int pending = 0;
            for (DeadLetter l : letters) {
                String status = status(l, progress.get(l.sink()));
                pending += status.equals("pending") ? 1 : 0;
                System.out.printf("%-4d %-7d %-20s %-13s %-28s %-8s %-20s %-8d %-9s %s%n", l.partition(), l.offset(),
                        l.time().toString().replaceFirst("\\.\\d+Z$", "Z"), l.sink(), l.table(), l.op(), l.seq(),
                        l.attempts(), status,
                        abbreviate(l.errorClass() + ": " + l.message(), 160));
            }
            System.out.println(letters.size() + " dead letter(s) in " + topic + ", " + pending + " pending replay.");
        }

        private static String status(DeadLetter letter, ReplayProgress progress) {
            return progress.covers(letter) ? "replayed" : "pending";
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Apply the pending dead letters to their sinks again, oldest first. Each event keeps its "
                    + "seq, so a row that changed since is left alone. A letter the store still rejects is "
                    + "dead-lettered again; the command then exits with 1.")
    static final class Replay implements Callable<Integer> {

        @Mixin
        ConfigOption config;

        @Option(names = "--sink", paramLabel = "NAME",
                description = "Only this sink's letters (default: every sink that has pending letters)")
        String sink;

        @Option(names = "--dry-run", description = "Print what would be replayed and change nothing")
        boolean dryRun;

        @Option(names = "--give-up-after", paramLabel = "DURATION", defaultValue = "60s",
                converter = DurationConverter.class,
                description = "How long to retry a store that is unavailable before stopping (default "
                        + "${DEFAULT-VALUE})")
        Duration giveUpAfter;

        @Override
        public Integer call() {
            DeadLetterReplays replays = new DeadLetterReplays(config.loadQuietly(), giveUpAfter,
                    d -> Thread.sleep(d.toMillis()));
            DeadLetterReplays.Summary summary = replays.replay(Optional.ofNullable(sink), dryRun,
                    new DeadLetterReplays.Listener() {
                        @Override
                        public void pending(String name, List<DeadLetter> letters) {
                            System.out.println(name + ": " + letters.size() + " pending letter(s)"
                                    + (dryRun ? " (dry run, nothing applied)" : ""));
                            if (dryRun) {
                                letters.forEach(l -> System.out.println("  would apply offset " + l.offset() + ": "
                                        + l.op() + " " + l.table() + " seq " + l.seq()));
                            }
                        }

                        @Override
                        public void outcome(String name, DeadLetterReplay.Outcome outcome) {
                            DeadLetter l = outcome.letter();
                            System.out.println("  offset " + l.offset() + " " + l.op() + " " + l.table() + " seq "
                                    + l.seq() + ": " + switch (outcome.result()) {
                                        case APPLIED -> "applied";
                                        case REJECTED_AGAIN -> "rejected again, " + outcome.detail();
                                        case NOT_REPLAYABLE -> "not replayable, " + outcome.detail();
                                    });
                        }
                    });
            if (!dryRun) {
                System.out.println("Replayed " + (summary.applied() + summary.rejectedAgain()) + " letter(s): "
                        + summary.applied() + " applied, " + summary.rejectedAgain() + " rejected again.");
            }
            return summary.rejectedAgain() == 0 ? 0 : 1;
        }
    }

    private static String abbreviate(String text, int max) {
        String line = text.replace('\n', ' ');
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
