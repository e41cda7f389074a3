package io.mysync.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Installs the Debian packages the sandbox runs (MariaDB, Redis) when a fresh machine lacks them. */
public final class DebianPackages {

    private DebianPackages() {
    }

    /** @param binaries executable path to the package that provides it */
    public static void ensure(Map<String, String> binaries) throws IOException, InterruptedException {
        Map<String, String> missing = new LinkedHashMap<>();
        binaries.forEach((binary, pkg) -> {
            if (!Files.isExecutable(Path.of(binary))) {
                missing.put(binary, pkg);
            }
        });
        if (missing.isEmpty()) {
            return;
        }
        String packages = String.join(" ", new java.util.LinkedHashSet<>(missing.values()));
        System.out.println("Installing Debian packages: " + packages);
        run("apt-get update -q");
        run("DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends " + packages);
        for (String binary : missing.keySet()) {
            if (!Files.isExecutable(Path.of(binary))) {
                throw new IllegalStateException(binary + " is still missing after installing " + packages);
            }
        }
    }

    private static void run(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sh", "-c", command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("'" + command + "' failed (exit " + p.exitValue() + "); the sandbox "
                    + "needs root and Debian's package mirrors to install it");
        }
    }
}
