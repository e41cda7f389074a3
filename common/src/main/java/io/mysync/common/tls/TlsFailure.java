package io.mysync.common.tls;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Why a TLS connection failed, read from the exception types in a cause chain (never from message text), so that a
 * certificate problem, which no retry can fix, stops MySync with the setting to change instead of a retry loop.
 */
public enum TlsFailure {
    /** The server's certificate does not chain to a trusted CA. */
    UNTRUSTED_CERTIFICATE,
    /** The certificate is trusted but names another host. */
    HOST_MISMATCH,
    /** The handshake failed otherwise (protocol or cipher mismatch, a client certificate the server refused). */
    HANDSHAKE;

    /** The first TLS failure in {@code error}'s cause chain, if any. */
    public static Optional<TlsFailure> of(Throwable error) {
        boolean certificate = false;
        boolean handshake = false;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                return Optional.of(UNTRUSTED_CERTIFICATE);
            }
            certificate |= t instanceof CertificateException;
            handshake |= t instanceof SSLException;
            if (t.getClass().getSimpleName().equals("IdentityVerificationException")) { // the binlog library's
                return Optional.of(HOST_MISMATCH);
            }
        }
        if (certificate) {
            return Optional.of(HOST_MISMATCH);
        }
        return handshake ? Optional.of(HANDSHAKE) : Optional.empty();
    }

    /**
     * One line naming the cause and the fix.
     *
     * @param server what was connected to, e.g. {@code the source mysync@db:3306}
     * @param settings the settings that choose the CA and the mode, e.g. {@code source.ssl.ca}
     */
    public String describe(String server, String settings, Throwable error) {
        String detail = innermost(error);
        return switch (this) {
            case UNTRUSTED_CERTIFICATE -> "TLS to " + server + " failed: its certificate is not signed by a trusted "
                    + "CA (" + detail + "); fix: point " + settings + " at the CA that signed it";
            case HOST_MISMATCH -> "TLS to " + server + " failed: its certificate does not name the host connected "
                    + "to (" + detail + "); fix: connect by a name or address in the certificate, or check the CA "
                    + "only (" + settings + ")";
            case HANDSHAKE -> "TLS to " + server + " failed during the handshake (" + detail + "); fix: check "
                    + settings + " and the server's TLS settings";
        };
    }

    private static String innermost(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
