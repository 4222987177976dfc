package org.spikeforge.hardware.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.OperationCounts;
import org.spikeforge.neurons.CobaLif;
import org.spikeforge.neurons.CubaLif;
import org.spikeforge.neurons.IntegrateAndFire;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.neurons.Propagators;
import org.spikeforge.neurons.ResetMode;

/**
 * The {@code simd} backend in single precision ({@code --backend-option precision=float32}): the state,
 * the ring buffers and the arithmetic are {@code float}, the kernels use
 * {@link FloatVector#SPECIES_PREFERRED} (16 lanes with AVX-512, twice the doubles' 8), and every neuron
 * update moves half the bytes of the double-precision backends.
 *
 * <p><b>What it gives up.</b> The propagators are those of the double-precision models rounded to
 * {@code float}, and every step rounds the state to 24 significant bits (about 7 decimal digits;
 * 6e-6 mV near −60 mV). A single neuron's spike times agree with the double backends' (tests), but a
 * chaotic network's spike trains diverge from theirs after some hundred milliseconds, as they do between
 * any two simulators; rates and other statistics agree (tests: CUBA within 5 %). It is therefore an
 * option, never the default, and not part of the bit-identity guarantees of {@code simd} and {@code gpu}.
 * Within itself it is exact and reproducible: the same seed gives the same spikes, and the scalar tail
 * (neurons past the last whole vector) does the vector lanes' arithmetic in the same order, so it gives
 * the same bits ({@code coba_lif} with exponential Euler excepted, whose tail uses {@link Math#exp}).
 *
 * <p><b>Scope.</b> Models {@code lif}, {@code cuba_lif}, {@code coba_lif} and {@code if}; stored
 * (CSR) projections with any delays and weights; spike sources and injected currents; spike and state
 * probes; any number of threads, divided as the double-precision network divides them ({@link Partition},
 * {@link ChunkSharing}: delivery by target range, the update by chunks), so the spikes and the state are the same,
 * bit for bit, for any thread count. Plasticity and procedural connectivity are refused with a message naming
 * them (use the default {@code precision=float64}).
 *
 * <p>Phases and ring buffers are those of {@link org.spikeforge.hardware.cpu.CpuNetwork}: a spike of
 * step {@code t} with delay {@code d} is added to slot {@code (t+d) mod D} of its target, which the kernel
 * reads and clears in step {@code t+d}; projections are delivered in graph order and spike order.
 * Nothing is allocated per step.
 */
public final class Float32Network implements CompiledNetwork {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** Int lanes of the same count, for the refractory counters. */
    static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, VectorShape.forBitSize(F.length() * Integer.SIZE));
    static final int LANES = F.length();
    /** 0, 1, …, LANES − 1: a vector's lane indices. */
    static final IntVector IOTA = IntVector.zero(I).addIndex(1);

    private final NetworkGraph graph;
    private final int np;
    private final int[] size, slots;
    private final float[][][] vars;
    private final float[][][] ring;
    private final int[][] ref;
    private final float[][] iExt;
    private final boolean[] external;
    private final boolean[] iExtDirty;
    private final Kernel[] kernel;
    private final int[][] spikeBuf;
    private final int[] spikeCount;
    private final OperationCounts counts = new OperationCounts();

    private final int threads;
    private final ParallelStep step;
    private final NetworkGraph.Projection[] projections;
    /** The partition's delivery ranges and split rows ({@link Partition}). */
    private final int[][] rangeLo, bounds;
    /** Per worker, one cache line each: the sink of its row waves. */
    private final long[] touched;
    /** Per population, the offset of the ring slot the current step reads. */
    private final int[] slotOffset;
    private long currentStep;

    /** On one thread. */
    public Float32Network(NetworkGraph graph) {
        this(graph, 1, SimdNetwork.DEFAULT_CHUNK, SimdNetwork.PARALLEL_DELIVERY_EVENTS);
    }

    /**
     * On {@code threads} threads, the update in chunks of {@code chunk} neurons (a positive multiple of {@link #LANES}),
     * delivery on all threads from {@code parallelDeliveryEvents} expected synaptic events in a step (0: always).
     */
    public Float32Network(NetworkGraph graph, int threads, int chunk, int parallelDeliveryEvents) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        if (chunk < LANES || chunk % LANES != 0) {
            throw new IllegalArgumentException("simd backend, precision=float32: chunk must be a positive multiple of " + LANES
                    + " neurons, was " + chunk);
        }
        this.graph = graph;
        this.threads = threads;
        if (!graph.plasticity().isEmpty()) {
            throw new IllegalArgumentException("simd backend, precision=float32: plasticity ("
                    + graph.projections().get(graph.plasticity().get(0).projection()).name()
                    + ") is not supported in single precision; use precision=float64");
        }
        for (NetworkGraph.Projection pr : graph.projections()) {
            if (pr.isProcedural()) {
                throw new IllegalArgumentException("simd backend, precision=float32: projection " + pr.name()
                        + " has procedural connectivity, which single precision does not support; use precision=float64");
            }
        }
        np = graph.populations().size();
        size = new int[np];
        slots = new int[np];
        vars = new float[np][][];
        ring = new float[np][][];
        ref = new int[np][];
        iExt = new float[np][];
        external = new boolean[np];
        iExtDirty = new boolean[np];
        kernel = new Kernel[np];
        java.util.Arrays.fill(slots, 1);
        for (NetworkGraph.Projection pr : graph.projections()) slots[pr.target()] = Math.max(slots[pr.target()], pr.delaySteps());
        for (int p = 0; p < np; p++) {
            NetworkGraph.Population pop = graph.populations().get(p);
            NeuronModel m = pop.model();
            kernel[p] = kernelFor(m, graph.dtMs(), pop.name());
            int n = pop.size(), nv = m.stateVariables().size();
            size[p] = n;
            vars[p] = new float[nv][n];
            ring[p] = new float[m.receptors().size()][Math.multiplyExact(slots[p], n)];
            ref[p] = new int[n];
            iExt[p] = new float[n];
        }
        for (NetworkGraph.Current c : graph.currents()) external[c.population()] = true;
        int nodes = graph.nodes();
        spikeBuf = new int[nodes][];
        spikeCount = new int[nodes];
        for (int k = 0; k < nodes; k++) spikeBuf[k] = new int[Math.max(1, graph.nodeSize(k))];
        waves = SimdNetwork.Waves.of(graph);
        slotOffset = new int[np];
        projections = graph.projections().toArray(new NetworkGraph.Projection[0]);
        step = new ParallelStep(graph, projections, threads, chunk, parallelDeliveryEvents, graph.sources().isEmpty(), spikeBuf,
                spikeCount, counts, this::updateRange, this::deliverRange, "spikeforge-simd32");
        rangeLo = step.partition.rangeLo;
        bounds = step.partition.bounds;
        touched = new long[threads * 8];
        resetState();
        warmUp();
    }

    public int threads() { return threads; }

    /** How the step is divided among the threads (tests inspect it and make a thread late through it). */
    ParallelStep parallelStep() {
        return step;
    }

    @Override
    public void close() {
        step.close();
    }

    private static Kernel kernelFor(NeuronModel m, double dt, String population) {
        return switch (m) {
            case Lif l -> new LifKernel(l, dt);
            case CubaLif c -> new CubaLifKernel(c, dt);
            case CobaLif c -> c.method() == CobaLif.Method.EULER ? new CobaEulerKernel(c, dt) : new CobaLifKernel(c, dt);
            case IntegrateAndFire f -> new IfKernel(f, dt);
            default -> throw new IllegalArgumentException("simd backend, precision=float32: population " + population + ": model "
                    + m.kind() + " has no single-precision kernel (lif, cuba_lif, coba_lif and if have); use precision=float64");
        };
    }

    @Override public NetworkGraph graph() { return graph; }

    @Override public boolean canResetState() { return true; }

    @Override
    public void resetState() {
        step.flush();
        for (int p = 0; p < np; p++) {
            double[][] init = graph.populations().get(p).initial();
            for (int k = 0; k < vars[p].length; k++) {
                for (int i = 0; i < size[p]; i++) vars[p][k][i] = (float) init[k][i];
            }
            java.util.Arrays.fill(ref[p], 0);
            for (float[] r : ring[p]) java.util.Arrays.fill(r, 0f);
            java.util.Arrays.fill(iExt[p], 0f);
        }
        java.util.Arrays.fill(spikeCount, 0);
        for (NetworkGraph.Source src : graph.sources()) src.source().reset();
    }

    @Override
    public void applyInputs(long step) {
        for (int j = 0; j < graph.sources().size(); j++) {
            int node = np + j;
            int n = graph.sources().get(j).source().spikes(step, spikeBuf[node]);
            spikeCount[node] = n;
            counts.inputSpikes += n;
        }
        if (graph.currents().isEmpty() || !graph.markCurrentChanges(step, iExtDirty)) return;
        for (int p = 0; p < np; p++) if (iExtDirty[p]) graph.sumCurrents(p, step, iExt[p]);
        java.util.Arrays.fill(iExtDirty, false);
    }

    @Override
    public void updateNeurons(long step) {
        for (int p = 0; p < np; p++) slotOffset[p] = (int) (step % slots[p]) * size[p];
        this.step.update();
    }

    private int updateRange(int p, int from, int to, int[] out, int count) {
        return kernel[p].step(vars[p], ring[p], ref[p], iExt[p], external[p], slotOffset[p], from, to, out, count);
    }

    @Override
    public void propagate(long step) {
        this.step.flush(); // a pending delivery reads the previous step
        currentStep = step;
        this.step.propagate();
    }

    /**
     * Delivery onto the targets of range {@code w} (all targets when {@code w < 0}) in waves, as {@link SimdNetwork}'s:
     * the bounds and target lines of the spiking rows of projections of {@link SimdNetwork#TOUCH_ROWS_FROM} synapses or
     * more, then the additions in graph order and spike order.
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
                if (!all && rangeLo[tgt][w] >= rangeLo[tgt][w + 1]) continue;
                final int[] spiking = spikeBuf[node];
                // the part of row s to deliver is [idx[s·stride + off], idx[s·stride + off + 1])
                final int[] idx = all ? pr.connectivity().rowStart() : bounds[k];
                final char[] gaps = pr.connectivity().gaps();
                final int stride = all ? 1 : Partition.stride(threads, gaps != null), off = all ? 0 : w;
                final float[] rg = ring[tgt][pr.receptor()];
                final int base = (int) ((currentStep + pr.delaySteps()) % slots[tgt]) * size[tgt];
                if (gaps != null) { // 2-byte rows (CsrConnectivity#ofGaps)
                    final int entry = all ? -1 : threads + 1; // where the target before a part is (none: −1)
                    switch (wave) {
                        case 0 -> { if (waves.rows()[k]) h += SimdNetwork.touchBounds(spiking, n, idx, stride, off); }
                        case 1 -> { if (waves.rows()[k]) h += SimdNetwork.touchGaps(spiking, n, idx, stride, off, gaps); }
                        default -> events += scatter(pr.weights(), spiking, n, idx, stride, off, entry, gaps, rg, base);
                    }
                    continue;
                }
                final int[] targets = pr.connectivity().targets();
                switch (wave) {
                    case 0 -> { if (waves.rows()[k]) h += SimdNetwork.touchBounds(spiking, n, idx, stride, off); }
                    case 1 -> { if (waves.rows()[k]) h += SimdNetwork.touchTargets(spiking, n, idx, stride, off, targets); }
                    default -> events += scatter(pr.weights(), spiking, n, idx, stride, off, targets, rg, base);
                }
            }
        }
        touched[Math.max(w, 0) * 8] ^= h; // keeps the loads of the first waves alive
        return events;
    }

    private final SimdNetwork.Waves waves;

    /** Adds the weights of the spiking rows' parts (gap-coded) into {@code ring}, in spike order and row order; returns the events. */
    private static long scatter(float[] w, int[] spiking, int n, int[] idx, int stride, int off, int entry, char[] gaps, float[] ring, int base) {
        long events = 0;
        final boolean shared = w.length == 1;
        final float w0 = w[0];
        for (int q = 0; q < n; q++) {
            final int at = spiking[q] * stride + off;
            final int a = idx[at], b = idx[at + 1];
            int t = base + (entry < 0 ? -1 : idx[at + entry]);
            if (shared) {
                for (int j = a; j < b; j++) ring[t += gaps[j]] += w0;
            } else {
                for (int j = a; j < b; j++) ring[t += gaps[j]] += w[j];
            }
            events += b - a;
        }
        return events;
    }

    /** {@link #scatter} for rows of 4-byte targets. */
    private static long scatter(float[] w, int[] spiking, int n, int[] idx, int stride, int off, int[] targets, float[] ring, int base) {
        long events = 0;
        if (w.length == 1) {
            final float w0 = w[0];
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
                for (int j = a; j < b; j++) ring[base + targets[j]] += w[j];
                events += b - a;
            }
        }
        return events;
    }

    @Override public int spikeCount(int node) { return spikeCount[node]; }

    @Override public int[] spikes(int node) { return spikeBuf[node]; }

    @Override
    public void readState(int pop, int var, int[] neurons, double[] dst) {
        float[] a = vars[pop][var];
        for (int k = 0; k < neurons.length; k++) dst[k] = a[neurons[k]];
    }

    @Override
    public OperationCounts counts() {
        step.flush();
        return counts;
    }

    /** Population {@code pop}'s variable {@code var} (for tests and tools). */
    float[] variable(int pop, int var) {
        return vars[pop][var];
    }

    /** Runs each kernel class on scratch state until C2 has compiled it (see {@link SimdNetwork}). */
    private void warmUp() {
        java.util.Set<Class<?>> done = new java.util.HashSet<>();
        for (int p = 0; p < np; p++) {
            Kernel k = kernel[p];
            if (!done.add(k.getClass()) || !WARMED.add(k.getClass())) continue;
            int n = 4 * LANES + 3, whole = 4 * LANES;
            float[][] v = new float[vars[p].length][n];
            float[][] r = new float[ring[p].length][2 * n];
            int[] rf = new int[n];
            float[] x = new float[n];
            int[] out = new int[n];
            long deadline = System.nanoTime() + 1_500_000_000L;
            int fast = 0;
            for (int it = 0; ; it++) {
                if ((it & 63) == 0) {
                    if (fast >= 256 || System.nanoTime() > deadline) break;
                    k.prime(v, r, rf, x);
                }
                long t0 = System.nanoTime();
                k.step(v, r, rf, x, (it & 1) == 0, (it & 4) == 0 ? 0 : n, 0, (it & 2) == 0 ? n : whole, out, 0);
                if (System.nanoTime() - t0 < 2_000) fast++;
            }
        }
    }

    private static final java.util.Set<Class<?>> WARMED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Appends the indices {@code base + k} of the set bits {@code k} of {@code bits}, ascending. */
    private static int compact(long bits, int base, int[] spikes, int count) {
        while (bits != 0) {
            spikes[count++] = base + Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
        }
        return count;
    }

    /** A single-precision neuron update of neurons {@code [from, to)}; vectors, then a scalar tail with the same arithmetic. */
    abstract static sealed class Kernel permits LifKernel, CubaLifKernel, CobaKernel, IfKernel {
        final float vTh, vReset, jump;
        final boolean subtract;
        final int refSteps;

        Kernel(double vTh, double vReset, ResetMode reset, int refSteps) {
            this.vTh = (float) vTh;
            this.vReset = (float) vReset;
            this.jump = (float) (vTh - vReset);
            this.subtract = reset == ResetMode.SUBTRACT;
            this.refSteps = refSteps;
        }

        abstract int step(float[][] vars, float[][] ring, int[] ref, float[] iExt, boolean external, int slot, int from, int to,
                          int[] spikes, int count);

        /** The scalar tail on its own (tests compare it with the vector lanes). */
        abstract int tail(float[][] vars, float[][] ring, int[] ref, float[] iExt, int slot, int from, int to, int[] spikes, int count);

        /** Scratch state that takes every path: membranes across the threshold, some refractory, inputs. */
        void prime(float[][] v, float[][] r, int[] rf, float[] x) {
            for (int i = 0; i < rf.length; i++) {
                float f = ((i * 0x9E3779B9L) & 0xFFFF) / 65535f;
                v[0][i] = vReset - Math.abs(jump) + 3 * Math.abs(jump) * f;
                rf[i] = i % 3 == 0 ? 1 + i % 4 : 0;
                for (float[] q : r) q[i] = (i & 1) == 0 ? 0.5f * Math.abs(jump) : -0.5f * Math.abs(jump);
            }
        }
    }

    /** {@code lif}: {@code v ← v∞ + (v + w − v∞)·P}. */
    static final class LifKernel extends Kernel {
        private final float p, vRest, r;

        LifKernel(Lif m, double dt) {
            super(m.vTh(), m.vReset(), m.reset(), m.refractorySteps(dt));
            p = (float) Propagators.decay(dt, m.tauM());
            vRest = (float) m.vRest();
            r = (float) m.r();
        }

        @Override
        int step(float[][] vars, float[][] ring, int[] ref, float[] iExt, boolean external, int slot, int from, int to,
                 int[] spikes, int count) {
            final float[] v = vars[0], in = ring[0];
            final FloatVector zero = FloatVector.zero(F);
            final int end = from + F.loopBound(to - from);
            int i = from;
            for (; i < end; i += LANES) {
                FloatVector w = FloatVector.fromArray(F, in, slot + i);
                zero.intoArray(in, slot + i);
                IntVector rf = IntVector.fromArray(I, ref, i);
                IntVector rd = rf.sub(1, rf.compare(VectorOperators.GT, 0));
                VectorMask<Float> live = rd.compare(VectorOperators.LE, 0).cast(F);
                FloatVector vOld = FloatVector.fromArray(F, v, i);
                FloatVector vInf = FloatVector.fromArray(F, iExt, i).mul(r).add(vRest);
                FloatVector vi = vOld.add(w).sub(vInf).mul(p).add(vInf);
                // spike mask live ∧ v > v_th; reset and refractory count blended in (inline: a helper taking
                // vectors was too large for C2 to inline, and vectors passed to a call are boxed)
                VectorMask<Float> spike = vi.compare(VectorOperators.GT, vTh).and(live);
                FloatVector reset = subtract ? vi.sub(jump) : FloatVector.broadcast(F, vReset);
                vOld.blend(vi.blend(reset, spike), live).intoArray(v, i);
                rd.blend(refSteps, spike.cast(I)).intoArray(ref, i);
                if (spike.anyTrue()) count = compact(spike.toLong(), i, spikes, count);
            }
            return i < to ? tail(vars, ring, ref, iExt, slot, i, to, spikes, count) : count;
        }

        @Override
        int tail(float[][] vars, float[][] ring, int[] ref, float[] iExt, int slot, int from, int to, int[] spikes, int count) {
            final float[] v = vars[0], in = ring[0];
            for (int i = from; i < to; i++) {
                final float w = in[slot + i];
                in[slot + i] = 0f;
                if (ref[i] > 0 && --ref[i] > 0) continue;
                final float vInf = iExt[i] * r + vRest;
                float vi = (v[i] + w - vInf) * p + vInf;
                if (vi > vTh) {
                    vi = subtract ? vi - jump : vReset;
                    ref[i] = refSteps;
                    spikes[count++] = i;
                }
                v[i] = vi;
            }
            return count;
        }
    }

    /** {@code cuba_lif}: exact propagators (Rotter &amp; Diesmann 1999) in single precision. */
    static final class CubaLifKernel extends Kernel {
        private final float p22, p11e, p11i, p21e, p21i, vRest, r;

        CubaLifKernel(CubaLif m, double dt) {
            super(m.vTh(), m.vReset(), m.reset(), m.refractorySteps(dt));
            p22 = (float) Propagators.decay(dt, m.tauM());
            p11e = (float) Propagators.decay(dt, m.tauSynE());
            p11i = (float) Propagators.decay(dt, m.tauSynI());
            p21e = (float) Propagators.currentToVoltage(dt, m.tauM(), m.tauSynE(), m.r());
            p21i = (float) Propagators.currentToVoltage(dt, m.tauM(), m.tauSynI(), m.r());
            vRest = (float) m.vRest();
            r = (float) m.r();
        }

        @Override
        void prime(float[][] v, float[][] r, int[] rf, float[] x) {
            super.prime(v, r, rf, x);
            float w = Math.abs(jump) / Math.max(1e-12f, Math.abs(p21e));
            for (float[] q : r) for (int i = 0; i < rf.length; i++) q[i] = (i & 1) == 0 ? w : -w;
        }

        @Override
        int step(float[][] vars, float[][] ring, int[] ref, float[] iExt, boolean external, int slot, int from, int to,
                 int[] spikes, int count) {
            final float[] v = vars[0], ie = vars[1], ii = vars[2], inE = ring[0], inI = ring[1];
            final FloatVector zero = FloatVector.zero(F);
            final FloatVector vInfRest = FloatVector.broadcast(F, 0f * r + vRest);
            final int end = from + F.loopBound(to - from);
            int i = from;
            for (; i < end; i += LANES) {
                FloatVector e = FloatVector.fromArray(F, ie, i).add(FloatVector.fromArray(F, inE, slot + i));
                FloatVector h = FloatVector.fromArray(F, ii, i).add(FloatVector.fromArray(F, inI, slot + i));
                zero.intoArray(inE, slot + i);
                zero.intoArray(inI, slot + i);
                e.mul(p11e).intoArray(ie, i);
                h.mul(p11i).intoArray(ii, i);
                IntVector rf = IntVector.fromArray(I, ref, i);
                IntVector rd = rf.sub(1, rf.compare(VectorOperators.GT, 0));
                VectorMask<Float> live = rd.compare(VectorOperators.LE, 0).cast(F);
                FloatVector vOld = FloatVector.fromArray(F, v, i);
                FloatVector vInf = external ? FloatVector.fromArray(F, iExt, i).mul(r).add(vRest) : vInfRest;
                FloatVector vi = vOld.sub(vInf).mul(p22).add(vInf).add(e.mul(p21e)).add(h.mul(p21i));
                // spike mask live ∧ v > v_th; reset and refractory count blended in (inline: a helper taking
                // vectors was too large for C2 to inline, and vectors passed to a call are boxed)
                VectorMask<Float> spike = vi.compare(VectorOperators.GT, vTh).and(live);
                FloatVector reset = subtract ? vi.sub(jump) : FloatVector.broadcast(F, vReset);
                vOld.blend(vi.blend(reset, spike), live).intoArray(v, i);
                rd.blend(refSteps, spike.cast(I)).intoArray(ref, i);
                if (spike.anyTrue()) count = compact(spike.toLong(), i, spikes, count);
            }
            return i < to ? tail(vars, ring, ref, iExt, slot, i, to, spikes, count) : count;
        }

        @Override
        int tail(float[][] vars, float[][] ring, int[] ref, float[] iExt, int slot, int from, int to, int[] spikes, int count) {
            final float[] v = vars[0], ie = vars[1], ii = vars[2], inE = ring[0], inI = ring[1];
            for (int i = from; i < to; i++) {
                final float e = ie[i] + inE[slot + i];
                final float h = ii[i] + inI[slot + i];
                inE[slot + i] = 0f;
                inI[slot + i] = 0f;
                ie[i] = e * p11e;
                ii[i] = h * p11i;
                if (ref[i] > 0 && --ref[i] > 0) continue;
                final float vInf = iExt[i] * r + vRest;
                float vi = (v[i] - vInf) * p22 + vInf + e * p21e + h * p21i;
                if (vi > vTh) {
                    vi = subtract ? vi - jump : vReset;
                    ref[i] = refSteps;
                    spikes[count++] = i;
                }
                v[i] = vi;
            }
            return count;
        }
    }

    /**
     * The constants, warm-up state and scalar tail of both {@code coba_lif} kernels; each has its own vector loop.
     * The tail does the lanes' arithmetic in the same order ({@code Math.exp} for exponential Euler).
     */
    abstract static sealed class CobaKernel extends Kernel permits CobaLifKernel, CobaEulerKernel {
        final float pe, pi, gL, gLeL, eE, eI, dtOverC, negDtOverC;
        private final boolean euler;

        CobaKernel(CobaLif m, double dt) {
            super(m.vTh(), m.vReset(), m.reset(), m.refractorySteps(dt));
            pe = (float) Propagators.decay(dt, m.tauSynE());
            pi = (float) Propagators.decay(dt, m.tauSynI());
            gL = (float) m.gL();
            gLeL = (float) (m.gL() * m.eL());
            eE = (float) m.eE();
            eI = (float) m.eI();
            dtOverC = (float) (dt / m.cM());
            negDtOverC = -dtOverC;
            euler = m.method() == CobaLif.Method.EULER;
        }

        @Override
        void prime(float[][] v, float[][] r, int[] rf, float[] x) {
            super.prime(v, r, rf, x);
            java.util.Arrays.fill(v[1], gL);
            for (float[] q : r) java.util.Arrays.fill(q, gL);
        }

        @Override
        int tail(float[][] vars, float[][] ring, int[] ref, float[] iExt, int slot, int from, int to, int[] spikes, int count) {
            final float[] v = vars[0], ge = vars[1], gi = vars[2], inE = ring[0], inI = ring[1];
            for (int i = from; i < to; i++) {
                final float e = ge[i] + inE[slot + i];
                final float h = gi[i] + inI[slot + i];
                inE[slot + i] = 0f;
                inI[slot + i] = 0f;
                ge[i] = e * pe;
                gi[i] = h * pi;
                if (ref[i] > 0 && --ref[i] > 0) continue;
                final float gTot = e + gL + h;
                final float num = e * eE + gLeL + h * eI + iExt[i];
                float vi;
                if (euler) {
                    vi = (num - gTot * v[i]) * dtOverC + v[i];
                } else {
                    final float vInf = num / gTot;
                    vi = (v[i] - vInf) * (float) Math.exp(gTot * negDtOverC) + vInf;
                }
                if (vi > vTh) {
                    vi = subtract ? vi - jump : vReset;
                    ref[i] = refSteps;
                    spikes[count++] = i;
                }
                v[i] = vi;
            }
            return count;
        }
    }

    /** {@code coba_lif}: exponential Euler for v with the conductances held over the step; vector {@code exp}. */
    static final class CobaLifKernel extends CobaKernel {
        CobaLifKernel(CobaLif m, double dt) {
            super(m, dt);
        }

        @Override
        int step(float[][] vars, float[][] ring, int[] ref, float[] iExt, boolean external, int slot, int from, int to,
                 int[] spikes, int count) {
            final float[] v = vars[0], ge = vars[1], gi = vars[2], inE = ring[0], inI = ring[1];
            final FloatVector zero = FloatVector.zero(F);
            final int end = from + F.loopBound(to - from);
            // the compressed indices may be stored whole (their spare lanes land past the list's end) when there is room
            final boolean room = count + (end - from) <= spikes.length;
            int i = from;
            for (; i < end; i += LANES) {
                FloatVector e = FloatVector.fromArray(F, ge, i).add(FloatVector.fromArray(F, inE, slot + i));
                FloatVector h = FloatVector.fromArray(F, gi, i).add(FloatVector.fromArray(F, inI, slot + i));
                zero.intoArray(inE, slot + i);
                zero.intoArray(inI, slot + i);
                e.mul(pe).intoArray(ge, i);
                h.mul(pi).intoArray(gi, i);
                IntVector rf = IntVector.fromArray(I, ref, i);
                IntVector rd = rf.sub(1, rf.compare(VectorOperators.GT, 0));
                VectorMask<Float> live = rd.compare(VectorOperators.LE, 0).cast(F);
                FloatVector vOld = FloatVector.fromArray(F, v, i);
                FloatVector gTot = e.add(gL).add(h);
                FloatVector num = e.mul(eE).add(gLeL).add(h.mul(eI));
                num = external ? num.add(FloatVector.fromArray(F, iExt, i)) : num;
                FloatVector vInf = num.div(gTot);
                FloatVector decay = VectorExp.exp(gTot.mul(negDtOverC));
                FloatVector vi = vOld.sub(vInf).mul(decay).add(vInf);
                // spike mask live ∧ v > v_th; reset and refractory count blended in (inline: a helper taking
                // vectors was too large for C2 to inline, and vectors passed to a call are boxed)
                VectorMask<Float> spike = vi.compare(VectorOperators.GT, vTh).and(live);
                FloatVector reset = subtract ? vi.sub(jump) : FloatVector.broadcast(F, vReset);
                vOld.blend(vi.blend(reset, spike), live).intoArray(v, i);
                VectorMask<Integer> fired = spike.cast(I);
                rd.blend(refSteps, fired).intoArray(ref, i);
                if (SimdKernels.COMPRESS) { // see SimdKernels' class comment
                    if (room) IOTA.add(i).compress(fired).intoArray(spikes, count);
                    else IOTA.add(i).compress(fired).intoArray(spikes, count, fired.compress());
                    count += fired.trueCount();
                } else if (spike.anyTrue()) {
                    count = compact(spike.toLong(), i, spikes, count);
                }
            }
            return i < to ? tail(vars, ring, ref, iExt, slot, i, to, spikes, count) : count;
        }
    }

    /** {@code coba_lif} with {@code method: euler}: forward Euler for v; no {@code exp}, no division. */
    static final class CobaEulerKernel extends CobaKernel {
        CobaEulerKernel(CobaLif m, double dt) {
            super(m, dt);
        }

        @Override
        int step(float[][] vars, float[][] ring, int[] ref, float[] iExt, boolean external, int slot, int from, int to,
                 int[] spikes, int count) {
            final float[] v = vars[0], ge = vars[1], gi = vars[2], inE = ring[0], inI = ring[1];
            final FloatVector zero = FloatVector.zero(F);
            final int end = from + F.loopBound(to - from);
            final boolean room = count + (end - from) <= spikes.length;
            int i = from;
            for (; i < end; i += LANES) {
                FloatVector e = FloatVector.fromArray(F, ge, i).add(FloatVector.fromArray(F, inE, slot + i));
                FloatVector h = FloatVector.fromArray(F, gi, i).add(FloatVector.fromArray(F, inI, slot + i));
                zero.intoArray(inE, slot + i);
                zero.intoArray(inI, slot + i);
                e.mul(pe).intoArray(ge, i);
                h.mul(pi).intoArray(gi, i);
                IntVector rf = IntVector.fromArray(I, ref, i);
                IntVector rd = rf.sub(1, rf.compare(VectorOperators.GT, 0));
                VectorMask<Float> live = rd.compare(VectorOperators.LE, 0).cast(F);
                FloatVector vOld = FloatVector.fromArray(F, v, i);
                FloatVector gTot = e.add(gL).add(h);
                FloatVector num = e.mul(eE).add(gLeL).add(h.mul(eI));
                num = external ? num.add(FloatVector.fromArray(F, iExt, i)) : num;
                FloatVector vi = num.sub(gTot.mul(vOld)).mul(dtOverC).add(vOld);
                VectorMask<Float> spike = vi.compare(VectorOperators.GT, vTh).and(live);
                FloatVector reset = subtract ? vi.sub(jump) : FloatVector.broadcast(F, vReset);
                vOld.blend(vi.blend(reset, spike), live).intoArray(v, i);
                VectorMask<Integer> fired = spike.cast(I);
                rd.blend(refSteps, fired).intoArray(ref, i);
                if (SimdKernels.COMPRESS) {
                    if (room) IOTA.add(i).compress(fired).intoArray(spikes, count);
                    else IOTA.add(i).compress(fired).intoArray(spikes, count, fired.compress());
                    count += fired.trueCount();
                } else if (spike.anyTrue()) {
                    count = compact(spike.toLong(), i, spikes, count);
                }
            }
            return i < to ? tail(vars, ring, ref, iExt, slot, i, to, spikes, count) : count;
        }
    }

    /** {@code if}: {@code v ← v + w + dt·I_ext/C_m}. */
    static final class IfKernel extends Kernel {
        private final float gain;

        IfKernel(IntegrateAndFire m, double dt) {
            super(m.vTh(), m.vReset(), m.reset(), m.refractorySteps(dt));
            gain = (float) (dt / m.cM());
        }

        @Override
        int step(float[][] vars, float[][] ring, int[] ref, float[] iExt, boolean external, int slot, int from, int to,
                 int[] spikes, int count) {
            final float[] v = vars[0], in = ring[0];
            final FloatVector zero = FloatVector.zero(F);
            final int end = from + F.loopBound(to - from);
            int i = from;
            for (; i < end; i += LANES) {
                FloatVector w = FloatVector.fromArray(F, in, slot + i);
                zero.intoArray(in, slot + i);
                IntVector rf = IntVector.fromArray(I, ref, i);
                IntVector rd = rf.sub(1, rf.compare(VectorOperators.GT, 0));
                VectorMask<Float> live = rd.compare(VectorOperators.LE, 0).cast(F);
                FloatVector vOld = FloatVector.fromArray(F, v, i);
                FloatVector vi = vOld.add(w).add(FloatVector.fromArray(F, iExt, i).mul(gain));
                // spike mask live ∧ v > v_th; reset and refractory count blended in (inline: a helper taking
                // vectors was too large for C2 to inline, and vectors passed to a call are boxed)
                VectorMask<Float> spike = vi.compare(VectorOperators.GT, vTh).and(live);
                FloatVector reset = subtract ? vi.sub(jump) : FloatVector.broadcast(F, vReset);
                vOld.blend(vi.blend(reset, spike), live).intoArray(v, i);
                rd.blend(refSteps, spike.cast(I)).intoArray(ref, i);
                if (spike.anyTrue()) count = compact(spike.toLong(), i, spikes, count);
            }
            return i < to ? tail(vars, ring, ref, iExt, slot, i, to, spikes, count) : count;
        }

        @Override
        int tail(float[][] vars, float[][] ring, int[] ref, float[] iExt, int slot, int from, int to, int[] spikes, int count) {
            final float[] v = vars[0], in = ring[0];
            for (int i = from; i < to; i++) {
                final float w = in[slot + i];
                in[slot + i] = 0f;
                if (ref[i] > 0 && --ref[i] > 0) continue;
                float vi = v[i] + w + iExt[i] * gain;
                if (vi > vTh) {
                    vi = subtract ? vi - jump : vReset;
                    ref[i] = refSteps;
                    spikes[count++] = i;
                }
                v[i] = vi;
            }
            return count;
        }
    }

    private long warmUpSteps;

    /** Sets the steps of the simulator's warm-up ({@link SimdBackend}'s {@code warmup} option). */
    void warmUpSteps(long steps) {
        warmUpSteps = steps;
    }

    @Override
    public long warmUpSteps() {
        return warmUpSteps; // no plasticity here (the constructor refuses it)
    }
}
