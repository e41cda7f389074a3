package io.mysync.dev.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Commit-to-visible latency of a store without change notifications: every {@value #PERIOD_MILLIS} ms the probe
 * looks up the rows still pending (at most {@value #MAX_LOOKUP} at a time, oldest first) and records those it finds.
 * The figures are therefore up to one period late.
 */
public final class PollingProbe implements VisibilityProbe {

    static final long PERIOD_MILLIS = 20;
    static final int MAX_LOOKUP = 2_000;

    /** Which of these row ids the store shows now. */
    @FunctionalInterface
    public interface Lookup {
        Set<Long> visible(List<Long> ids) throws Exception;
    }

    private final Map<Long, Long> committedAt = new ConcurrentSkipListMap<>();
    private final Latencies latencies = new Latencies();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastVisible;

    private final AutoCloseable resource;

    public PollingProbe(String store, Lookup lookup) {
        this(store, lookup, () -> { });
    }

    /** @param resource closed with the probe (the lookup's connection) */
    public PollingProbe(String store, Lookup lookup, AutoCloseable resource) {
        this.resource = resource;
        this.thread = new Thread(() -> {
            while (running) {
                long started = System.nanoTime();
                List<Long> ids = new ArrayList<>(committedAt.keySet().stream().limit(MAX_LOOKUP).toList());
                if (!ids.isEmpty()) {
                    try {
                        Set<Long> found = lookup.visible(ids);
                        long now = System.nanoTime();
                        for (Long id : found) {
                            Long committed = committedAt.remove(id);
                            if (committed != null) {
                                latencies.add(now - committed);
                                lastVisible = now;
                            }
                        }
                    } catch (Exception e) {
                        System.err.println("latency probe of " + store + ": " + e.getMessage());
                    }
                }
                long wait = PERIOD_MILLIS - (System.nanoTime() - started) / 1_000_000;
                if (wait > 0) {
                    try {
                        Thread.sleep(wait);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "latency-probe-" + store);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void committed(long id, long nanoTime) {
        committedAt.put(id, nanoTime);
    }

    @Override
    public Latencies latencies() {
        return latencies;
    }

    @Override
    public int pending() {
        return committedAt.size();
    }

    @Override
    public long lastVisibleNanos() {
        return lastVisible;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(1_000);
            resource.close();
        } catch (Exception e) {
            // the probe is done either way
        }
    }
}
