package io.mysync.config.model;

/**
 * How the source connections use TLS, with the meanings of MySQL's {@code --ssl-mode}: DISABLED plaintext,
 * PREFERRED TLS when the server offers it, REQUIRED TLS or fail (server not checked), VERIFY_CA the server's
 * certificate must chain to the CA, VERIFY_IDENTITY also name the host connected to.
 */
public enum SslMode {
    DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY;

    public boolean verifies() {
        return this == VERIFY_CA || this == VERIFY_IDENTITY;
    }
}
