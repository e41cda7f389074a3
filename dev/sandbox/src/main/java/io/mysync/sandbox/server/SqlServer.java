package io.mysync.sandbox.server;

import io.mysync.common.sql.SourceDialect;
import io.mysync.sandbox.ProcessServer;
import io.mysync.sandbox.SandboxCertificates;
import io.mysync.sandbox.SandboxLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the MariaDB and MySQL sandbox servers share: a socket for set-up, a root user reachable over TCP and a
 * {@code mysync} user with exactly the grants the reader needs.
 */
public abstract class SqlServer extends ProcessServer {

    /**
     * Password of the sandbox's {@code root} and {@code mysync} users: not a word that appears in messages, since
     * logs mask every occurrence of a secret.
     */
    public static final String PASSWORD = "sandbox-sql-pw";

    /** A reader user with the same grants that must connect over TLS ({@code REQUIRE SSL}). */
    public static final String TLS_USER = "mysync_tls";

    /** A reader user that must present a client certificate signed by the sandbox's CA ({@code REQUIRE X509}). */
    public static final String X509_USER = "mysync_x509";

    protected SqlServer(String name, int port, SandboxLayout layout) {
        super(name, port, layout);
    }

    protected Path socket() {
        return dir().resolve(name() + ".sock");
    }

    /** Grants the reader needs on this server. */
    protected abstract String readerGrants();

    protected abstract String identifiedBy();

    /** How the reader's {@code mysync} user is identified. */
    protected String readerIdentifiedBy() {
        return identifiedBy();
    }

    /** How the TLS users are identified: the server's default, strongest method. */
    protected abstract String tlsIdentifiedBy();

    /** The server's certificate and key and the CA it trusts for client certificates. */
    protected List<String> tlsFlags() throws Exception {
        SandboxCertificates tls = new SandboxCertificates(layout);
        tls.ensure();
        return List.of("--ssl-ca=" + tls.caCertificate(), "--ssl-cert=" + tls.serverCertificate(),
                "--ssl-key=" + tls.serverKey());
    }

    /** {@code mariadb-admin ping} exits 0 whenever the server answers, even when it denies access. */
    @Override
    protected boolean answers() {
        try {
            Process p = new ProcessBuilder("mariadb-admin", "--no-defaults", "--socket=" + socket(), "-uroot",
                    "--connect-timeout=1", "ping").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    protected void afterStart() throws Exception {
        // kept out of the binlog: each server sets up its own users, and a replica's own GTIDs would stand in the
        // way of failover tests
        String sql = "SET SESSION sql_log_bin = 0;"
                + "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';"
                + "ALTER USER 'root'@'127.0.0.1' " + identifiedBy() + ";"
                + "GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
                + "CREATE USER IF NOT EXISTS 'mysync'@'%';"
                + "ALTER USER 'mysync'@'%' " + readerIdentifiedBy() + ";"
                + "GRANT " + readerGrants() + " ON *.* TO 'mysync'@'%';"
                + "GRANT CREATE, INSERT, UPDATE, SELECT ON `__mysync`.* TO 'mysync'@'%';"
                + readerUser(TLS_USER, "SSL") + readerUser(X509_USER, "X509")
                + "ALTER USER 'root'@'localhost' " + identifiedBy() + ";"
                + "FLUSH PRIVILEGES;";
        Process p = new ProcessBuilder("mariadb", "--no-defaults", "--socket=" + socket(), "-uroot",
                "-e", sql).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        if (p.waitFor() != 0) {
            Process again = new ProcessBuilder("mariadb", "--no-defaults", "--socket=" + socket(), "-uroot",
                    "-p" + PASSWORD, "-e", sql).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile())).start();
            if (again.waitFor() != 0) {
                throw new IllegalStateException("cannot create the sandbox users on " + name() + "; see " + logFile());
            }
        }
    }

    private String readerUser(String user, String require) {
        return "CREATE USER IF NOT EXISTS '" + user + "'@'%';"
                + "ALTER USER '" + user + "'@'%' " + tlsIdentifiedBy() + " REQUIRE " + require + ";"
                + "GRANT " + readerGrants() + " ON *.* TO '" + user + "'@'%';"
                + "GRANT CREATE, INSERT, UPDATE, SELECT ON `__mysync`.* TO '" + user + "'@'%';";
    }

    /** Runs SQL as root through the socket; returns its output (tab-separated, no headers). */
    public String sql(String statements) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("mariadb", "--no-defaults", "--socket=" + socket(), "-uroot",
                "-N", "-B", "-e", statements).redirectErrorStream(true);
        builder.environment().put("MYSQL_PWD", PASSWORD);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("SQL on " + name() + " failed: " + statements + "\n" + out);
        }
        return out.trim();
    }

    /** The statements this server's release speaks (binlog status, replication), read from its VERSION(). */
    public SourceDialect dialect() throws IOException, InterruptedException {
        return SourceDialect.ofVersion(sql("SELECT VERSION()"));
    }

    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port() + "/" + database
                + "?useSSL=false&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true"
                + "&useUnicode=true&characterEncoding=UTF-8";
    }

    /** {@code mysql://mysync@127.0.0.1:PORT} or {@code mariadb://...}, as {@code source.url} expects. */
    public abstract String sourceUrl();

    protected static List<String> commonFlags() {
        return List.of("--binlog-format=ROW", "--binlog-row-image=FULL", "--binlog-row-metadata=FULL",
                "--character-set-server=utf8mb4", "--default-time-zone=+05:30", "--skip-name-resolve",
                "--innodb-buffer-pool-size=256M", "--innodb-flush-log-at-trx-commit=2", "--sync-binlog=0",
                "--max-connections=300", "--max-allowed-packet=256M");
    }
}
