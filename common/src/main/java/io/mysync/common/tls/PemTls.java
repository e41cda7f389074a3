package io.mysync.common.tls;

import io.mysync.common.secret.Redaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS material from PEM files, as servers' administrators hand it out: a CA certificate (or bundle) to trust, and
 * optionally a client certificate with its unencrypted PKCS#8 key. Turns them into the key stores and SSL contexts
 * the clients of MySQL, Redis and Elasticsearch take. Problems are {@link IllegalArgumentException}s naming the file
 * and the fix.
 */
public final class PemTls {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PemTls() {
    }

    /** Every certificate in a PEM file. */
    public static List<X509Certificate> certificates(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toList();
            if (out.isEmpty()) {
                throw new IllegalArgumentException(file + " holds no certificate (expected PEM: -----BEGIN "
                        + "CERTIFICATE-----)");
            }
            return out;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the certificate file " + file + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not a PEM certificate: " + e.getMessage());
        }
    }

    /** An unencrypted PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}), RSA or EC. */
    public static PrivateKey privateKey(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the key file " + file + ": " + e.getMessage());
        }
        if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException(file + " is not an unencrypted PKCS#8 PEM key (-----BEGIN PRIVATE "
                    + "KEY-----); convert it with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem");
        }
        String base64 = text.substring(text.indexOf("-----BEGIN PRIVATE KEY-----") + 27,
                text.indexOf("-----END PRIVATE KEY-----")).replaceAll("\\s", "");
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException(file + " holds a key that is neither RSA, EC nor Ed25519");
    }

    /** A key store trusting every certificate of the CA file. */
    public static KeyStore trustStore(Path caFile) {
        try {
            KeyStore store = emptyStore();
            int i = 0;
            for (X509Certificate ca : certificates(caFile)) {
                store.setCertificateEntry("ca-" + i++, ca);
            }
            return store;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust store: " + e, e);
        }
    }

    /** A key store holding the client's key and certificate chain under {@code password}. */
    public static KeyStore keyStore(Path certificateFile, Path keyFile, char[] password) {
        try {
            KeyStore store = emptyStore();
            store.setKeyEntry("client", privateKey(keyFile), password,
                    certificates(certificateFile).toArray(new Certificate[0]));
            return store;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the key " + keyFile + " does not fit the certificate "
                    + certificateFile + ": " + e.getMessage());
        }
    }

    /**
     * An SSL context that trusts the CA file (or, without one, the JVM's trusted CAs), or trusts any server when
     * {@code verify} is false, and presents the client certificate when one is given.
     */
    public static SSLContext context(Optional<Path> caFile, Optional<Path> certificate, Optional<Path> key,
                                     boolean verify) {
        try {
            TrustManager[] trust;
            if (!verify) {
                trust = new TrustManager[] {new TrustingManager()};
            } else {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init(caFile.map(PemTls::trustStore).orElse(null));
                trust = factory.getTrustManagers();
            }
            KeyManager[] keys = null;
            if (certificate.isPresent()) {
                char[] password = password();
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(keyStore(certificate.get(), key.orElseThrow(() -> new IllegalArgumentException(
                        "a client certificate needs its key file too")), password), password);
                keys = factory.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, RANDOM);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e, e);
        }
    }

    /**
     * Writes a key store to a PKCS#12 file only this user may read, removed when the JVM exits: for clients that
     * take a key store's URL (MySQL Connector/J). The password is masked in everything MySync prints.
     */
    public static Path pkcs12File(KeyStore store, char[] password, String name) {
        try {
            Path file = Files.createTempFile("mysync-" + name + "-", ".p12",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            file.toFile().deleteOnExit();
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password);
            }
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write a temporary key store: " + e, e);
        }
    }

    /** A random key store password, registered for masking. */
    public static char[] password() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Redaction.register(password);
        return password.toCharArray();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return store;
    }

    /** For ssl modes that encrypt without checking the server (required, preferred): like the MySQL client's. */
    private static final class TrustingManager implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
