package io.mysync.reader;

import static org.assertj.core.api.Assertions.assertThat;

import com.mysql.cj.exceptions.UnableToConnectException;
import io.mysync.config.load.ConfigLoader;
import io.mysync.config.model.SourceConfig;
import io.mysync.reader.source.SourceErrors;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourceErrorsTest {

    @ParameterizedTest
    @CsvSource({
            "1045, true",   // access denied: wrong password
            "1044, true",   // no access to the server
            "1226, true",   // resource limit exceeded
            "1251, true",   // authentication method not supported
            "3159, true",   // MySQL require_secure_transport=ON and a plaintext connection
            "0, false",     // connection refused or reset: the server may come back
            "1040, false",  // too many connections: may clear
            "2013, false",  // lost connection during query
            "1053, false"   // server shutdown in progress
    })
    void classifiesByErrorCode(int code, boolean fatal) {
        SQLException e = new SQLException("message text is never looked at", "HY000", code);
        assertThat(SourceErrors.fatalFix(e).isPresent()).isEqualTo(fatal);
    }

    /**
     * A caching_sha2_password login without TLS that may not fetch the server's RSA key is refused with the two
     * fixes; with either TLS or the retrieval allowed the same error is not taken for that cause.
     */
    @ParameterizedTest
    @CsvSource({
            "'{ mode: disabled }', false, true",
            "'{ mode: disabled }', true, false",
            "'{ mode: preferred }', false, false"})
    void aRefusedPublicKeyRetrievalNamesBothFixes(String ssl, boolean allow, boolean refused) {
        SourceConfig source = new ConfigLoader(Map.of()).read("t.yaml", """
                source: { id: shop, url: "mysql://u@h:1", server_id: 99, ssl: %s, allow_public_key_retrieval: %s }
                kafka: { bootstrap: "h:1" }
                sinks: { memo: { url: "memo://h" } }
                mappings: [ { table: shop.orders, memo: { key: "order:{id}" } } ]
                """.formatted(ssl, allow)).source();
        SQLException e = new SQLNonTransientConnectionException("message text is never looked at", "08001", 0,
                new UnableToConnectException("Public Key Retrieval is not allowed"));
        var refusal = SourceErrors.refusal(e, source);
        assertThat(refusal.isPresent()).isEqualTo(refused);
        refusal.ifPresent(r -> assertThat(r.getMessage()).contains("source.ssl.mode")
                .contains("source.allow_public_key_retrieval"));
        assertThat(SourceErrors.refusal(new SQLNonTransientConnectionException("other", "08001", 0), source))
                .as("the same state without Connector/J's cause is another failure").isEmpty();
    }
}
