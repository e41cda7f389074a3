package io.mysync.writer.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedisKeysTest {

    /** Keys without a tag, with one, with an empty one, with braces that form none: the seq key shares the slot. */
    @ParameterizedTest
    @ValueSource(strings = {"order:1", "shop:orders:18446744073709551615", "user:{42}:cart", "a{}b{c}", "a}b{",
            "{", "}", "", "ключ:7", "order:{id}"})
    void seqKeySharesTheRowKeysSlot(String key) {
        byte[] row = key.getBytes(StandardCharsets.UTF_8);
        byte[] seq = RedisKeys.seqKey("__mysync:seq:".getBytes(StandardCharsets.UTF_8), row);
        String text = new String(seq, StandardCharsets.UTF_8);

        assertThat(RedisKeys.slot(seq)).isEqualTo(RedisKeys.slot(row));
        assertThat(text).startsWith("__mysync:seq:{").endsWith(key);
        assertThat(text).matches("__mysync:seq:\\{[0-9a-z]{1,4}}.*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"order:1", "order:2"})
    void differentRowsHaveDifferentSeqKeys(String key) {
        assertThat(RedisKeys.seqKey("p:", key)).isNotEqualTo(RedisKeys.seqKey("p:", key + "0"));
    }
}
