package io.mysync.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.cli.Main;
import io.mysync.cli.command.Pipeline;
import io.mysync.cli.demo.DemoWorkload;
import io.mysync.sandbox.SandboxCertificates;
import io.mysync.sandbox.SandboxExtension;
import io.mysync.sandbox.server.SqlServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pipeline against servers that require TLS and credentials, and each wrong CA, wrong host and missing TLS
 * refused with one line naming the setting (exit 3) before anything is written.
 */
@ExtendWith(SandboxExtension.class)
class SecureConnectionsIT {

    @TempDir
    Path dir;

    /** A user created with REQUIRE SSL streams over TLS whose certificate and host name are checked. */
    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void streamsOverVerifiedTlsAsAUserThatRequiresIt(String flavor) throws Exception {
        SqlServer server = server(flavor);
        ShopFixture shop = new ShopFixture(server, dir).withConfig(source(SqlServer.TLS_USER,
                "{ mode: verify_identity, ca: " + tls().caCertificate() + " }"));
        runWorkload(shop, 300);
        shop.assertRedisEqualsSource();
    }

    /** A user created with REQUIRE X509 gets in with the client certificate and key (PEM). */
    @Test
    void streamsWithAClientCertificate() throws Exception {
        SqlServer server = TestEnv.sandbox().mariadb();
        ShopFixture shop = new ShopFixture(server, dir).withConfig(source(SqlServer.X509_USER,
                "{ mode: verify_ca, ca: " + tls().caCertificate() + ", cert: " + tls().clientCertificate()
                        + ", key: " + tls().clientKey() + " }"));
        runWorkload(shop, 100);
        shop.assertRedisEqualsSource();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void aCertificateFromAnotherCaIsRefusedInOneLine(String flavor) throws Exception {
        ShopFixture shop = new ShopFixture(server(flavor), dir).withConfig(source(SqlServer.TLS_USER,
                "{ mode: verify_ca, ca: " + tls().otherCaCertificate() + " }"));
        Refusal refusal = runReader(shop);
        assertThat(refusal.code).isEqualTo(3);
        assertThat(refusal.line()).contains("not signed by a trusted CA").contains("source.ssl.ca")
                .doesNotContain("Exception:\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void aHostTheCertificateDoesNotNameIsRefusedInOneLine(String flavor) throws Exception {
        ShopFixture shop = new ShopFixture(server(flavor), dir).withConfig(source(SqlServer.TLS_USER,
                "{ mode: verify_identity, ca: " + tls().caCertificate() + " }")
                .andThen(yaml -> yaml.replace("@127.0.0.1:", "@localhost:"))::apply);
        Refusal refusal = runReader(shop);
        assertThat(refusal.code).isEqualTo(3);
        assertThat(refusal.line()).contains("does not name the host").contains("source.ssl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "mysql"})
    void aUserThatRequiresTlsWithTlsDisabledIsRefusedInOneLine(String flavor) throws Exception {
        ShopFixture shop = new ShopFixture(server(flavor), dir).withConfig(source(SqlServer.TLS_USER,
                "{ mode: disabled }"));
        Refusal refusal = runReader(shop);
        assertThat(refusal.code).isEqualTo(3);
        assertThat(refusal.line()).contains("source.ssl.mode");
    }

    private static SqlServer server(String flavor) throws Exception {
        return flavor.equals("mysql") ? TestEnv.sandbox().mysql() : TestEnv.sandbox().mariadb();
    }

    private static SandboxCertificates tls() throws Exception {
        return TestEnv.sandbox().certificates();
    }

    /** The source section as {@code user} with {@code ssl}. */
    private static UnaryOperator<String> source(String user, String ssl) {
        return yaml -> yaml.replace("mysync@", user + "@")
                .replace("  server_id:", "  ssl: " + ssl + "\n  server_id:");
    }

    private static void runWorkload(ShopFixture shop, int changes) throws Exception {
        try (Pipeline pipeline = new Pipeline(shop.config, true, Set.of(), true).start()) {
            try (Connection db = TestEnv.root(shop.server, shop.database)) {
                new DemoWorkload(db, shop.database).run(changes, n -> { });
            }
            shop.awaitCaughtUp(Duration.ofMinutes(2));
            assertThat(pipeline.failure()).isNull();
        }
    }

    record Refusal(int code, String stderr) {
        /** The refusal's own line (the log repeats it with a time stamp). */
        String line() {
            return stderr.lines().filter(l -> l.startsWith("The reader cannot follow")).findFirst()
                    .orElse(stderr);
        }
    }

    /** {@code mysync reader} in this JVM; a refusal ends it. */
    private static Refusal runReader(ShopFixture shop) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = Main.execute("reader", "--config", shop.configFile.toString());
        } finally {
            System.setErr(original);
        }
        return new Refusal(code, err.toString(StandardCharsets.UTF_8));
    }
}
