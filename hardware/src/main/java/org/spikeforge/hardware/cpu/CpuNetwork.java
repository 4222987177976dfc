package org.spikeforge.hardware.cpu;

import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.OperationCounts;
import org.spikeforge.neurons.NeuronKernel;
import org.spikeforge.neurons.PopulationState;
import org.spikeforge.synapses.plasticity.TsodyksMarkram;
import org.spikeforge.synapses.ProceduralConnectivity;

/**
 * A network compiled for the CPU: struct-of-arrays state per population, CSR per projection, and
 * per-receptor delay ring buffers. Kernels come from the models ({@link NeuronKernel}); subclasses
 * can replace the neuron-update phase (SIMD, threads) and keep the rest.
 *
 * <p>Ring buffers: population {@code p} has {@code D_p = max delay} slots (at least one); a spike
 * emitted in step {@code t} with delay {@code d} lands in slot {@code (t+d) mod D_p}, which the
 * kernel reads and clears in step {@code t+d}. Delivery in step {@code t} comes after the kernel
 * has consumed slot {@code t mod D_p}, so a delay of exactly {@code D_p} may reuse that slot: one
 * slot suffices for delays of one step, half the memory of {@code 1 + max delay} slots. Projections
 * are delivered in graph order and, within one, in spike order, so floating-point sums are the
 * same on every run.
 *
 * <p>Procedural projections ({@link ProceduralConnectivity}) regenerate the row of each spiking
 * source block by block into a scratch buffer of {@link ProceduralConnectivity#BLOCK} targets and
 * scatter it like a CSR row, in the same ascending order.
 *
 * <p>Plasticity ({@link NetworkGraph#plasticity()}): a projection with a long-term rule gets its
 * own copy of the weight array, which {@link #graph()} reports and learning changes; the network
 * given to the constructor is never modified, so it can be compiled again for a fresh run. The
 * learning phase ({@link #learn}) runs the rule on the step's spikes ({@link ProjectionLearning}).
 * A projection with Tsodyks–Markram short-term plasticity transmits {@code w·u·x} per spike,
 * with {@code u, x} per presynaptic neuron updated as it spikes. Neither allocates per step.
 */
public class CpuNetwork implements CompiledNetwork {
    protected final NetworkGraph graph;
    protected final PopulationState[] states;
    protected final NeuronKernel[] kernels;
    protected final int[][] spikeBuf;
    protected final int[] spikeCount;
    protected final OperationCounts counts = new OperationCounts();
    private final boolean[] iExtDirty;
    /** Per projection: its learning phase, or null. */
    private final ProjectionLearning[] learning;
    /** Per projection: its short-term plasticity, or null; with its state per presynaptic neuron. */
    private final TsodyksMarkram[] shortTerm;
    private final double[][] stpU, stpX;
    private final long[][] stpLast;

    /** Scratch row for procedural projections: one block of targets. */
    protected final int[] rowScratch = new int[ProceduralConnectivity.BLOCK];

    /** Ring-buffer slots per population: its projections' longest delay in steps, at least one (class comment). */
    public static int[] ringSlots(NetworkGraph graph) {
        int[] slots = new int[graph.populations().size()];
        java.util.Arrays.fill(slots, 1);
        for (NetworkGraph.Projection pr : graph.projections()) {
            slots[pr.target()] = Math.max(slots[pr.target()], pr.delaySteps());
        }
        return slots;
    }

    public CpuNetwork(NetworkGraph graph) {
        graph = withOwnPlasticWeights(graph);
        this.graph = graph;
        int np = graph.populations().size();
        states = new PopulationState[np];
        kernels = new NeuronKernel[np];
        int[] slots = ringSlots(graph);
        for (int p = 0; p < np; p++) {
            NetworkGraph.Population pop = graph.populations().get(p);
            int nv = pop.model().stateVariables().size();
            states[p] = new PopulationState(pop.size(), nv, pop.model().receptors().size(), slots[p]);
            for (int k = 0; k < nv; k++) System.arraycopy(pop.initial()[k], 0, states[p].vars[k], 0, pop.size());
            kernels[p] = pop.model().kernel(graph.dtMs());
        }
        int nodes = graph.nodes();
        spikeBuf = new int[nodes][];
        spikeCount = new int[nodes];
        for (int k = 0; k < nodes; k++) spikeBuf[k] = new int[Math.max(1, graph.nodeSize(k))];
        iExtDirty = new boolean[np];
        int nproj = graph.projections().size();
        learning = new ProjectionLearning[nproj];
        shortTerm = new TsodyksMarkram[nproj];
        stpU = new double[nproj][];
        stpX = new double[nproj][];
        stpLast = new long[nproj][];
        for (NetworkGraph.Plasticity pl : graph.plasticity()) {
            int k = pl.projection();
            NetworkGraph.Projection pr = graph.projections().get(k);
            int srcSize = graph.nodeSize(pr.sourceNode());
            if (pl.rule() instanceof TsodyksMarkram tm) {
                shortTerm[k] = tm;
                stpU[k] = new double[srcSize];
                stpX[k] = new double[srcSize];
                stpLast[k] = new long[srcSize];
                TsodyksMarkram.reset(stpU[k], stpX[k], stpLast[k]);
            } else {
                learning[k] = new ProjectionLearning(pr, pl, srcSize, graph.nodeSize(pr.target()), graph.dtMs());
            }
        }
    }

    /** The graph with a private copy of the weights of every projection a long-term rule changes. */
    private static NetworkGraph withOwnPlasticWeights(NetworkGraph g) {
        if (g.plasticity().isEmpty()) return g;
        java.util.List<NetworkGraph.Projection> pr = new java.util.ArrayList<>(g.projections());
        for (NetworkGraph.Plasticity pl : g.plasticity()) {
            if (pl.rule() instanceof TsodyksMarkram) continue;
            NetworkGraph.Projection p = pr.get(pl.projection());
            // a learning projection needs one weight per synapse, even if they all start equal
            float[] w = new float[p.connectivity().synapses()];
            for (int j = 0; j < w.length; j++) w[j] = p.weight(j);
            pr.set(pl.projection(), new NetworkGraph.Projection(p.name(), p.group(), p.sourceNode(), p.target(), p.receptor(),
                    p.connectivity(), w, p.delaySteps()));
        }
        return new NetworkGraph(g.dtMs(), g.populations(), g.sources(), pr, g.currents(), g.plasticity());
    }

    @Override public NetworkGraph graph() { return graph; }

    @Override
    public boolean canResetState() {
        return true;
    }

    @Override
    public void resetState() {
        for (int p = 0; p < states.length; p++) {
            PopulationState s = states[p];
            double[][] init = graph.populations().get(p).initial();
            for (int k = 0; k < s.vars.length; k++) System.arraycopy(init[k], 0, s.vars[k], 0, s.size);
            java.util.Arrays.fill(s.refractory, 0);
            for (double[] r : s.ring) java.util.Arrays.fill(r, 0.0);
            java.util.Arrays.fill(s.iExt, 0.0);
        }
        java.util.Arrays.fill(spikeCount, 0);
        for (NetworkGraph.Source src : graph.sources()) src.source().reset();
        for (int k = 0; k < learning.length; k++) {
            if (learning[k] != null) learning[k].clearTraces();
            if (shortTerm[k] != null) TsodyksMarkram.reset(stpU[k], stpX[k], stpLast[k]);
        }
        // currents are re-applied at step 0 (applyInputs treats step 0 as a change)
    }

    /** Direct access to a population's state (CPU backends only; for tests and tools). */
    public PopulationState state(int pop) { return states[pop]; }

    @Override
    public void applyInputs(long step) {
        int np = states.length;
        for (int j = 0; j < graph.sources().size(); j++) {
            int node = np + j;
            int n = graph.sources().get(j).source().spikes(step, spikeBuf[node]);
            spikeCount[node] = n;
            counts.inputSpikes += n;
        }
        if (graph.currents().isEmpty() || !graph.markCurrentChanges(step, iExtDirty)) return;
        for (int p = 0; p < np; p++) if (iExtDirty[p]) graph.sumCurrents(p, step, states[p].iExt, 0);
        java.util.Arrays.fill(iExtDirty, false);
    }

    @Override
    public void updateNeurons(long step) {
        for (int p = 0; p < states.length; p++) {
            PopulationState s = states[p];
            int slot = (int) (step % s.slots) * s.size;
            int n = kernels[p].step(s, slot, 0, s.size, spikeBuf[p], 0);
            spikeCount[p] = n;
            counts.spikes += n;
            counts.neuronUpdates += s.size;
        }
        counts.steps++;
    }

    @Override
    public void propagate(long step) {
        java.util.List<NetworkGraph.Projection> projections = graph.projections();
        for (int k = 0, m = projections.size(); k < m; k++) {
            NetworkGraph.Projection pr = projections.get(k);
            int node = pr.sourceNode();
            int n = spikeCount[node];
            if (n == 0) continue;
            counts.synapticEvents += pr.isProcedural()
                    ? deliverProcedural(pr, spikeBuf[node], n, step, states[pr.target()], 0, pr.procedural().blocks(), rowScratch)
                    : shortTerm[k] == null
                    ? deliver(pr, spikeBuf[node], n, step, states[pr.target()])
                    : deliverShortTerm(pr, spikeBuf[node], n, step, states[pr.target()], k);
        }
    }

    /** {@link #deliver} with each spiking source's weights scaled by its Tsodyks–Markram efficacy {@code u·x}. */
    private long deliverShortTerm(NetworkGraph.Projection pr, int[] spiking, int n, long step, PopulationState tgt, int k) {
        final TsodyksMarkram tm = shortTerm[k];
        final double[] u = stpU[k], x = stpX[k];
        final long[] last = stpLast[k];
        final int[] rowStart = pr.connectivity().rowStart();
        final int[] targets = pr.connectivity().targets();
        final float[] w = pr.weights();
        final boolean shared = w.length == 1;
        final double[] ring = tgt.ring[pr.receptor()];
        final int base = (int) ((step + pr.delaySteps()) % tgt.slots) * tgt.size;
        final double dt = graph.dtMs();
        long events = 0;
        for (int q = 0; q < n; q++) {
            int s = spiking[q];
            double f = tm.spike(s, step, dt, u, x, last);
            int end = rowStart[s + 1];
            for (int j = rowStart[s]; j < end; j++) {
                ring[base + targets[j]] += (shared ? w[0] : w[j]) * f;
            }
            events += end - rowStart[s];
        }
        return events;
    }

    /**
     * Phase 4: each projection with a long-term rule learns from this step's source and target
     * spikes. Runs after {@link #propagate}, so a spike is transmitted with the weight it found.
     */
    @Override
    public void learn(long step) {
        for (ProjectionLearning l : learning) {
            if (l == null) continue;
            int src = l.sourceNode(), tgt = l.target();
            l.learn(step, spikeBuf[src], spikeCount[src], spikeBuf[tgt], spikeCount[tgt]);
        }
    }

    /** The device array of projection {@code projection}'s synapses, or null if they are ideal or static. */
    public org.spikeforge.synapses.device.DeviceArray devices(int projection) {
        return learning[projection] == null ? null : learning[projection].devices();
    }

    /**
     * Scatters the outgoing rows of the {@code n} spiking sources into the target's ring buffer.
     * Returns the number of synaptic events.
     */
    protected static long deliver(NetworkGraph.Projection pr, int[] spiking, int n, long step, PopulationState tgt) {
        final int[] rowStart = pr.connectivity().rowStart();
        final float[] w = pr.weights();
        final int slot = (int) ((step + pr.delaySteps()) % tgt.slots);
        final double[] ring = tgt.ring[pr.receptor()];
        final int base = slot * tgt.size;
        long events = 0;
        final char[] gaps = pr.connectivity().gaps();
        if (gaps != null) { // 2-byte rows (CsrConnectivity#ofGaps): the same additions in the same order
            final boolean shared = w.length == 1;
            final double w0 = w[0];
            for (int k = 0; k < n; k++) {
                int s = spiking[k];
                int end = rowStart[s + 1], t = base - 1;
                if (shared) {
                    for (int j = rowStart[s]; j < end; j++) ring[t += gaps[j]] += w0;
                } else {
                    for (int j = rowStart[s]; j < end; j++) ring[t += gaps[j]] += w[j];
                }
                events += end - rowStart[s];
            }
            return events;
        }
        final int[] targets = pr.connectivity().targets();
        if (w.length == 1) {
            final double w0 = w[0];
            for (int k = 0; k < n; k++) {
                int s = spiking[k];
                int end = rowStart[s + 1];
                for (int j = rowStart[s]; j < end; j++) ring[base + targets[j]] += w0;
                events += end - rowStart[s];
            }
        } else {
            for (int k = 0; k < n; k++) {
                int s = spiking[k];
                int end = rowStart[s + 1];
                for (int j = rowStart[s]; j < end; j++) ring[base + targets[j]] += w[j];
                events += end - rowStart[s];
            }
        }
        return events;
    }

    /**
     * Scatters the synapses of the {@code n} spiking sources of a procedural projection whose
     * targets lie in blocks {@code [fromBlock, toBlock)}, regenerating each row one block at a time
     * into {@code scratch} ({@link ProceduralConnectivity#BLOCK} entries). Returns the number of
     * synaptic events.
     */
    protected static long deliverProcedural(NetworkGraph.Projection pr, int[] spiking, int n, long step, PopulationState tgt,
                                            int fromBlock, int toBlock, int[] scratch) {
        final ProceduralConnectivity pc = pr.procedural();
        final double w0 = pr.weights()[0];
        final int slot = (int) ((step + pr.delaySteps()) % tgt.slots);
        final double[] ring = tgt.ring[pr.receptor()];
        final int base = slot * tgt.size;
        long events = 0;
        for (int k = 0; k < n; k++) {
            final int s = spiking[k];
            for (int b = fromBlock; b < toBlock; b++) {
                final int m = pc.targets(s, b, b + 1, scratch, 0);
                for (int j = 0; j < m; j++) ring[base + scratch[j]] += w0;
                events += m;
            }
        }
        return events;
    }

    /** Whether any projection learns (its {@link #learn} phase changes weights after the step's delivery). */
    protected final boolean hasLearning() {
        for (ProjectionLearning l : learning) if (l != null) return true;
        return false;
    }

    /** Whether any projection has short-term plasticity (its delivery scales rows per spike). */
    protected final boolean hasShortTermPlasticity() {
        for (TsodyksMarkram tm : shortTerm) if (tm != null) return true;
        return false;
    }

    @Override public int spikeCount(int node) { return spikeCount[node]; }

    @Override public int[] spikes(int node) { return spikeBuf[node]; }

    @Override
    public void readState(int pop, int var, int[] neurons, double[] dst) {
        double[] a = states[pop].vars[var];
        for (int k = 0; k < neurons.length; k++) dst[k] = a[neurons[k]];
    }

    @Override
    public OperationCounts counts() {
        long updates = 0, pulses = 0;
        boolean any = false;
        for (ProjectionLearning l : learning) {
            if (l == null) continue;
            any = true;
            updates += l.updates;
            if (l.devices() != null) pulses += l.devices().pulsesApplied();
        }
        if (any) {
            counts.extra.put("plasticity_updates", updates);
            counts.extra.put("device_pulses", pulses);
        }
        return counts;
    }
}
