package org.spikeforge.hardware.simd;

import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.cpu.CpuNetwork;
import org.spikeforge.neurons.PopulationState;
import org.spikeforge.synapses.ProceduralConnectivity;

/**
 * A {@link CpuNetwork} whose neuron update runs {@link SimdKernels} (scalar kernels for models
 * without one) and whose two hot phases run on a persistent {@link WorkerPool}; the state layout,
 * inputs, ring buffers and probes are the scalar backend's.
 *
 * <p><b>Same spikes for any thread count.</b> The step runs as {@link ParallelStep} divides it: the update in
 * chunks whose spike lists are concatenated in ascending order, shared among the threads ({@link ChunkSharing});
 * the delivery by ranges of target neurons, each thread adding every projection's spikes, in graph and spike
 * order, onto its own range only, so each ring entry receives the same additions in the same order as in the
 * scalar backend and the sums are bit-identical whatever the partition ({@link Partition}). CSR rows are split at
 * compile time (each row's bounds per range side by side); procedural rows are regenerated only for the range's
 * blocks of targets, the boundaries being aligned to {@link ProceduralConnectivity#BLOCK}.
 * Nothing is allocated per step: regions, buffers and split tables are built here, once.
 */
public final class SimdNetwork extends CpuNetwork {

    /** Neurons per chunk of the parallel neuron update. */
    public static final int DEFAULT_CHUNK = 2048;
    /**
     * Below this many synaptic events in a step, delivery is not worth a parallel region (a region costs a
     * microsecond or two; an event 5–10 ns). CUBA-100k on 2 threads, 2026-11-29, interleaved runs: delivery
     * 290–300 ms per simulated second from 4,096 events, 240–260 ms from 128 (it delivers 4,560 a step on
     * average, and more than a quarter of its steps fell under 4,096).
     */
    static final int PARALLEL_DELIVERY_EVENTS = 256;

    private final int threads;
    private final SimdKernels.VectorKernel[] vector;
    private final boolean[] external;
    private final int[] slotOffset;
    private final ParallelStep step;
    /** The partition's delivery ranges and split rows ({@link Partition}). */
    private final int[][] rangeLo, bounds;
    private final Waves waves;

    /**
     * Which stored projections take the row waves of a delivery ({@code rows[k]}: {@link #TOUCH_ROWS_FROM} synapses
     * or more), and the first wave any projection takes (2, the additions, for a small network). Shared with
     * {@link Float32Network}.
     */
    record Waves(boolean[] rows, int first) {
        static Waves of(NetworkGraph graph) {
            int m = graph.projections().size();
            boolean[] rows = new boolean[m];
            boolean any = false;
            for (int k = 0; k < m; k++) {
                NetworkGraph.Projection pr = graph.projections().get(k);
                if (pr.isProcedural()) continue;
                rows[k] = pr.connectivity().synapses() >= TOUCH_ROWS_FROM;
                any |= rows[k];
            }
            return new Waves(rows, any ? 0 : 2);
        }
    }
    private final NetworkGraph.Projection[] projections;
    private final int[][] scratch;
    private long currentStep;

    public SimdNetwork(NetworkGraph graph, int threads) {
        this(graph, threads, DEFAULT_CHUNK);
    }

    /** With a chunk size of {@code chunk} neurons (a positive multiple of {@link SimdKernels#LANES}). */
    public SimdNetwork(NetworkGraph graph, int threads, int chunk) {
        this(graph, threads, chunk, PARALLEL_DELIVERY_EVENTS);
    }

    /**
     * With parallel delivery from {@code parallelDeliveryEvents} expected synaptic events per step
     * (0: always, which tests use to exercise the partition on small networks).
     */
    SimdNetwork(NetworkGraph graph, int threads, int chunk, int parallelDeliveryEvents) {
        super(graph);
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        if (chunk < SimdKernels.LANES || chunk % SimdKernels.LANES != 0) {
            throw new IllegalArgumentException("chunk must be a positive multiple of " + SimdKernels.LANES + " neurons, was " + chunk);
        }
        this.threads = threads;
        int np = states.length;
        vector = new SimdKernels.VectorKernel[np];
        external = new boolean[np];
        slotOffset = new int[np];
        for (int p = 0; p < np; p++) vector[p] = SimdKernels.of(graph.populations().get(p).model(), graph.dtMs());
        for (NetworkGraph.Current c : graph.currents()) external[c.population()] = true;
        // this.graph: the compiled graph, whose plastic projections own a copy of their weights
        projections = this.graph.projections().toArray(new NetworkGraph.Projection[0]);
        boolean quiet = graph.sources().isEmpty() && !hasLearning() && !hasShortTermPlasticity();
        step = new ParallelStep(graph, projections, threads, chunk, parallelDeliveryEvents, quiet, spikeBuf, spikeCount, counts,
                this::updateRange, this::deliverRange, "spikeforge-simd");
        rangeLo = step.partition.rangeLo;
        bounds = step.partition.bounds;
        waves = Waves.of(this.graph);
        scratch = new int[threads][ProceduralConnectivity.BLOCK];
        touched = new long[threads * 8];
        warmUp();
    }

    public int threads() { return threads; }

    @Override
    public void updateNeurons(long step) {
        for (int p = 0; p < states.length; p++) slotOffset[p] = (int) (step % states[p].slots) * states[p].size;
        this.step.update();
    }

    private int updateRange(int p, int from, int to, int[] out, int count) {
        SimdKernels.VectorKernel vk = vector[p];
        return vk != null
                ? vk.step(states[p], slotOffset[p], from, to, external[p], out, count)
                : kernels[p].step(states[p], slotOffset[p], from, to, out, count);
    }

    @Override
    public void propagate(long step) {
        if (hasShortTermPlasticity()) { // Tsodyks–Markram scales each spike's row: the reference delivery does it
            super.propagate(step);
            return;
        }
        this.step.flush(); // a pending delivery reads the previous step
        currentStep = step;
        this.step.propagate();
    }

    /** How the step is divided among the threads (tests inspect it and make a thread late through it). */
    ParallelStep parallelStep() {
        return step;
    }

    @Override
    public org.spikeforge.hardware.OperationCounts counts() {
        step.flush();
        return super.counts();
    }

    @Override
    public void resetState() {
        step.flush();
        super.resetState();
    }

    /**
     * Delivers every projection onto the targets of range {@code w} (all targets when {@code w < 0}),
     * using thread {@code worker}'s scratch, in three waves over all projections: the bounds of the spiking
     * rows and the lines of their target runs (both for projections of {@link #TOUCH_ROWS_FROM} synapses or
     * more), then the additions. Each of the first two waves only reads, its loads independent of one
     * another, so its cache misses overlap; the additions come in graph order and spike order, as in the
     * scalar backend. A wave lasts about one memory latency however few its loads, so an earlier version's
     * waves per projection (twelve for CUBA-100k) made a half-range delivery on two threads take nearly as
     * long as the whole on one (13.5–17 µs against 18–22 µs a step; throw-away timers, 2026-11-29).
     *
     * <p>A third wave that read the ring entries before the additions (for targets of 32,768 neurons or more)
     * was dropped in the eighth session: on CUBA-100k it took 4.5–5 µs a step and saved the additions under
     * 1 µs (per-wave timers, 2026-11-29 21:40; BENCHMARKS.md).
     */
    private long deliverRange(int w, int worker) {
        final boolean all = w < 0;
        long events = 0, h = 0;
        for (int wave = waves.first(); wave < 3; wave++) {
            for (int k = 0; k < projections.length; k++) {
                final NetworkGraph.Projection pr = projections[k];
                final int node = pr.sourceNode();
                final int n = spikeCount[node];
                if (n == 0) continue;
                final int tgt = pr.target();
                final PopulationState ts = states[tgt];
                final int lo = all ? 0 : rangeLo[tgt][w], hi = all ? ts.size : rangeLo[tgt][w + 1];
                if (lo >= hi) continue;
                final int[] spiking = spikeBuf[node];
                if (pr.isProcedural()) {
                    if (wave < 2) continue;
                    int fromBlock = lo >>> ProceduralConnectivity.BLOCK_SHIFT;
                    int toBlock = (hi + ProceduralConnectivity.BLOCK - 1) >>> ProceduralConnectivity.BLOCK_SHIFT;
                    events += deliverProcedural(pr, spiking, n, currentStep, ts, fromBlock, toBlock, scratch[worker]);
                    continue;
                }
                // the part of row s to deliver is [idx[s·stride + off], idx[s·stride + off + 1])
                final int[] idx = all ? pr.connectivity().rowStart() : bounds[k];
                final char[] gaps = pr.connectivity().gaps();
                final int stride = all ? 1 : Partition.stride(threads, gaps != null), off = all ? 0 : w;
                final double[] ring = ts.ring[pr.receptor()];
                final int base = (int) ((currentStep + pr.delaySteps()) % ts.slots) * ts.size;
                if (gaps != null) { // 2-byte rows: the same waves, decoding the targets as they go
                    final int entry = all ? -1 : threads + 1; // where the target before a part is (none: −1)
                    switch (wave) {
                        case 0 -> { if (waves.rows()[k]) h += touchBounds(spiking, n, idx, stride, off); }
                        case 1 -> { if (waves.rows()[k]) h += touchGaps(spiking, n, idx, stride, off, gaps); }
                        default -> events += add(pr.weights(), spiking, n, idx, stride, off, entry, gaps, ring, base);
                    }
                    continue;
                }
                final int[] targets = pr.connectivity().targets();
                switch (wave) {
                    case 0 -> { if (waves.rows()[k]) h += touchBounds(spiking, n, idx, stride, off); }
                    case 1 -> { if (waves.rows()[k]) h += touchTargets(spiking, n, idx, stride, off, targets); }
                    default -> events += add(pr.weights(), spiking, n, idx, stride, off, targets, ring, base);
                }
            }
        }
        touched[Math.max(w, 0) * 8] ^= h; // keeps the loads of the first waves alive
        return events;
    }

    /** Projections from this many synapses on have their spiking rows touched before the scatter (4 MB of targets). */
    static final long TOUCH_ROWS_FROM = 1 << 20;

    static long touchBounds(int[] spiking, int n, int[] idx, int stride, int off) {
        long h = 0;
        for (int q = 0; q < n; q++) h += idx[spiking[q] * stride + off];
        return h;
    }

    static long touchTargets(int[] spiking, int n, int[] idx, int stride, int off, int[] targets) {
        long h = 0;
        for (int q = 0; q < n; q++) {
            final int at = spiking[q] * stride + off;
            final int a = idx[at], b = idx[at + 1];
            for (int j = a; j < b; j += 16) h += targets[j]; // one int of each cache line
            if (a < b) h += targets[b - 1];
        }
        return h;
    }

    /** Adds the weights of the spiking rows' parts into {@code ring[base + target]}, in spike order and row order; returns the events. */
    private static long add(float[] wt, int[] spiking, int n, int[] idx, int stride, int off, int[] targets, double[] ring, int base) {
        long events = 0;
        if (wt.length == 1) {
            final double w0 = wt[0];
            for (int q = 0; q < n; q++) {
                final int at = spiking[q] * stride + off;
                final int a = idx[at], b = idx[at + 1];
                for (int j = a; j < b; j++) ring[base + targets[j]] += w0;
                events += b - a;
            }
        } else {
            for (int q = 0; q < n; q++) {
                final int at = spiking[q] * stride + off;
                final int a = idx[at], b = idx[at + 1];
                for (int j = a; j < b; j++) ring[base + targets[j]] += wt[j];
                events += b - a;
            }
        }
        return events;
    }

    /** {@link #touchTargets} for gap-coded rows: one gap of each cache line (32 gaps). */
    static long touchGaps(int[] spiking, int n, int[] idx, int stride, int off, char[] gaps) {
        long h = 0;
        for (int q = 0; q < n; q++) {
            final int at = spiking[q] * stride + off;
            final int a = idx[at], b = idx[at + 1];
            for (int j = a; j < b; j += 32) h += gaps[j];
            if (a < b) h += gaps[b - 1];
        }
        return h;
    }

    /** {@link #add} for gap-coded rows (same additions in the same order). */
    private static long add(float[] wt, int[] spiking, int n, int[] idx, int stride, int off, int entry, char[] gaps, double[] ring, int base) {
        long events = 0;
        final boolean shared = wt.length == 1;
        final double w0 = wt[0];
        for (int q = 0; q < n; q++) {
            final int at = spiking[q] * stride + off;
            final int a = idx[at], b = idx[at + 1];
            int t = base + (entry < 0 ? -1 : idx[at + entry]);
            if (shared) {
                for (int j = a; j < b; j++) ring[t += gaps[j]] += w0;
            } else {
                for (int j = a; j < b; j++) ring[t += gaps[j]] += wt[j];
            }
            events += b - a;
        }
        return events;
    }

    /** Sinks of the touch pass, one cache line per worker (a shared field was written by every thread in every step). */
    private final long[] touched;

    /**
     * Runs every vector kernel class on a small scratch state ({@link SimdKernels.VectorKernel#prime})
     * until C2 has compiled it, so that the run does not spend its first thousands of steps in
     * interpreted or C1-compiled Vector API code, which boxes every vector and is about a thousand
     * times slower. Compiled code is recognised by its speed: the loop stops after
     * {@value #WARM_FAST_CALLS} calls faster than {@value #WARM_FAST_NS} ns, or after
     * {@value #WARM_MAX_MS} ms. The network's own state is not touched, and a network that is only
     * compiled, never run, pays this once per JVM and kernel class.
     */
    private void warmUp() {
        java.util.Set<Class<?>> done = new java.util.HashSet<>();
        for (int p = 0; p < states.length; p++) {
            SimdKernels.VectorKernel vk = vector[p];
            if (vk == null || !done.add(vk.getClass()) || !WARMED.add(vk.getClass())) continue;
            PopulationState real = states[p];
            // whole vectors only, and whole vectors plus a scalar tail, so that C2 sees both exits
            // (a path never taken in warm-up is compiled as a trap, and taking it later deoptimises)
            int n = 4 * SimdKernels.LANES + 3, whole = 4 * SimdKernels.LANES;
            PopulationState s = new PopulationState(n, real.vars.length, real.ring.length, 2);
            int[] out = new int[n];
            long deadline = System.nanoTime() + WARM_MAX_MS * 1_000_000L;
            int fast = 0;
            for (int it = 0; ; it++) {
                if ((it & 63) == 0) {
                    if (fast >= WARM_FAST_CALLS || System.nanoTime() > deadline) break;
                    vk.prime(s);
                }
                long t0 = System.nanoTime();
                vk.step(s, (it & 4) == 0 ? 0 : n, 0, (it & 2) == 0 ? n : whole, (it & 1) == 0, out, 0);
                if (System.nanoTime() - t0 < WARM_FAST_NS) fast++;
            }
        }
    }

    private static final java.util.Set<Class<?>> WARMED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final int WARM_FAST_CALLS = 256;
    private static final long WARM_FAST_NS = 2_000;
    private static final long WARM_MAX_MS = 1_500;

    private long warmUpSteps;

    /** Sets the steps of the simulator's warm-up ({@link SimdBackend}'s {@code warmup} option). */
    void warmUpSteps(long steps) {
        warmUpSteps = steps;
    }

    @Override
    public long warmUpSteps() {
        return graph.plasticity().isEmpty() ? warmUpSteps : 0; // learned weights would not be undone
    }

    @Override
    public void close() {
        step.close();
    }
}
