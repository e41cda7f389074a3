package io.mysync.writer.elasticsearch;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mysync.writer.api.StoreRefusedException;
import java.io.IOException;
import java.net.ConnectException;
import java.security.cert.CertificateException;
import org.junit.jupiter.api.Test;

/** Which answers of Elasticsearch stop the writer with the fix, and which leave it to retry. */
class EsRefusalsTest {

    @Test
    void aRefusedLoginAndAMissingPrivilegeStopTheWriterNamingTheSettingToFix() {
        assertThatThrownBy(() -> EsRefusals.checkStatus(401, "unable to authenticate", null))
                .isInstanceOf(StoreRefusedException.class).hasMessageContaining("refused the login (401")
                .hasMessageContaining("sinks.elasticsearch.api_key");
        assertThatThrownBy(() -> EsRefusals.checkStatus(403, "action [indices:data/write/bulk] is unauthorized", null))
                .isInstanceOf(StoreRefusedException.class).hasMessageContaining("denied the writer (403")
                .hasMessageContaining("create_index, index, delete, read and view_index_metadata");
    }

    @Test
    void otherStatusesAndAServerThatIsDownAreLeftToTheRetries() {
        assertThatCode(() -> EsRefusals.checkStatus(429, "too many requests", null)).doesNotThrowAnyException();
        assertThatCode(() -> EsRefusals.checkStatus(503, "unavailable", null)).doesNotThrowAnyException();
        assertThatCode(() -> EsRefusals.check(new ConnectException("Connection refused")))
                .doesNotThrowAnyException();
    }

    @Test
    void aChainWithoutTheConfiguredFingerprintIsACertificateToFix() {
        IOException untrusted = new IOException("TLS failed", new CertificateException(
                "Untrusted certificate: no certificate matches the fingerprint"));
        assertThatThrownBy(() -> EsRefusals.check(untrusted)).isInstanceOf(StoreRefusedException.class)
                .hasMessageContaining("sinks.elasticsearch.ssl.ca_fingerprint").hasMessageContaining("openssl x509");
    }
}
