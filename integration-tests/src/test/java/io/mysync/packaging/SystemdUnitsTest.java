package io.mysync.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The systemd units pass {@code systemd-analyze verify} with no warning at all. The check needs the executable to
 * exist, so the copy verified runs the product distribution from where the build unpacked it instead of /opt/mysync.
 */
class SystemdUnitsTest {

    @ParameterizedTest
    @ValueSource(strings = {"mysync-reader@.service", "mysync-writer@.service"})
    void unitVerifiesCleanly(String unit, @TempDir Path dir) throws IOException {
        String text = Files.readString(Shell.ROOT.resolve("deploy/systemd").resolve(unit));
        assertThat(text).contains("ExecStart=/opt/mysync/bin/mysync ", "Restart=on-failure",
                "RestartPreventExitStatus=2 3 4", "NoNewPrivileges=yes", "ProtectSystem=strict", "User=mysync");
        Path instance = dir.resolve(unit.replace("@.", "@shop."));
        Files.writeString(instance, text.replace("/opt/mysync", Shell.distribution().toString()));

        Shell verify = Shell.run(dir, Map.of(), 60, "systemd-analyze", "verify", instance.toString());

        assertThat(verify.output()).as("systemd-analyze verify says nothing").isEmpty();
        assertThat(verify.code()).isZero();
    }

    /**
     * The reader and the writer of one source on one host read the same file: their units' commands (ExecStart with
     * the unit's Environment, %i = shop) run side by side, each answering on its own health port, and a third process
     * on the reader's port stops at once with exit code 4, which the units do not restart.
     */
    @Test
    void theReaderAndTheWriterOfASourceRunSideBySide(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("shop.yaml"), """
                source: { id: shop, url: "mysql://cdc@127.0.0.1:1", password: pw, server_id: 5401 }
                kafka: { bootstrap: "127.0.0.1:1" }
                sinks: { redis: { url: "redis://127.0.0.1:1" } }
                metrics: { bind: 127.0.0.1 }
                mappings: [ { table: shop.orders, redis: { key: "order:{id}" } } ]
                """);
        List<Process> units = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        try {
            for (String unit : List.of("mysync-reader@.service", "mysync-writer@.service")) {
                String text = Files.readString(Shell.ROOT.resolve("deploy/systemd").resolve(unit));
                Map<String, String> env = new HashMap<>();
                text.lines().filter(l -> l.startsWith("Environment=")).flatMap(l -> Arrays.stream(l.substring(12)
                        .split("\\s+"))).forEach(pair -> env.put(pair.split("=", 2)[0], pair.split("=", 2)[1]));
                String exec = text.lines().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow()
                        .substring(10).replace("/etc/mysync/%i.yaml", config.toString())
                        .replace("/opt/mysync", Shell.distribution().toString());
                Matcher variable = Pattern.compile("\\$\\{?(\\w+)}?").matcher(exec);
                exec = variable.replaceAll(m -> Matcher.quoteReplacement(env.getOrDefault(m.group(1), "")));
                ports.add(Integer.parseInt(env.get(unit.contains("reader") ? "MYSYNC_READER_METRICS_PORT"
                        : "MYSYNC_WRITER_METRICS_PORT")));
                ProcessBuilder builder = new ProcessBuilder(exec.trim().split("\\s+")).directory(dir.toFile())
                        .redirectErrorStream(true).redirectOutput(dir.resolve(unit + ".log").toFile());
                builder.environment().putAll(env);
                units.add(builder.start());
            }
            assertThat(ports).doesNotHaveDuplicates();
            for (int port : ports) {
                HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
                        .build();
                await("the process on port " + port + " answers").atMost(Duration.ofSeconds(90))
                        .ignoreExceptions().until(() -> http.send(live, HttpResponse.BodyHandlers.ofString())
                                .statusCode() > 0);
            }
            assertThat(units).allMatch(Process::isAlive);
            Shell third = Shell.run(dir, Map.of(), 90, Shell.distribution().resolve("bin/mysync").toString(),
                    "reader", "--config", config.toString(), "--metrics-port", ports.get(0).toString());
            assertThat(third.code()).as(third.output()).isEqualTo(4);
            assertThat(third.output()).contains("another process holds the port").contains("--metrics-port");
        } finally {
            units.forEach(Process::destroyForcibly);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mysync-reader@.service", "mysync-writer@.service"})
    void aStopWaitsLongerThanTheDrain(String unit) throws IOException {
        String text = Files.readString(Shell.ROOT.resolve("deploy/systemd").resolve(unit));
        int timeout = Integer.parseInt(text.replaceAll("(?s).*\nTimeoutStopSec=(\\d+)\n.*", "$1"));
        // the reader drains for up to 30 s (in-flight acknowledgements) + 30 s (producer close); a writer's consumer
        // leaves its group within 10 s after applying what it holds
        assertThat(timeout).isGreaterThan(unit.contains("reader") ? 60 : 10);
    }
}
