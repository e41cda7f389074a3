package io.mysync.events;

import io.mysync.events.v1.ChangeEvent;
import java.io.IOException;

/**
 * Reads a record value MySync wrote, in either {@link EventFormat}: a JSON envelope starts with <code>{</code>, which
 * no protobuf {@code ChangeEvent} does (its first byte is a field tag, and field 15's group tag is never written).
 */
public final class EventDecoder {

    private EventDecoder() {
    }

    public static boolean isJson(byte[] value) {
        return value.length > 0 && value[0] == '{';
    }

    public static ChangeEvent decode(byte[] value) throws IOException {
        return isJson(value) ? JsonEnvelope.decode(value) : ChangeEvent.parseFrom(value);
    }
}
