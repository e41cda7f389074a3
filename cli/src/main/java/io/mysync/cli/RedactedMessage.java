package io.mysync.cli;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.mysync.common.secret.Redaction;

/**
 * The log layout's {@code %msg}: every secret the configuration holds (and any password in a URL) masked, also in
 * messages of libraries that echo a URL or a setting back.
 */
public final class RedactedMessage extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return Redaction.redact(super.convert(event));
    }
}
