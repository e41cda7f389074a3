package io.mysync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** What each command reads from its arguments, parsed by the product's own command line and nothing run. */
class CommandLineParsingTest {

    private static ParseResult parse(String... args) {
        return Main.commandLine().parseArgs(args);
    }

    private static ParseResult leaf(ParseResult result) {
        ParseResult last = result;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        return last;
    }

    @Test
    void dlqReplayTakesItsSinkADryRunAndHowLongToWaitForAStore() {
        ParseResult replay = leaf(parse("dlq", "replay", "--config", "m.yaml", "--sink", "redis", "--dry-run",
                "--give-up-after", "2m"));
        assertThat(replay.commandSpec().name()).isEqualTo("replay");
        assertThat(replay.<String>matchedOptionValue("--sink", null)).isEqualTo("redis");
        assertThat(replay.<Boolean>matchedOptionValue("--dry-run", false)).isTrue();
        assertThat(replay.<Duration>matchedOptionValue("--give-up-after", null)).isEqualTo(Duration.ofMinutes(2));
        assertThat(leaf(parse("dlq", "replay", "-c", "m.yaml")).<Duration>matchedOptionValue("--give-up-after",
                Duration.ofSeconds(60))).as("default").isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void theWriterTakesTheSinksToRunAndItsMetricsPort() {
        ParseResult writer = leaf(parse("writer", "--config=m.yaml", "--sinks", "redis,elasticsearch",
                "--metrics-port", "9465"));
        assertThat(writer.matchedOption("--sinks").<List<String>>getValue()).containsExactly("redis", "elasticsearch");
        assertThat(writer.<Integer>matchedOptionValue("--metrics-port", 0)).isEqualTo(9465);
    }

    @Test
    void aCommandWithoutItsConfigFileOrWithAnUnknownOptionIsAUsageError() {
        assertThatThrownBy(() -> parse("reader")).isInstanceOf(CommandLine.MissingParameterException.class)
                .hasMessageContaining("--config");
        assertThatThrownBy(() -> parse("run", "--config", "m.yaml", "--sink", "redis"))
                .isInstanceOf(CommandLine.UnmatchedArgumentException.class);
        assertThatThrownBy(() -> parse("dlq", "replay", "--config", "m.yaml", "--give-up-after", "soon"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("soon");
        assertThat(Main.execute("dlq", "replay", "--config", "m.yaml", "--give-up-after", "soon")).isEqualTo(2);
    }
}
