package io.mysync.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
                "RestartPreventExitStatus=2 3", "NoNewPrivileges=yes", "ProtectSystem=strict", "User=mysync");
        Path instance = dir.resolve(unit.replace("@.", "@shop."));
        Files.writeString(instance, text.replace("/opt/mysync", Shell.distribution().toString()));

        Shell verify = Shell.run(dir, Map.of(), 60, "systemd-analyze", "verify", instance.toString());

        assertThat(verify.output()).as("systemd-analyze verify says nothing").isEmpty();
        assertThat(verify.code()).isZero();
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
