package io.mysync.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SeqDeduplicatorTest {

    private static byte[] key(String row) {
        return row.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void dropsWhatARowAlreadySawAndLetsNewerAndOtherRowsThrough() {
        SeqDeduplicator seen = new SeqDeduplicator(100);
        assertThat(seen.isNew(key("a"), 5)).isTrue();
        assertThat(seen.isNew(key("a"), 5)).as("the same event again").isFalse();
        assertThat(seen.isNew(key("a"), 3)).as("an older one, replayed").isFalse();
        assertThat(seen.isNew(key("b"), 4)).as("another row").isTrue();
        assertThat(seen.isNew(key("a"), 6)).isTrue();
        assertThat(seen.isNew(null, 1)).as("a TRUNCATE copy has no key").isTrue();
    }

    @Test
    void forgetsTheLeastRecentlySeenRowBeyondItsCapacity() {
        SeqDeduplicator seen = new SeqDeduplicator(2);
        seen.isNew(key("a"), 1);
        seen.isNew(key("b"), 2);
        seen.isNew(key("a"), 3);
        seen.isNew(key("c"), 4); // b is the least recently seen
        assertThat(seen.isNew(key("a"), 3)).isFalse();
        assertThat(seen.isNew(key("b"), 2)).as("forgotten, so let through").isTrue();
    }
}
