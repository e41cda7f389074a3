package io.mysync.writer.elasticsearch;

import io.mysync.writer.api.StoreRefusedException;
import io.mysync.common.tls.TlsFailure;
import java.io.IOException;
import java.security.cert.CertificateException;
import org.elasticsearch.client.ResponseException;

/**
 * Answers of Elasticsearch that no retry fixes and no event is to blame for: a refused login (401), a missing
 * privilege (403) and a certificate the client does not trust. They stop the writer with one line.
 */
final class EsRefusals {

    private EsRefusals() {
    }

    /** @throws StoreRefusedException when {@code status} is 401 or 403 */
    static void checkStatus(int status, String detail, Throwable cause) {
        if (status == 401) {
            throw new StoreRefusedException("Elasticsearch refused the login (401: " + detail + "); fix: check "
                    + "sinks.elasticsearch.api_key, or username and password", cause);
        }
        if (status == 403) {
            throw new StoreRefusedException("Elasticsearch denied the writer (403: " + detail + "); fix: give its "
                    + "user or API key the index privileges create_index, index, delete, read and "
                    + "view_index_metadata on the mapped indices", cause);
        }
    }

    /** @throws StoreRefusedException when {@code e} is a 401 or 403 answer, or a certificate problem */
    static void check(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ResponseException response) { // also inside the Java client's TransportException
                checkStatus(response.getResponse().getStatusLine().getStatusCode(),
                        response.getResponse().getStatusLine().getReasonPhrase(), e);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateException && String.valueOf(t.getMessage()).startsWith("Untrusted certificate")) {
                // the Java client's fingerprint check: no certificate of the chain has the configured fingerprint
                throw new StoreRefusedException("TLS to Elasticsearch failed: no certificate in the chain it sent "
                        + "has the SHA-256 fingerprint in sinks.elasticsearch.ssl.ca_fingerprint (" + t.getMessage()
                        + "); fix: take the fingerprint of the CA that signed the nodes' certificates (openssl x509 "
                        + "-fingerprint -sha256 -in ca.crt), or give the CA file as ssl.ca", e);
            }
        }
        var tls = TlsFailure.of(e).filter(failure -> failure != TlsFailure.HANDSHAKE);
        if (tls.isPresent()) {
            throw new StoreRefusedException(tls.get().describe("Elasticsearch",
                    "sinks.elasticsearch.ssl.ca or ssl.ca_fingerprint", e), e);
        }
    }
}
