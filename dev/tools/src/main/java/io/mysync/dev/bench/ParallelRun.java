package io.mysync.dev.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs the same body on several threads at once (lane 0..n-1) and times the whole. */
final class ParallelRun {

    /** One thread's share of the work. */
    @FunctionalInterface
    interface Lane {
        void run(int lane) throws Exception;
    }

    private ParallelRun() {
    }

    /** @return seconds from the start until every lane finished */
    static double seconds(int lanes, Lane body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(lanes);
        try {
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int lane = 0; lane < lanes; lane++) {
                int current = lane;
                running.add(pool.submit(() -> {
                    body.run(current);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }
}
