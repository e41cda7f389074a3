package io.mysync.writer;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import java.util.Arrays;

/**
 * UTF-8 strings that repeat from event to event at the same place (the name and the type of a row's third column,
 * the table's name), each decoded once and then shared. The caller names the place with a slot number; a slot
 * remembers the last bytes it saw and their string, so a repeated string costs one comparison of bytes and no hash.
 * A string that differs from its slot's last one is decoded and takes the slot. Shared strings also keep their hash
 * code, so every map keyed by a column name downstream computes it once. Not thread-safe: one per decoding thread.
 */
final class RepeatedStrings {

    private static final int SLOTS = 1024;

    private final byte[][] bytes = new byte[SLOTS][];
    private final String[] strings = new String[SLOTS];

    /**
     * The string of {@code length} UTF-8 bytes at {@code offset}, refused like protobuf refuses invalid UTF-8.
     *
     * @param slot where the string sits in the event; slots past the last wrap around (correct, only slower)
     */
    String decode(int slot, byte[] array, int offset, int length) throws InvalidProtocolBufferException {
        int at = Math.floorMod(slot, SLOTS);
        byte[] last = bytes[at];
        if (last != null && Arrays.equals(last, 0, last.length, array, offset, offset + length)) {
            return strings[at];
        }
        byte[] copy = Arrays.copyOfRange(array, offset, offset + length);
        var text = UnsafeByteOperations.unsafeWrap(copy);
        if (!text.isValidUtf8()) {
            throw new InvalidProtocolBufferException("Protocol message had invalid UTF-8.");
        }
        bytes[at] = copy;
        strings[at] = text.toStringUtf8();
        return strings[at];
    }
}
