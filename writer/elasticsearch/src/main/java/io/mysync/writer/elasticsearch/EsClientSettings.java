package io.mysync.writer.elasticsearch;

import co.elastic.clients.transport.TransportUtils;
import io.mysync.common.tls.PemTls;

import io.mysync.config.model.StoreTls;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.conn.ssl.NoopHostnameVerifier;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * The low-level REST client of {@code sinks.elasticsearch}: the nodes and their common path prefix, timeouts, the
 * login (API key or basic) and TLS (a CA file, or the CA's SHA-256 fingerprint, or the JVM's trusted CAs).
 */
final class EsClientSettings {

    private EsClientSettings() {
    }

    static RestClient restClient(ElasticsearchSinkConfig es) {
        int timeout = (int) es.timeout().toMillis();
        RestClientBuilder builder = RestClient.builder(es.hosts().stream()
                        .map(h -> HttpHost.create(h.replaceFirst("^(https?://[^/]+).*$", "$1")))
                        .toArray(HttpHost[]::new))
                .setRequestConfigCallback(r -> r.setConnectTimeout(timeout).setSocketTimeout(timeout));
        String prefix = ElasticsearchConfigKeys.pathPrefix(es.hosts().get(0));
        if (!prefix.isEmpty()) {
            builder.setPathPrefix(prefix);
        }
        es.apiKey().ifPresent(key -> builder.setDefaultHeaders(new Header[] {
                new BasicHeader("Authorization", "ApiKey " + key)}));
        Optional<SSLContext> tls = sslContext(es.tls());
        builder.setHttpClientConfigCallback(http -> {
            if (!es.username().isEmpty()) {
                BasicCredentialsProvider credentials = new BasicCredentialsProvider();
                credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(es.username(),
                        es.password()));
                http.setDefaultCredentialsProvider(credentials);
            }
            tls.ifPresent(http::setSSLContext);
            if (!es.tls().verifyHostname()) {
                http.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE);
            }
            return http;
        });
        return builder.build();
    }

    /** Empty: the JVM's trusted CAs (the client's default). */
    private static Optional<SSLContext> sslContext(StoreTls tls) {
        if (tls.caFingerprint().isPresent()) {
            return Optional.of(TransportUtils.sslContextFromCaFingerprint(tls.caFingerprint().get().replace(":", "")));
        }
        return tls.ca().map(ca -> PemTls.context(Optional.of(ca), Optional.empty(), Optional.empty(), true));
    }
}
