package org.spikeforge.hardware;

/** Seeds for a backend's per-unit random streams, derived from the run's seed (SplitMix64 finaliser). */
public final class StreamSeeds {
    private StreamSeeds() {}

    /** A seed for stream {@code which} of unit ({@code a}, {@code b}), e.g. (projection, tile) or (projection, delay). */
    public static long mix(long seed, int a, int b, int which) {
        long z = seed;
        for (long v : new long[] {a, b, which}) {
            z += 0x9E3779B97F4A7C15L + v;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
        }
        return z;
    }
}
