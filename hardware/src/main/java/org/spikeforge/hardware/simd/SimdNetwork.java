package org.spikeforge.hardware.simd;

import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.cpu.CpuNetwork;
import org.spikeforge.neurons.PopulationState;
import org.spikeforge.synapses.CsrConnectivity;
import org.spikeforge.synapses.ProceduralConnectivity;

/**
 * A {@link CpuNetwork} whose neuron update runs {@link SimdKernels} (scalar kernels for models
 * without one) and whose two hot phases run on a persistent {@link WorkerPool}; the state layout,
 * inputs, ring buffers and probes are the scalar backend's.
 *
 * <p><b>Same spikes for any thread count.</b> Both phases are split into tasks that write
 * disjoint outputs, and the pool's threads claim the tasks in any order:
 * <ul>
 *   <li>Neuron update: every population is cut into chunks ({@link #DEFAULT_CHUNK} neurons, a
 *       multiple of the vector length, and cut again at the delivery ranges below), one task each.
 *       A chunk's spikes are written into the population's spike buffer from the chunk's first
 *       index; the chunks' lists are then concatenated in chunk order, which is ascending neuron
 *       order: the list the scalar kernel produces. Each thread updates the chunks of its own delivery
 *       range, and a thread done early takes the last chunks of a slower one ({@link ChunkSharing}).</li>
 *   <li>Delivery: each target population is split into one contiguous range per thread, one task
 *       each; a task scatters every projection (in graph order) and every spike (in spike order),
 *       but only onto targets in its range. Each ring entry therefore receives the same additions in
 *       the same order as in the scalar backend, so the floating-point sums are bit-identical
 *       whatever the partition. CSR rows are split at compile time (each row's bounds per range side by
 *       side); procedural rows are regenerated only for the range's blocks of targets, the
 *       boundaries being aligned to {@link ProceduralConnectivity#BLOCK}. Steps with few synaptic
 *       events are delivered by the calling thread alone, which gives the same sums.</li>
 * </ul>
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
    private final int parallelDeliveryEvents;
    private final WorkerPool pool;
    private final SimdKernels.VectorKernel[] vector;
    private final boolean[] external;
    private final int[] slotOffset;

    private final int[] chunkPop, chunkFrom, chunkTo, chunkSpikes;

    /** The partition's tables ({@link Partition}): delivery ranges, split rows and chunk groups. */
    private final int[][] rangeLo, bounds, groupChunks;
    private final ChunkSharing sharing;
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
    private final double[] avgFanOut;
    private final int[][] scratch;
    private final long[] workerEvents;
    private final WorkerPool.Tasks updateTasks = this::updateGroup;
    private final WorkerPool.Tasks chunkTasks = (chunk, worker) -> updateChunk(chunk);
    private final WorkerPool.Tasks deliverTasks = this::deliverRange;
    /**
     * One region a step instead of two: thread {@code w} delivers the previous step's spikes onto its range,
     * then updates that range, whose input it alone writes, so the two need no barrier between them. The
     * new spikes go to {@link #nextBuf} while the other threads still read the previous step's lists.
     */
    private final WorkerPool.Tasks fusedTasks = this::deliverThenUpdate;
    /** Whether {@link #propagate} may leave its delivery to the next {@link #updateNeurons} (see {@link #pending}). */
    private final boolean fusable;
    /**
     * A parallel delivery that {@link #propagate} left to the next {@link #updateNeurons}, which runs it in the
     * same parallel region as the update. Only for networks where nothing between the two reads or writes
     * what it touches: no input sources (their spikes are written by {@link #applyInputs}), no learning, no
     * short-term plasticity. {@link #counts()} and {@link #resetState()} deliver it first.
     */
    private boolean pending;
    /** Per population, the spike list the fused region writes (swapped with {@code spikeBuf} after it). */
    private final int[][] nextBuf;
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
        this.parallelDeliveryEvents = parallelDeliveryEvents;
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
        // Update tasks: one group of chunks per thread, the group matching the thread's delivery range, so
        // that (with affine claiming) the thread that updates a neuron also delivers its input: its state
        // and ring entries stay in one core's caches instead of moving between cores every step.
        Partition part = new Partition(graph, projections, threads, chunk, Math.min(threads, WorkerPool.MAX_AFFINE_TASKS));
        rangeLo = part.rangeLo;
        chunkPop = part.chunkPop;
        chunkFrom = part.chunkFrom;
        chunkTo = part.chunkTo;
        chunkSpikes = new int[chunkPop.length * 16]; // one cache line per chunk: chunks of different threads do not share lines
        groupChunks = part.groupChunks;
        bounds = part.bounds;
        avgFanOut = part.avgFanOut;
        sharing = new ChunkSharing(groupChunks, this::updateRun);
        waves = Waves.of(this.graph);
        scratch = new int[threads][ProceduralConnectivity.BLOCK];
        workerEvents = new long[threads * 8];
        touched = new long[threads * 8];
        pool = threads > 1 ? new WorkerPool(threads, "spikeforge-simd") : null;
        fusable = pool != null && threads <= WorkerPool.MAX_AFFINE_TASKS && graph.sources().isEmpty() && !hasLearning()
                && !hasShortTermPlasticity();
        nextBuf = new int[np][];
        if (fusable) for (int p = 0; p < np; p++) nextBuf[p] = new int[spikeBuf[p].length];
        warmUp();
    }

    public int threads() { return threads; }

    @Override
    public void updateNeurons(long step) {
        int np = states.length;
        for (int p = 0; p < np; p++) slotOffset[p] = (int) (step % states[p].slots) * states[p].size;
        if (pool == null) {
            for (int p = 0; p < np; p++) {
                PopulationState s = states[p];
                spikeCount[p] = updateRange(p, 0, s.size, spikeBuf[p], 0);
            }
        } else if (pending) {
            pending = false;
            sharing.open(false);
            pool.runAffine(fusedTasks, threads);
            for (int w = 0; w < threads; w++) counts.synapticEvents += workerEvents[w * 8];
            concatenate(nextBuf);
            for (int p = 0; p < np; p++) {
                int[] out = nextBuf[p];
                nextBuf[p] = spikeBuf[p];
                spikeBuf[p] = out;
            }
        } else {
            if (threads <= WorkerPool.MAX_AFFINE_TASKS) {
                sharing.open(true);
                pool.runAffine(updateTasks, groupChunks.length);
            }
            else pool.run(chunkTasks, chunkPop.length);
            concatenate(spikeBuf);
        }
        for (int p = 0; p < np; p++) {
            counts.spikes += spikeCount[p];
            counts.neuronUpdates += states[p].size;
        }
        counts.steps++;
    }

    /** Concatenates the chunks' spike lists in {@code buf} in chunk order (ascending neuron index) and counts them. */
    private void concatenate(int[][] buf) {
        for (int p = 0; p < states.length; p++) spikeCount[p] = 0;
        for (int c = 0; c < chunkPop.length; c++) {
            int p = chunkPop[c], n = chunkSpikes[c * 16];
            if (n > 0) System.arraycopy(buf[p], chunkFrom[c], buf[p], spikeCount[p], n);
            spikeCount[p] += n;
        }
    }

    private int updateRange(int p, int from, int to, int[] out, int count) {
        SimdKernels.VectorKernel vk = vector[p];
        return vk != null
                ? vk.step(states[p], slotOffset[p], from, to, external[p], out, count)
                : kernels[p].step(states[p], slotOffset[p], from, to, out, count);
    }

    /**
     * Updates the chunks {@code cs[i0, i1)} of a group, each run of adjacent chunks of one population in one
     * kernel call, its spikes counted in the run's first chunk. A call per 2,048-neuron chunk cost CUBA-100k
     * about a tenth of its update time on 2 threads (49–53 against 44–47 µs a step; the plain kernel on two
     * threads' halves scaled 1.8×; throw-away programs, 2026-11-29).
     */
    private void updateRun(int[] cs, int i0, int i1, int[][] out) {
        for (int i = i0; i < i1; ) {
            int c = cs[i], p = chunkPop[c], from = chunkFrom[c], to = chunkTo[c];
            int j = i + 1;
            for (; j < i1 && chunkPop[cs[j]] == p && chunkFrom[cs[j]] == to; j++) {
                to = chunkTo[cs[j]];
                chunkSpikes[cs[j] * 16] = 0;
            }
            chunkSpikes[c * 16] = updateRange(p, from, to, out[p], from) - from;
            i = j;
        }
    }

    private void updateChunk(int c) {
        int p = chunkPop[c], from = chunkFrom[c];
        chunkSpikes[c * 16] = updateRange(p, from, chunkTo[c], spikeBuf[p], from) - from;
    }

    @Override
    public void propagate(long step) {
        if (hasShortTermPlasticity()) { // Tsodyks–Markram scales each spike's row: the reference delivery does it
            super.propagate(step);
            return;
        }
        flush();
        currentStep = step;
        double expected = 0;
        for (int k = 0; k < projections.length; k++) expected += spikeCount[projections[k].sourceNode()] * avgFanOut[k];
        if (pool == null || expected < parallelDeliveryEvents) {
            deliverRange(-1, 0);
            counts.synapticEvents += workerEvents[0];
            return;
        }
        if (fusable) {
            pending = true;
            return;
        }
        if (threads <= WorkerPool.MAX_AFFINE_TASKS) pool.runAffine(deliverTasks, threads);
        else pool.run(deliverTasks, threads);
        for (int w = 0; w < threads; w++) counts.synapticEvents += workerEvents[w * 8];
    }

    /** Whether this network delivers each step's spikes in the next update's parallel region ({@link #pending}). */
    boolean fusesDeliveryWithUpdate() {
        return fusable;
    }

    private void updateGroup(int w, int worker) {
        sharing.update(w, spikeBuf);
    }

    private void deliverThenUpdate(int w, int worker) {
        sharing.started(w);
        deliverRange(w, worker);
        sharing.ready(w); // its input is complete: the other threads may now update its last chunks
        sharing.update(w, nextBuf);
    }

    /** Chunks updated by a thread other than their group's so far. */
    long stolenChunks() {
        return sharing.stolenChunks();
    }

    /** Called with the group at the start of each group's update (tests make one thread late with it); null: none. */
    void beforeUpdate(java.util.function.IntConsumer hook) {
        sharing.beforeUpdate = hook;
    }

    /** Runs a delivery that {@link #propagate} left pending, on its own. */
    private void flush() {
        if (!pending) return;
        pending = false;
        pool.runAffine(deliverTasks, threads);
        for (int w = 0; w < threads; w++) counts.synapticEvents += workerEvents[w * 8];
    }

    @Override
    public org.spikeforge.hardware.OperationCounts counts() {
        flush();
        return super.counts();
    }

    @Override
    public void resetState() {
        flush();
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
    private void deliverRange(int w, int worker) {
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
        workerEvents[Math.max(w, 0) * 8] = events;
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
        if (pool != null) pool.close();
    }
}
