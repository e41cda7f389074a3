package io.mysync.writer;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import java.util.Arrays;

/**
 * UTF-8 strings that repeat from event to event (column names and types, database and table names), each decoded
 * once and then shared: a cache of 512 slots picked by the bytes' hash, where a newer string takes an older one's slot.
 * Shared strings also keep their hash code, so every map keyed by a column name downstream computes it once.
 * Not thread-safe: one per decoding thread.
 */
final class RepeatedStrings {

    private static final int SLOTS = 512;

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] strings = new String[SLOTS];

    /** The string of {@code length} UTF-8 bytes at {@code offset}, refused like protobuf refuses invalid UTF-8. */
    String decode(byte[] array, int offset, int length) throws InvalidProtocolBufferException {
        int hash = length;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + array[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        byte[] key = keys[slot];
        if (key != null && Arrays.equals(key, 0, key.length, array, offset, offset + length)) {
            return strings[slot];
        }
        byte[] bytes = Arrays.copyOfRange(array, offset, offset + length);
        var text = UnsafeByteOperations.unsafeWrap(bytes);
        if (!text.isValidUtf8()) {
            throw new InvalidProtocolBufferException("Protocol message had invalid UTF-8.");
        }
        keys[slot] = bytes;
        strings[slot] = text.toStringUtf8();
        return strings[slot];
    }
}
