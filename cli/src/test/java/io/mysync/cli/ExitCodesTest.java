package io.mysync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage errors exit 2 (the docs' "invalid configuration"), so supervisors such as systemd's
 * {@code RestartPreventExitStatus} do not restart a process that can never start; nothing here connects anywhere.
 */
class ExitCodesTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream stdout;
    private PrintStream stderr;

    @TempDir
    Path dir;

    @BeforeEach
    void capture() {
        stdout = System.out;
        stderr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
        System.setErr(stderr);
    }

    private Path config() throws Exception {
        return Files.writeString(dir.resolve("mysync.yaml"), """
                source: { id: shop, url: "mysql://cdc@127.0.0.1:1", password: pw, server_id: 5401 }
                kafka: { bootstrap: "127.0.0.1:1" }
                sinks: { redis: { url: "redis://127.0.0.1:1" } }
                mappings: [ { table: shop.orders, redis: { key: "order:{id}" } } ]
                """);
    }

    @Test
    void aSinkTheBuildDoesNotHaveExits2() throws Exception {
        assertThat(Main.execute("writer", "--config", config().toString(), "--sinks", "nosuch")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown sink 'nosuch'").contains("redis");
    }

    @Test
    void aSinkTheFileDoesNotConfigureExits2() throws Exception {
        assertThat(Main.execute("writer", "--config", config().toString(), "--sinks", "elasticsearch")).isEqualTo(2);
        assertThat(err.toString()).contains("--sinks elasticsearch").contains("no sinks.elasticsearch section");
    }

    @Test
    void aSampleAboveAHundredPercentExits2() throws Exception {
        assertThat(Main.execute("verify", "--config", config().toString(), "--sample", "150")).isEqualTo(2);
        assertThat(err.toString()).contains("--sample 150").contains("up to 100");
    }

    @Test
    void anUnknownOptionExits2() throws Exception {
        assertThat(Main.execute("reader", "--config", config().toString(), "--nosuch")).isEqualTo(2);
        assertThat(err.toString()).contains("--nosuch");
    }

    /** A second process on the host with the same metrics port stops with exit 4 and the flag that fixes it. */
    @Test
    void aMetricsPortHeldByAnotherProcessExits4() throws Exception {
        try (java.net.ServerSocket held = new java.net.ServerSocket(0)) {
            assertThat(Main.execute("reader", "--config", config().toString(), "--metrics-port",
                    Integer.toString(held.getLocalPort()))).isEqualTo(4);
        }
        assertThat(err.toString()).contains("another process holds the port").contains("--metrics-port");
    }

    @Test
    void aMetricsPortThatIsNoPortExits2() throws Exception {
        assertThat(Main.execute("writer", "--config", config().toString(), "--metrics-port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("--metrics-port 70000 is not a port");
    }

    @Test
    void helpAndNoArgumentsPrintTheUsage() {
        assertThat(Main.execute()).isZero();
        String bare = out.toString();
        out.reset();
        assertThat(Main.execute("help")).isZero();
        assertThat(out.toString()).isEqualTo(bare).contains("Usage: mysync").contains("reader").contains("writer");
        out.reset();
        assertThat(Main.execute("help", "dump")).isZero();
        assertThat(out.toString()).contains("Usage: mysync dump");
    }
}
