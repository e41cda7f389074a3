package io.mysync.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the sandbox keeps its data and finds server jars. The run directory is {@code $MYSYNC_RUN_DIR}, else
 * {@code <project>/run}; server jars come from the distribution's {@code servers/NAME} or, in a source tree, from
 * {@code dev/servers/NAME/target/server-lib}.
 */
public record SandboxLayout(Path runDir, Path projectRoot, Path distributionHome) {

    public static SandboxLayout detect() {
        Path root = findProjectRoot();
        String runEnv = System.getenv("MYSYNC_RUN_DIR");
        Path run = runEnv != null && !runEnv.isBlank() ? Path.of(runEnv) : root.resolve("run");
        String home = System.getenv("MYSYNC_HOME");
        return new SandboxLayout(run.toAbsolutePath().normalize(), root,
                home == null ? null : Path.of(home).toAbsolutePath());
    }

    private static Path findProjectRoot() {
        String property = System.getProperty("mysync.root");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        String env = System.getenv("MYSYNC_ROOT");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("dev/servers"))) {
                return d;
            }
        }
        return dir;
    }

    public Path dataOf(String server) {
        return runDir.resolve(server);
    }

    /** Directory holding a server's jars. */
    public Path serverJars(String server) {
        if (distributionHome != null && Files.isDirectory(distributionHome.resolve("servers/" + server))) {
            return distributionHome.resolve("servers/" + server);
        }
        Path built = projectRoot.resolve("dev/servers/" + server + "/target/server-lib");
        if (Files.isDirectory(built)) {
            return built;
        }
        throw new IllegalStateException("the " + server + " server jars are missing (looked in " + built
                + "); build the project first: mvn -q -DskipTests package");
    }
}
