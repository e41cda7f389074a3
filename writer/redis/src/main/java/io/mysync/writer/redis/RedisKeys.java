package io.mysync.writer.redis;

import java.nio.charset.StandardCharsets;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Names of the companion keys. A row key's seq key is {@code PREFIX{TAG}ROWKEY}: {@code TAG} is a short string
 * that hashes to the row key's cluster slot, so a row's key and its bookkeeping always sit on one node and one
 * script call can read and write both, on a single server and in a Redis Cluster alike.
 */
public final class RedisKeys {

    private static final int SLOTS = 16_384;
    private static final byte[][] TAG_OF_SLOT = slotTags();

    private RedisKeys() {
    }

    /** The key holding the last applied seq of a row key (its tombstone once the row is deleted). */
    public static byte[] seqKey(byte[] seqPrefix, byte[] key) {
        byte[] tag = TAG_OF_SLOT[slot(key)];
        byte[] seqKey = new byte[seqPrefix.length + tag.length + 2 + key.length];
        System.arraycopy(seqPrefix, 0, seqKey, 0, seqPrefix.length);
        seqKey[seqPrefix.length] = '{';
        System.arraycopy(tag, 0, seqKey, seqPrefix.length + 1, tag.length);
        seqKey[seqPrefix.length + 1 + tag.length] = '}';
        System.arraycopy(key, 0, seqKey, seqPrefix.length + tag.length + 2, key.length);
        return seqKey;
    }

    public static String seqKey(String seqPrefix, String key) {
        return new String(seqKey(seqPrefix.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }

    /** The cluster slot of a key, by Redis's rule (the hash tag's text when the key has one). */
    static int slot(byte[] key) {
        return JedisClusterCRC16.getSlot(key);
    }

    /** A literal part of a key as SCAN MATCH pattern text. */
    static String globLiteral(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Whether a key begins with {@code prefix} (a seq key begins with the seq prefix). */
    static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** For every slot the shortest base-36 counter that hashes to it (found once, about 170,000 CRC16s). */
    private static byte[][] slotTags() {
        byte[][] tags = new byte[SLOTS][];
        int found = 0;
        for (int i = 0; found < SLOTS; i++) {
            byte[] tag = Integer.toString(i, 36).getBytes(StandardCharsets.US_ASCII);
            int slot = JedisClusterCRC16.getSlot(tag);
            if (tags[slot] == null) {
                tags[slot] = tag;
                found++;
            }
        }
        return tags;
    }
}
