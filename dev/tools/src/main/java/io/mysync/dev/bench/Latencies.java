package io.mysync.dev.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latency samples of one probe and their quantiles. */
public final class Latencies {

    private final List<Long> micros = Collections.synchronizedList(new ArrayList<>());

    public void add(long nanos) {
        micros.add(nanos / 1000);
    }

    public int samples() {
        return micros.size();
    }

    /** Latency at quantile q (0..1) in milliseconds; NaN without samples. */
    public double quantileMillis(double q) {
        List<Long> sorted;
        synchronized (micros) {
            sorted = new ArrayList<>(micros);
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size()))) / 1000.0;
    }
}
