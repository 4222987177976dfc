package org.spikeforge.synapses;

import java.util.Arrays;
import org.apache.commons.rng.RandomProviderState;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * How a projection's synapses are chosen. Every rule builds a {@link CsrConnectivity}; random rules
 * draw only from the stream they are given, so the same stream gives the same synapses.
 *
 * <p>Self-connections ({@code i → i}) only exist when source and target are the same population
 * ({@code samePopulation}) and the rule allows them; all rules exclude them by default.
 */
public sealed interface ConnectivityRule {

    CsrConnectivity build(int sources, int targets, boolean samePopulation, UniformRandomProvider rng);

    /**
     * Each possible pair is connected independently with probability {@code p} (Brian's {@code connect(p=…)}).
     * Rows are drawn by geometric skipping: the gap to the next target is {@code ⌊ln(1 − u) / ln(1 − p)⌋}, with
     * {@code 1 − u} exact and {@link Math#log} (an intrinsic within 1 ulp; {@code log1p(−u)}, used before, costs
     * twice as much and gave the same gaps in 10⁷ draws). As with {@link ProceduralConnectivity}, the same seed
     * gives the same synapses on a given CPU architecture; on another, a gap within an ulp of an integer could
     * round the other way.
     */
    record FixedProbability(double p, boolean allowSelf) implements ConnectivityRule {
        public FixedProbability {
            if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("p must be in [0, 1], was " + p);
        }

        /** Above this many expected synapses the targets are drawn twice (count, then fill) to store them only once. */
        static final long TWO_PASS_SYNAPSES = 1L << 20;

        @Override
        public CsrConnectivity build(int sources, int targets, boolean same, UniformRandomProvider rng) {
            int[] rowStart = new int[sources + 1];
            boolean skipSelf = same && !allowSelf;
            double expected = sources * (double) targets * p;
            if (p > 0 && p < 1 && expected > TWO_PASS_SYNAPSES && rng instanceof RestorableUniformRandomProvider r) {
                // Large projection: a growable list peaks at about twice the final array (growth slack plus
                // the trimming copy: 66 MB for CUBA-100k's 8 M synapses). Instead, draw once to count each
                // row, rewind the generator, and draw the same numbers again into an array of exact size.
                // Same synapses, same generator state afterwards; the draws cost twice, the memory once.
                // Rows whose gaps all fit in 16 bits (every row of a dense enough projection) are stored as
                // gaps, 2 bytes a synapse (CsrConnectivity); the counting pass finds out.
                RandomProviderState start = r.saveState();
                int[] maxGap = {0};
                for (int s = 0; s < sources; s++) {
                    rowStart[s + 1] = rowStart[s] + draw(r, s, targets, skipSelf, null, null, 0, maxGap);
                }
                r.restoreState(start);
                if (maxGap[0] <= CsrConnectivity.MAX_GAP) {
                    char[] gaps = new char[rowStart[sources]];
                    for (int s = 0; s < sources; s++) draw(r, s, targets, skipSelf, null, gaps, rowStart[s], null);
                    return CsrConnectivity.ofGaps(sources, targets, rowStart, gaps);
                }
                int[] out = new int[rowStart[sources]];
                for (int s = 0; s < sources; s++) draw(r, s, targets, skipSelf, out, null, rowStart[s], null);
                return new CsrConnectivity(sources, targets, rowStart, out);
            }
            IntList out = new IntList(Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8, (long) (expected * 1.05))));
            if (p > 0) {
                int[] row = p < 1 ? new int[targets] : null;
                for (int s = 0; s < sources; s++) {
                    if (p >= 1) {
                        for (int t = 0; t < targets; t++) if (!(skipSelf && t == s)) out.add(t);
                    } else {
                        int k = draw(rng, s, targets, skipSelf, row, null, 0, null);
                        for (int j = 0; j < k; j++) out.add(row[j]);
                    }
                    rowStart[s + 1] = out.size();
                }
            }
            return new CsrConnectivity(sources, targets, rowStart, out.toArray());
        }

        /**
         * The targets of source {@code s}: geometric skipping, the gap to the next connected target is
         * Geometric(p), so the cost grows with the synapses made, not with sources × targets. Writes them
         * to {@code out[at..]} unless {@code out} is null, their gaps ({@link CsrConnectivity#ofGaps}) to
         * {@code gaps[at..]} unless that is null, and raises {@code maxGap[0]} to the row's largest gap unless
         * that is null; returns how many.
         */
        private int draw(UniformRandomProvider rng, int s, int targets, boolean skipSelf, int[] out, char[] gaps, int at, int[] maxGap) {
            double logQ = Math.log1p(-p);
            int t = -1, k = 0, prev = -1;
            while (true) {
                double u = rng.nextDouble();
                double gap = Math.floor(Math.log(1.0 - u) / logQ); // 1 − u exact; see the class comment
                if (gap >= targets) break;
                t += 1 + (int) gap;
                if (t >= targets) break;
                if (skipSelf && t == s) continue;
                if (out != null) out[at + k] = t;
                if (gaps != null) gaps[at + k] = (char) (t - prev);
                if (maxGap != null && t - prev > maxGap[0]) maxGap[0] = t - prev;
                prev = t;
                k++;
            }
            return k;
        }
    }

    /**
     * Fixed probability {@code p} per pair, like {@link FixedProbability}, but regenerated on the fly
     * rather than stored ({@link ProceduralConnectivity}, zero bytes per synapse). The generator's
     * seed is the first draw of the projection's stream. {@link #build} materialises the very same
     * synapses as CSR, for backends and tools that need them stored.
     */
    record ProceduralProbability(double p, boolean allowSelf) implements ConnectivityRule {
        public ProceduralProbability {
            if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("p must be in [0, 1], was " + p);
        }

        /** The generator for a projection from {@code sources} to {@code targets}. */
        public ProceduralConnectivity procedural(int sources, int targets, boolean samePopulation, UniformRandomProvider rng) {
            return new ProceduralConnectivity(sources, targets, p, samePopulation && !allowSelf, rng.nextLong());
        }

        @Override
        public CsrConnectivity build(int sources, int targets, boolean same, UniformRandomProvider rng) {
            return procedural(sources, targets, same, rng).toCsr();
        }
    }

    /** Every target receives exactly {@code k} synapses from distinct, uniformly drawn sources. */
    record FixedInDegree(int k, boolean allowSelf) implements ConnectivityRule {
        public FixedInDegree {
            if (k < 0) throw new IllegalArgumentException("in-degree must be >= 0, was " + k);
        }

        @Override
        public CsrConnectivity build(int sources, int targets, boolean same, UniformRandomProvider rng) {
            boolean skipSelf = same && !allowSelf;
            int avail = skipSelf ? sources - 1 : sources;
            if (k > avail) throw new IllegalArgumentException("in-degree " + k + " exceeds the " + avail + " available sources");
            int n = Math.multiplyExact(k, targets);
            int[] pre = new int[n];
            int[] post = new int[n];
            int[] pick = new int[k];
            int m = 0;
            for (int t = 0; t < targets; t++) {
                int excl = skipSelf ? t : -1;
                sampleDistinct(rng, sources, k, excl, pick);
                for (int j = 0; j < k; j++) {
                    pre[m] = pick[j];
                    post[m++] = t;
                }
            }
            return CsrConnectivity.fromPairs(sources, targets, pre, post, n, null);
        }
    }

    /** Every source makes exactly {@code k} synapses onto distinct, uniformly drawn targets. */
    record FixedOutDegree(int k, boolean allowSelf) implements ConnectivityRule {
        public FixedOutDegree {
            if (k < 0) throw new IllegalArgumentException("out-degree must be >= 0, was " + k);
        }

        @Override
        public CsrConnectivity build(int sources, int targets, boolean same, UniformRandomProvider rng) {
            boolean skipSelf = same && !allowSelf;
            int avail = skipSelf ? targets - 1 : targets;
            if (k > avail) throw new IllegalArgumentException("out-degree " + k + " exceeds the " + avail + " available targets");
            int[] rowStart = new int[sources + 1];
            int[] all = new int[Math.multiplyExact(k, sources)];
            int[] pick = new int[k];
            for (int s = 0; s < sources; s++) {
                sampleDistinct(rng, targets, k, skipSelf ? s : -1, pick);
                Arrays.sort(pick);
                System.arraycopy(pick, 0, all, s * k, k);
                rowStart[s + 1] = (s + 1) * k;
            }
            return new CsrConnectivity(sources, targets, rowStart, all);
        }
    }

    /** Source {@code i} connects to target {@code i}; both populations must have the same size. */
    record OneToOne() implements ConnectivityRule {
        @Override
        public CsrConnectivity build(int sources, int targets, boolean same, UniformRandomProvider rng) {
            if (sources != targets) {
                throw new IllegalArgumentException("one_to_one needs equal sizes, got " + sources + " and " + targets);
            }
            int[] rowStart = new int[sources + 1];
            int[] t = new int[sources];
            for (int i = 0; i < sources; i++) {
                t[i] = i;
                rowStart[i + 1] = i + 1;
            }
            return new CsrConnectivity(sources, targets, rowStart, t);
        }
    }

    /** Every source connects to every target (except itself unless allowed). */
    record AllToAll(boolean allowSelf) implements ConnectivityRule {
        @Override
        public CsrConnectivity build(int sources, int targets, boolean same, UniformRandomProvider rng) {
            boolean skipSelf = same && !allowSelf;
            IntList out = new IntList(sources * targets);
            int[] rowStart = new int[sources + 1];
            for (int s = 0; s < sources; s++) {
                for (int t = 0; t < targets; t++) if (!(skipSelf && s == t)) out.add(t);
                rowStart[s + 1] = out.size();
            }
            return new CsrConnectivity(sources, targets, rowStart, out.toArray());
        }
    }

    /** Explicit (pre, post) pairs, in any order; per-synapse values follow the given order. */
    record Explicit(int[] pre, int[] post) implements ConnectivityRule {
        public Explicit {
            if (pre.length != post.length) throw new IllegalArgumentException("pre and post lists differ in length");
        }

        @Override
        public CsrConnectivity build(int sources, int targets, boolean same, UniformRandomProvider rng) {
            return CsrConnectivity.fromPairs(sources, targets, pre, post, pre.length, null);
        }

        /** The permutation from the CSR synapse index to the index in the given lists. */
        public int[] csrOrder(int sources, int targets) {
            int[] order = new int[pre.length];
            CsrConnectivity.fromPairs(sources, targets, pre, post, pre.length, order);
            return order;
        }
    }

    /**
     * Floyd's algorithm: {@code k} distinct values from {@code [0, n)}, never {@code exclude},
     * written to {@code out[0..k)}. O(k) draws, and a small open-addressing set for membership.
     */
    private static void sampleDistinct(UniformRandomProvider rng, int n, int k, int exclude, int[] out) {
        int m = exclude >= 0 ? n - 1 : n; // draw from a range without the excluded value, then map
        IntHashSet seen = new IntHashSet(k);
        int c = 0;
        for (int j = m - k; j < m; j++) {
            int r = rng.nextInt(j + 1);
            int v = seen.contains(r) ? j : r;
            seen.add(v);
            out[c++] = v;
        }
        if (exclude >= 0) {
            for (int i = 0; i < k; i++) if (out[i] >= exclude) out[i]++;
        }
    }

    /** Growable int array. */
    final class IntList {
        private int[] a;
        private int n;

        IntList(int capacity) { a = new int[Math.max(4, capacity)]; }

        void add(int v) {
            if (n == a.length) a = Arrays.copyOf(a, Math.max(8, a.length + (a.length >> 1)));
            a[n++] = v;
        }

        int size() { return n; }

        int[] toArray() { return Arrays.copyOf(a, n); }
    }

    /** Minimal open-addressing set of non-negative ints. */
    final class IntHashSet {
        private final int[] slots;
        private final int mask;

        IntHashSet(int expected) {
            int cap = Integer.highestOneBit(Math.max(4, expected * 2) - 1) << 1;
            slots = new int[cap];
            Arrays.fill(slots, -1);
            mask = cap - 1;
        }

        boolean contains(int v) {
            for (int h = mix(v) & mask; ; h = (h + 1) & mask) {
                if (slots[h] == -1) return false;
                if (slots[h] == v) return true;
            }
        }

        void add(int v) {
            for (int h = mix(v) & mask; ; h = (h + 1) & mask) {
                if (slots[h] == -1) { slots[h] = v; return; }
                if (slots[h] == v) return;
            }
        }

        private static int mix(int v) { return v * 0x9E3779B9; }
    }
}
