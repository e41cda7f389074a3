package io.mysync.sandbox.server;

import io.mysync.sandbox.SandboxLayout;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** MariaDB 10.11 from Debian's package, binlog in ROW format with full images and metadata. */
public final class MariaDbServer extends SqlServer {

    private final long serverId;
    private final List<String> extraFlags;

    public MariaDbServer(int port, SandboxLayout layout) {
        this("mariadb", port, 1, List.of(), layout);
    }

    /** A further instance, e.g. one of a replication pair, under the run directory's {@code name}. */
    public MariaDbServer(String name, int port, long serverId, List<String> extraFlags, SandboxLayout layout) {
        super(name, port, layout);
        this.serverId = serverId;
        this.extraFlags = List.copyOf(extraFlags);
    }

    @Override
    protected void prepare() throws Exception {
        if (!Files.isDirectory(dir().resolve("data/mysql"))) {
            Files.createDirectories(dir().resolve("data"));
            runTool(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + dir().resolve("data"),
                    "--user=root", "--auth-root-authentication-method=normal", "--skip-test-db"));
        }
        Files.createDirectories(dir().resolve("binlog"));
    }

    @Override
    protected List<String> command() throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/sbin/mariadbd", "--no-defaults", "--user=root",
                "--datadir=" + dir().resolve("data"), "--port=" + port(), "--bind-address=127.0.0.1",
                "--socket=" + socket(), "--pid-file=" + dir().resolve("mariadbd.pid"),
                "--log-error=" + dir().resolve("error.log"), "--server-id=" + serverId,
                "--log-bin=" + dir().resolve("binlog/mariadb-bin"), "--binlog-annotate-row-events=OFF",
                "--collation-server=utf8mb4_general_ci"));
        cmd.addAll(commonFlags());
        cmd.addAll(tlsFlags());
        cmd.addAll(extraFlags);
        return cmd;
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
