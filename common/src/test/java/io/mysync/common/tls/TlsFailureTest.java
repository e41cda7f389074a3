package io.mysync.common.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TlsFailureTest {

    static Stream<Arguments> chains() {
        return Stream.of(
                Arguments.of(new SQLException("link failure", wrap(new SSLHandshakeException("x"),
                        new CertificateException("y", new CertPathValidatorException("z")))),
                        Optional.of(TlsFailure.UNTRUSTED_CERTIFICATE)),
                Arguments.of(new IOException("x", wrap(new SSLHandshakeException("x"),
                        new CertificateException("No subject alternative names"))),
                        Optional.of(TlsFailure.HOST_MISMATCH)),
                Arguments.of(new IOException("x", new SSLHandshakeException("protocol")),
                        Optional.of(TlsFailure.HANDSHAKE)),
                Arguments.of(new SQLException("Access denied", "28000", 1045), Optional.empty()),
                Arguments.of(new IOException("Connection refused"), Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("chains")
    void classifiesByTheTypesInTheCauseChain(Exception error, Optional<TlsFailure> expected) {
        assertThat(TlsFailure.of(error)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("chains")
    void describesInOneLineNamingTheSetting(Exception error, Optional<TlsFailure> expected) {
        expected.ifPresent(kind -> assertThat(kind.describe("the source cdc@db:3306", "source.ssl.ca", error))
                .doesNotContain("\n").contains("source.ssl.ca").contains("the source cdc@db:3306"));
    }

    private static <T extends Throwable> T wrap(T outer, Throwable cause) {
        outer.initCause(cause);
        return outer;
    }
}
