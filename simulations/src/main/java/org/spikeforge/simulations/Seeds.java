package org.spikeforge.simulations;

import java.nio.charset.StandardCharsets;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Independent random streams per object: the stream of object {@code id} under run seed
 * {@code seed} is seeded from both, so adding an object never changes another object's draws,
 * and the draws do not depend on thread count or order of construction.
 */
public final class Seeds {
    private Seeds() {}

    /** A 64-bit seed derived from the run seed and an object id such as {@code "projection:ee"}. */
    public static long derive(long seed, String id) {
        long h = 0xcbf29ce484222325L; // FNV-1a over the id, then SplitMix64 finalisation with the seed
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(mix(seed) ^ h);
    }

    /** The random stream of object {@code id}. */
    public static UniformRandomProvider stream(long seed, String id) {
        long s = derive(seed, id);
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {s, mix(s + 0x9E3779B97F4A7C15L)});
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
