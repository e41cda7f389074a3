package io.mysync.dev.bench;

/** Row ids for the store ceilings: every id once per pass over {@code distinct} ids, in a scrambled order. */
final class BenchIds {

    private static final long STEP = 7_919; // a prime: n * STEP mod distinct visits every id once per pass

    private BenchIds() {
    }

    static long scrambled(long n, long distinct) {
        long step = distinct % STEP == 0 ? 1 : STEP;
        return Math.floorMod(n * step, distinct);
    }
}
