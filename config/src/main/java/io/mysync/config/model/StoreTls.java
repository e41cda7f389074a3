package io.mysync.config.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS towards a store (the {@code ssl.*} keys of its {@code sinks.NAME} section): whom to trust and what to
 * present. Without a CA file or fingerprint the JVM's trusted CAs decide.
 *
 * @param caFingerprint  SHA-256 of a CA certificate in the server's chain (hex, colons allowed), trusted alone
 * @param verifyHostname whether the certificate must name the host of the URL
 */
@RecordBuilder
public record StoreTls(Optional<Path> ca, Optional<String> caFingerprint, Optional<Path> certificate,
                       Optional<Path> key, boolean verifyHostname) {

    public static StoreTls defaults() {
        return StoreTlsBuilder.builder().verifyHostname(true).build();
    }
}
