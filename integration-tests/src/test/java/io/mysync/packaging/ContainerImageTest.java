package io.mysync.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image, built here with podman from deploy/container/Containerfile on a Java 17 base made from
 * Debian's packages. Containers cannot run on this machine (crun: "setrlimit RLIMIT_NOFILE: Operation not
 * permitted", also at the current hard limits), so the image is checked as what it is: its configuration, its
 * layers, and its root file system, in which the entrypoint runs under chroot as the image's user.
 */
class ContainerImageTest {

    private static final String TAG = "localhost/mysync-test:latest";
    private static JsonNode config;

    @BeforeAll
    static void buildImage() throws IOException {
        Shell build = Shell.run(Shell.ROOT, Map.of(), 1200, Shell.ROOT.resolve("deploy/container/build-image.sh")
                .toString(), TAG);
        assertThat(build.code()).as(build.output()).isZero();
        Shell inspect = Shell.run(Shell.ROOT, Map.of(), 60, "podman", "image", "inspect", TAG);
        assertThat(inspect.code()).as(inspect.output()).isZero();
        config = new ObjectMapper().readTree(inspect.output()).get(0).get("Config");
    }

    @Test
    void runsMySyncAsANonRootUserWithContainerAwareMemory() {
        assertThat(config.path("User").asText()).isEqualTo("10001:10001");
        assertThat(config.path("Entrypoint").toString()).isEqualTo("[\"/opt/mysync/bin/mysync\"]");
        assertThat(config.path("Env").toString()).contains("MYSYNC_HEAP=auto", "MYSYNC_LOG_FORMAT=json")
                .as("Java is the base's: its JAVA_HOME or PATH").doesNotContain("JAVA_HOME=/usr\"");
        assertThat(config.path("ExposedPorts").has("9464/tcp")).isTrue();
    }

    @Test
    void theProductIsThreeLayersOnTheBaseWithTheDependenciesFirst() {
        Shell history = Shell.run(Shell.ROOT, Map.of(), 60, "podman", "history", "--format",
                "{{.CreatedBy}}|{{.Size}}", TAG);
        List<String> copies = history.output().lines().filter(l -> l.contains("COPY")).toList();
        assertThat(copies).hasSize(3);
        assertThat(copies.get(copies.size() - 1)).as("the first COPY, lib/, is the big one").contains("MB");
    }

    @Test
    void theEntrypointPrintsTheVersionInsideTheImagesRootFileSystem(@TempDir Path root) throws IOException {
        Shell create = Shell.run(Shell.ROOT, Map.of(), 60, "podman", "create", TAG);
        assertThat(create.code()).as(create.output()).isZero();
        String container = create.output().strip().lines().reduce((a, b) -> b).orElseThrow();
        try {
            Shell export = Shell.run(root, Map.of(), 300, "sh", "-c",
                    "podman export " + container + " | tar -x -C " + root);
            assertThat(export.code()).as(export.output()).isZero();
        } finally {
            Shell.run(Shell.ROOT, Map.of(), 60, "podman", "rm", container);
        }
        Files.createDirectories(root.resolve("proc"));
        // Debian's layout: no JAVA_HOME, java on PATH
        Shell onPath = runInRoot(root, "");
        assertThat(onPath.code()).as(onPath.output()).isZero();
        assertThat(onPath.output()).startsWith("MySync ").contains("Java 17");
        // eclipse-temurin's layout: JAVA_HOME=/opt/java/openjdk, which the launcher must prefer to PATH; its java here
        // says so before running the base's own
        Path temurin = Files.createDirectories(root.resolve("opt/java/openjdk/bin"));
        Files.writeString(temurin.resolve("java"), "#!/bin/sh\necho 'java of JAVA_HOME' >&2\nexec /usr/bin/java \"$@\"\n");
        Shell.run(root, Map.of(), 10, "chmod", "755", temurin.resolve("java").toString());
        Shell fromHome = runInRoot(root, "JAVA_HOME=/opt/java/openjdk");
        assertThat(fromHome.code()).as(fromHome.output()).isZero();
        assertThat(fromHome.output()).contains("java of JAVA_HOME").contains("MySync ").contains("Java 17");
        // a JAVA_HOME without java is named, not a "not found" from exec
        Shell wrongHome = runInRoot(root, "JAVA_HOME=/opt/nothing");
        assertThat(wrongHome.code()).isEqualTo(1);
        assertThat(wrongHome.output()).contains("JAVA_HOME=/opt/nothing has no bin/java");
    }

    /** {@code build-image.sh --stores redis}: an image whose lib/stores/ holds the Redis store only. */
    @Test
    void anImageWithChosenStoresCarriesNoOtherStore() throws IOException {
        String redisOnly = "localhost/mysync-test:redis";
        Shell build = Shell.run(Shell.ROOT, Map.of(), 1200, Shell.ROOT.resolve("deploy/container/build-image.sh")
                .toString(), "--stores", "redis", redisOnly);
        assertThat(build.code()).as(build.output()).isZero();
        assertThat(build.output()).contains("with the stores: redis");
        Shell create = Shell.run(Shell.ROOT, Map.of(), 60, "podman", "create", redisOnly);
        assertThat(create.code()).as(create.output()).isZero();
        String container = create.output().strip().lines().reduce((a, b) -> b).orElseThrow();
        List<String> stores;
        try {
            // the names under lib/stores/, whether tar lists the directories themselves or only their files
            Shell listing = Shell.run(Shell.ROOT, Map.of(), 300, "sh", "-c", "podman export " + container
                    + " | tar -t | sed -n 's#^opt/mysync/lib/stores/\\([^/][^/]*\\).*#\\1#p' | sort -u");
            stores = listing.output().lines().filter(line -> !line.isBlank()).toList();
        } finally {
            Shell.run(Shell.ROOT, Map.of(), 60, "podman", "rm", container);
        }
        assertThat(stores).containsExactly("redis");
        Shell unknown = Shell.run(Shell.ROOT, Map.of(), 120, Shell.ROOT.resolve("deploy/container/build-image.sh")
                .toString(), "--stores", "redis,cassandra", redisOnly);
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.output()).contains("--stores names 'cassandra', which the distribution does not have");
    }

    /** {@code mysync --version} as the image's user in its root file system, with {@code env} added. */
    private static Shell runInRoot(Path root, String env) {
        // the JVM finds libjli.so through $ORIGIN, which needs /proc inside the root
        // JUnit makes its temporary directory private to root; the image's root directory is world-readable
        return Shell.run(root, Map.of(), 120, "sh", "-c", "chmod 755 " + root + " && mount -t proc proc " + root
                + "/proc && chroot --userspec=10001:10001 " + root + " /usr/bin/env -i PATH=/usr/bin:/bin "
                + "MYSYNC_HEAP=auto MYSYNC_LOG_FORMAT=json " + env + " /opt/mysync/bin/mysync --version; rc=$?; umount "
                + root + "/proc; exit $rc");
    }
}
