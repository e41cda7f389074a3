package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.dev.demo.DemoWorkload;
import io.mysync.sandbox.SandboxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Redis-only install (the product distribution with lib/stores/redis/ and no other store) streams the demo shop
 * into Redis through its own launcher, with no HBase, Elasticsearch or table-store jar on its class path.
 */
@ExtendWith(SandboxExtension.class)
class RedisOnlyInstallIT {

    @TempDir
    Path dir;

    @Test
    void aRedisOnlyInstallStreamsTheShopWithNoOtherStoreOnItsClassPath() throws Exception {
        Path install = redisOnlyCopyOfTheDistribution(dir.resolve("mysync"));
        ShopFixture shop = new ShopFixture(TestEnv.server("mariadb"), dir);
        Path log = dir.resolve("run.log");
        ProcessBuilder run = new ProcessBuilder(install.resolve("bin/mysync").toString(), "run", "--config",
                shop.configFile.toString()).directory(install.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        run.environment().put("MYSYNC_OPTS", "-XshowSettings:properties");
        Process process = run.start();
        try {
            try (Connection db = TestEnv.root(shop.server, shop.database)) {
                new DemoWorkload(db, shop.database).run(300, n -> { });
            }
            shop.awaitCaughtUp(Duration.ofMinutes(2));
            assertThat(process.isAlive()).as(Files.readString(log)).isTrue();
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        shop.assertRedisEqualsSource();

        String output = Files.readString(log, StandardCharsets.UTF_8);
        List<String> classPath = output.lines().dropWhile(l -> !l.trim().startsWith("java.class.path = "))
                .takeWhile(l -> l.trim().startsWith("java.class.path = ") || !l.contains(" = "))
                .map(String::trim).toList();
        assertThat(classPath).as(output).anyMatch(j -> j.contains("/lib/stores/redis/jedis-"))
                .noneMatch(j -> j.contains("hbase") || j.contains("elasticsearch") || j.contains("mysql_table"));
        // SIGTERM: the JVM runs the shutdown hooks (the reader disconnects, the writer commits) and exits with 143
        assertThat(process.exitValue()).as(output).isEqualTo(143);
        assertThat(output).contains("Binlog stream disconnected");
        assertThat(output).doesNotContain("Exception");
    }

    /** lib/ and lib/stores/redis/ of the build's distribution, with bin/ and conf/: what a Redis-only image holds. */
    private static Path redisOnlyCopyOfTheDistribution(Path target) throws IOException {
        Path dist = io.mysync.sandbox.SandboxLayout.detect().projectRoot().resolve("deploy/dist/target");
        Path source;
        try (Stream<Path> dirs = Files.list(dist)) {
            Path outer = dirs.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("mysync-"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no deploy/dist/target/mysync-*: run "
                            + "mvn package first"));
            source = outer.resolve(outer.getFileName());
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path relative = source.relativize(file);
                if (relative.startsWith("lib/stores") && relative.getNameCount() > 2
                        && !relative.getName(2).toString().equals("redis")) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }
}
