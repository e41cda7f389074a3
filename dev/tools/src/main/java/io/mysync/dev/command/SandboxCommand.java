package io.mysync.dev.command;

import io.mysync.dev.demo.DemoSchema;
import io.mysync.dev.demo.SecureDemoConfig;
import io.mysync.sandbox.Sandbox;
import io.mysync.sandbox.SandboxLayout;
import io.mysync.sandbox.server.SqlServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mysync sandbox start|stop|status}. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = "Start, stop or show the local servers (MariaDB, MySQL 8, Kafka, ZooKeeper, Redis, "
                + "Elasticsearch and its HTTPS front, HBase) on ports of their own under the run directory "
                + "($MYSYNC_RUN_DIR, default ./run).")
public final class SandboxCommand implements Callable<Integer> {

    static final String SECURE_SOURCE = "secure_shop";

    @Parameters(paramLabel = "ACTION", description = "start, stop or status")
    String action;

    @Option(names = "--secure", description = "With start: also write run/secure/reader.yaml and writer.yaml, a "
            + "pipeline for the demo schema (database secure_shop) in which every connection uses TLS and a "
            + "credential: a REQUIRE SSL MariaDB user, Kafka SASL_SSL with ACLs, ZooKeeper digest login with HA, "
            + "Redis TLS as an ACL user, Elasticsearch HTTPS with an API key.")
    boolean secure;

    @Override
    public Integer call() throws Exception {
        Sandbox sandbox = new Sandbox(SandboxLayout.detect());
        switch (action) {
            case "start" -> {
                System.out.println("Starting the sandbox in " + sandbox.layout().runDir());
                sandbox.start(System.out);
                if (secure) {
                    writeSecureProfile(sandbox);
                }
                return 0;
            }
            case "stop" -> {
                sandbox.stop(System.out);
                return 0;
            }
            case "status" -> {
                return sandbox.status(System.out) ? 0 : 1;
            }
            default -> {
                System.err.println("unknown action '" + action + "'; use start, stop or status");
                return 2;
            }
        }
    }

    /** The demo schema in secure_shop (kept if it is there) and the two configs of the secure profile. */
    private static void writeSecureProfile(Sandbox sandbox) throws Exception {
        SqlServer mariadb = sandbox.mariadb();
        try (Connection db = DriverManager.getConnection(mariadb.jdbcUrl(""), "root", SqlServer.PASSWORD);
             ResultSet exists = db.getMetaData().getCatalogs()) {
            boolean found = false;
            while (exists.next()) {
                found |= exists.getString(1).equals(SECURE_SOURCE);
            }
            if (!found) {
                DemoSchema.create(db, SECURE_SOURCE);
            }
        }
        Path dir = sandbox.layout().runDir().resolve("secure");
        SecureDemoConfig.Profile profile = SecureDemoConfig.write(dir, sandbox, SECURE_SOURCE, SECURE_SOURCE,
                "/mysync-secure", "start: latest");
        Path run = Path.of("").toAbsolutePath().relativize(dir.toAbsolutePath());
        System.out.printf("""

                Secure profile for database %1$s on MariaDB %2$d: TLS and a credential on every connection, the
                secrets in %3$s.
                  %4$s   Kafka principal mysync-reader (may write only mysync.%1$s.* topics)
                  %5$s   Kafka principal mysync-writer (may read them and use its groups)
                Try it:
                  ./mysync dump   --config %4$s
                  ./mysync reader --config %4$s &
                  ./mysync writer --config %5$s &
                  ./mysync status --config %5$s
                then change rows: mariadb -h127.0.0.1 -P%2$d -uroot -p%6$s %1$s
                """, SECURE_SOURCE, mariadb.port(), run.resolve("secrets"), run.resolve("reader.yaml"),
                run.resolve("writer.yaml"), SqlServer.PASSWORD);
    }
}
