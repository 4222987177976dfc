package org.spikeforge.synapses;

/**
 * Random fixed-probability connectivity that is never stored (GeNN's procedural connectivity): the
 * targets of a source are regenerated each time they are needed from a counter-based hash of
 * {@code (seed, source, block)}, at zero bytes per synapse.
 *
 * <p>Every pair {@code (s, t)} is connected independently with probability {@code p}, as in
 * {@link ConnectivityRule.FixedProbability}, so the network is statistically the same; the pair
 * {@code (s, s)} is never connected when {@code excludeSelf}. The targets of one source come out in
 * ascending order, like a CSR row.
 *
 * <p>Generation: the target range is cut into blocks of {@link #BLOCK} targets. Within block
 * {@code b}, the gaps between the connected targets of source {@code s} are Geometric(p),
 * {@code gap = ⌊ln u / ln(1−p)⌋} with {@code u} uniform on (0, 1], and the {@code k}-th uniform is
 * {@code mix64(key + k·γ)}, with {@code key = mix64(mix64(mix64(seed) + s) + b)}, {@code γ} the
 * golden-ratio increment and {@code mix64} the SplitMix64 finaliser (Steele, Lea &amp; Flood 2014).
 * The blocks are independent streams, so a backend can regenerate only the targets in a range of
 * blocks (a thread's share of the targets) and get exactly the synapses of that range, whatever
 * the number of threads. Cost: one logarithm and one hash per synapse, nothing per non-synapse.
 *
 * <p>Reproducibility: the same seed gives the same synapses on every run and every backend of a
 * given JVM and CPU architecture. The logarithm is {@link Math#log} (a fast intrinsic, within 1 ulp),
 * so on another platform a gap that falls within an ulp of an integer could round the other way.
 * Memory: a projection holds only its parameters; {@link #synapses()} is counted once, on demand.
 *
 * <p>References: Knight &amp; Nowotny 2021, "Larger GPU-accelerated brain simulations with
 * procedural connectivity", Nat Comput Sci 1:136; Salmon et al. 2011 (counter-based RNGs).
 */
public final class ProceduralConnectivity {

    /** log2 of the block size. */
    public static final int BLOCK_SHIFT = 12;
    /** Targets per independently generated block. */
    public static final int BLOCK = 1 << BLOCK_SHIFT;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final int sources;
    private final int targetCount;
    private final double p;
    private final boolean excludeSelf;
    private final long seed;
    private final double invLogQ;
    private volatile long synapses = -1;

    /**
     * @param sources     number of source neurons
     * @param targetCount number of target neurons
     * @param p           connection probability per pair, in [0, 1]
     * @param excludeSelf never connect {@code s → s} (same population, self-connections not allowed)
     * @param seed        the projection's seed; the same seed gives the same synapses
     */
    public ProceduralConnectivity(int sources, int targetCount, double p, boolean excludeSelf, long seed) {
        if (sources < 0) throw new IllegalArgumentException("procedural connectivity: sources must be >= 0, was " + sources);
        if (targetCount < 0) throw new IllegalArgumentException("procedural connectivity: targets must be >= 0, was " + targetCount);
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("procedural connectivity: p must be in [0, 1], was " + p);
        this.sources = sources;
        this.targetCount = targetCount;
        this.p = p;
        this.excludeSelf = excludeSelf;
        this.seed = seed;
        this.invLogQ = p > 0 && p < 1 ? 1.0 / Math.log1p(-p) : 0.0;
    }

    public int sources() { return sources; }
    public int targetCount() { return targetCount; }
    public double p() { return p; }
    public boolean excludeSelf() { return excludeSelf; }
    public long seed() { return seed; }

    /** Number of blocks of {@link #BLOCK} targets (the last may be partial). */
    public int blocks() {
        return (targetCount + BLOCK - 1) >>> BLOCK_SHIFT;
    }

    /** Expected number of synapses, {@code p·(sources·targets − self pairs)}. */
    public double expectedSynapses() {
        long pairs = (long) sources * targetCount;
        if (excludeSelf) pairs -= Math.min(sources, targetCount);
        return p * pairs;
    }

    /**
     * Writes the targets of {@code source} in ascending order into {@code out} (which must hold
     * {@link #targetCount()} entries in the worst case) and returns how many there are.
     */
    public int targets(int source, int[] out) {
        return targets(source, 0, blocks(), out, 0);
    }

    /**
     * Writes the targets of {@code source} that lie in blocks {@code [fromBlock, toBlock)}, i.e. in
     * {@code [fromBlock·BLOCK, min(toBlock·BLOCK, targetCount))}, in ascending order into
     * {@code out} from index {@code at}; returns the new end index.
     */
    public int targets(int source, int fromBlock, int toBlock, int[] out, int at) {
        if (p <= 0) return at;
        final int skipSelf = excludeSelf ? source : -1;
        final long sourceKey = mix64(mix64(seed) + source);
        for (int b = fromBlock; b < toBlock; b++) {
            final int lo = b << BLOCK_SHIFT;
            final int hi = Math.min(lo + BLOCK, targetCount);
            if (p >= 1) {
                for (int t = lo; t < hi; t++) if (t != skipSelf) out[at++] = t;
                continue;
            }
            long x = mix64(sourceKey + b);
            int t = lo - 1;
            while (true) {
                x += GOLDEN;
                // u in (0, 1]: 53 random bits, plus one so that ln u is finite
                double u = ((mix64(x) >>> 11) + 1) * 0x1.0p-53;
                double gap = Math.floor(Math.log(u) * invLogQ);
                if (gap >= hi - 1 - t) break;
                t += 1 + (int) gap;
                if (t != skipSelf) out[at++] = t;
            }
        }
        return at;
    }

    /**
     * Exact number of synapses, counted once by regenerating every row (the cost of one pass over
     * the network's synapses) and then remembered.
     */
    public long synapses() {
        long n = synapses;
        if (n < 0) {
            int[] scratch = new int[Math.max(1, Math.min(targetCount, BLOCK))];
            n = 0;
            int blocks = blocks();
            for (int s = 0; s < sources; s++) {
                for (int b = 0; b < blocks; b++) n += targets(s, b, b + 1, scratch, 0);
            }
            synapses = n;
        }
        return n;
    }

    /** The same synapses stored as CSR (for tests and tools; defeats the purpose in a run). */
    public CsrConnectivity toCsr() {
        long n = synapses();
        if (n > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("procedural connectivity: " + n + " synapses do not fit in CSR");
        int[] rowStart = new int[sources + 1];
        int[] all = new int[(int) n];
        int[] row = new int[Math.max(1, targetCount)];
        for (int s = 0; s < sources; s++) {
            int k = targets(s, row);
            System.arraycopy(row, 0, all, rowStart[s], k);
            rowStart[s + 1] = rowStart[s] + k;
        }
        return new CsrConnectivity(sources, targetCount, rowStart, all);
    }

    /** SplitMix64's output function (Stafford's mix 13): a bijective 64-bit avalanche. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "procedural fixed_probability(p=" + p + (excludeSelf ? ", no self" : "") + ", " + sources + "→" + targetCount + ")";
    }
}
