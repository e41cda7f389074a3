package io.mysync.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox's certificates, made with {@code openssl} on first start under {@code <run>/tls} and never committed:
 * a CA, a server certificate for 127.0.0.1 (IP address only, so a connection by the name {@code localhost} fails
 * host-name verification), a client certificate, the server's key and chain as PKCS#12 for Kafka, and a second CA
 * that signed none of them (the "wrong CA" of the tests). Keys are unencrypted PKCS#8 PEM.
 */
public final class SandboxCertificates {

    /** Password of the PKCS#12 files. */
    public static final String STORE_PASSWORD = "sandbox";

    private static final Object LOCK = new Object();

    private final Path dir;

    public SandboxCertificates(SandboxLayout layout) {
        this.dir = layout.runDir().resolve("tls");
    }

    public Path dir() {
        return dir;
    }

    public Path caCertificate() {
        return dir.resolve("ca.pem");
    }

    public Path serverCertificate() {
        return dir.resolve("server.pem");
    }

    public Path serverKey() {
        return dir.resolve("server-key.pem");
    }

    /** The server's key, certificate and the CA as PKCS#12 ({@link #STORE_PASSWORD}). */
    public Path serverKeyStore() {
        return dir.resolve("server.p12");
    }

    public Path clientCertificate() {
        return dir.resolve("client.pem");
    }

    public Path clientKey() {
        return dir.resolve("client-key.pem");
    }

    /** A CA that signed nothing the sandbox serves. */
    public Path otherCaCertificate() {
        return dir.resolve("other-ca.pem");
    }

    /** Makes the files unless they exist; safe to call from several servers' starts at once. */
    public void ensure() throws IOException, InterruptedException {
        synchronized (LOCK) {
            make();
        }
    }

    private void make() throws IOException, InterruptedException {
        if (Files.exists(serverKeyStore()) && Files.exists(otherCaCertificate())) {
            return;
        }
        Files.createDirectories(dir);
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650", "-subj", "/CN=MySync sandbox CA",
                "-keyout", "ca-key.pem", "-out", "ca.pem");
        signed("server", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n");
        signed("client", "/CN=mysync", "extendedKeyUsage=clientAuth\n");
        openssl("pkcs12", "-export", "-in", "server.pem", "-inkey", "server-key.pem", "-certfile", "ca.pem",
                "-name", "server", "-out", "server.p12", "-passout", "pass:" + STORE_PASSWORD);
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650", "-subj", "/CN=Some other CA",
                "-keyout", "other-ca-key.pem", "-out", "other-ca.pem");
    }

    private void signed(String name, String subject, String extensions) throws IOException, InterruptedException {
        Path ext = dir.resolve(name + ".ext");
        Files.writeString(ext, extensions, StandardCharsets.US_ASCII);
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout", name + "-key.pem",
                "-out", name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                "-days", "3650", "-extfile", ext.toString(), "-out", name + ".pem");
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("cannot make the sandbox's certificates: " + String.join(" ", command)
                    + " failed:\n" + out);
        }
    }
}
