package io.mysync.common.position;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointStoreTest {

    @TempDir
    Path dir;

    private static Checkpoint checkpoint(long n) {
        return new Checkpoint("shop", new ReaderState(new Position("mysql-bin.000001", 4 + n, "", 1, ""), n),
                Instant.ofEpochMilli(n));
    }

    @Test
    void savesAndLoadsTheNewestCheckpoint() {
        FileCheckpointStore store = new FileCheckpointStore(dir);
        store.save(checkpoint(1));
        store.save(checkpoint(2));
        assertThat(store.load("shop")).hasValueSatisfying(c -> assertThat(c.nextSeq()).isEqualTo(2));
        assertThat(store.load("other")).isEmpty();
    }

    /** A checkpoint tick and the session's last save at once, also from two store instances (two readers). */
    @Test
    void concurrentSavesNeverLeaveADamagedOrEmptyCheckpoint() throws Exception {
        FileCheckpointStore one = new FileCheckpointStore(dir);
        FileCheckpointStore two = new FileCheckpointStore(dir);
        one.save(checkpoint(1));
        ExecutorService pool = Executors.newFixedThreadPool(5);
        AtomicBoolean saving = new AtomicBoolean(true);
        try {
            List<Future<?>> savers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                FileCheckpointStore store = t % 2 == 0 ? one : two;
                long base = t * 1_000_000L;
                savers.add(pool.submit(() -> {
                    for (long n = 1; n <= 300; n++) {
                        store.save(checkpoint(base + n));
                    }
                    return null;
                }));
            }
            Future<Integer> loads = pool.submit(() -> {
                int count = 0;
                while (saving.get()) {
                    assertThat(one.load("shop")).isPresent(); // throws on a damaged or empty file
                    count++;
                }
                return count;
            });
            for (Future<?> saver : savers) {
                saver.get();
            }
            saving.set(false);
            assertThat(loads.get()).isPositive();
        } finally {
            pool.shutdownNow();
        }
        assertThat(one.load("shop")).isPresent();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("checkpoint-shop.properties");
        }
    }
}
