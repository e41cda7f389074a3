package io.mysync.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.mysync.reader.source.SourceErrors;
import java.sql.SQLException;
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
}
