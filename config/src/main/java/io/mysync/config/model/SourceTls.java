package io.mysync.config.model;

import io.mysync.common.tls.PemTls;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TLS of every connection to the source (the binlog stream and each SQL connection); see {@code SourceKeys}.
 *
 * @param ca PEM file of the CA the server's certificate must chain to; empty: the JVM's trusted CAs
 * @param certificate PEM client certificate, for servers that require one ({@code REQUIRE X509})
 * @param key the client certificate's unencrypted PKCS#8 PEM key
 */
@RecordBuilder
public record SourceTls(SslMode mode, Optional<Path> ca, Optional<Path> certificate, Optional<Path> key,
                        boolean allowPublicKeyRetrieval) {

    /** Key stores written for Connector/J, once per file. */
    private static final Map<Path, String> STORES = new ConcurrentHashMap<>();

    public static SourceTls disabled() {
        return SourceTlsBuilder.builder().mode(SslMode.DISABLED).allowPublicKeyRetrieval(false).build();
    }

    /**
     * Connector/J's URL parameters for this mode. Connector/J takes key stores, not PEM: the CA and the client
     * certificate are written to PKCS#12 files of this process only ({@link PemTls#pkcs12File}).
     */
    public String jdbcParameters() {
        StringBuilder p = new StringBuilder("sslMode=").append(mode.name())
                .append("&allowPublicKeyRetrieval=").append(allowPublicKeyRetrieval);
        if (mode == SslMode.DISABLED) {
            return p.toString();
        }
        if (mode.verifies() && ca.isPresent()) {
            p.append(STORES.computeIfAbsent(ca.get(), file -> store("trustCertificateKeyStore", file, null)));
        }
        certificate.ifPresent(cert -> p.append(STORES.computeIfAbsent(cert, file ->
                store("clientCertificateKeyStore", file, key.orElseThrow()))));
        return p.toString();
    }

    private static String store(String parameter, Path file, Path keyFile) {
        char[] password = PemTls.password();
        var store = keyFile == null ? PemTls.trustStore(file) : PemTls.keyStore(file, keyFile, password);
        Path stored = PemTls.pkcs12File(store, password, parameter);
        return "&" + parameter + "Url=" + stored.toUri() + "&" + parameter + "Type=PKCS12&" + parameter
                + "Password=" + new String(password);
    }
}
