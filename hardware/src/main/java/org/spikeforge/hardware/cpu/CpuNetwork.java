package org.spikeforge.hardware.cpu;

import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.hardware.OperationCounts;
import org.spikeforge.neurons.NeuronKernel;
import org.spikeforge.neurons.PopulationState;
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
 */
public class CpuNetwork implements CompiledNetwork {
    protected final NetworkGraph graph;
    protected final PopulationState[] states;
    protected final NeuronKernel[] kernels;
    protected final int[][] spikeBuf;
    protected final int[] spikeCount;
    protected final OperationCounts counts = new OperationCounts();
    private final boolean[] iExtDirty;
    /** Scratch row for procedural projections: one block of targets. */
    protected final int[] rowScratch = new int[ProceduralConnectivity.BLOCK];

    public CpuNetwork(NetworkGraph graph) {
        this(graph, null);
    }

    /**
     * With {@code ringSlots[p]} ring slots for population {@code p} where it is positive, instead
     * of {@code max(1, max delay)}: a subclass that queues its input elsewhere asks for one.
     */
    protected CpuNetwork(NetworkGraph graph, int[] ringSlots) {
        this.graph = graph;
        int np = graph.populations().size();
        states = new PopulationState[np];
        kernels = new NeuronKernel[np];
        int[] slots = new int[np];
        java.util.Arrays.fill(slots, 1);
        for (NetworkGraph.Projection pr : graph.projections()) {
            slots[pr.target()] = Math.max(slots[pr.target()], pr.delaySteps());
        }
        if (ringSlots != null) {
            for (int p = 0; p < np; p++) if (ringSlots[p] > 0) slots[p] = ringSlots[p];
        }
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
    }

    @Override public NetworkGraph graph() { return graph; }

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
        if (graph.currents().isEmpty()) return;
        boolean any = false;
        for (NetworkGraph.Current c : graph.currents()) {
            if (c.current().changesAt(step) || step == 0) { iExtDirty[c.population()] = true; any = true; }
        }
        if (!any) return;
        for (int p = 0; p < np; p++) if (iExtDirty[p]) java.util.Arrays.fill(states[p].iExt, 0.0);
        for (NetworkGraph.Current c : graph.currents()) {
            if (!iExtDirty[c.population()]) continue;
            double a = c.current().amplitudeAt(step);
            double[] iExt = states[c.population()].iExt;
            if (c.neurons() == null) {
                for (int i = 0; i < iExt.length; i++) iExt[i] += a;
            } else {
                for (int i : c.neurons()) iExt[i] += a;
            }
        }
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
        for (NetworkGraph.Projection pr : graph.projections()) {
            int node = pr.sourceNode();
            int n = spikeCount[node];
            if (n == 0) continue;
            counts.synapticEvents += pr.isProcedural()
                    ? deliverProcedural(pr, spikeBuf[node], n, step, states[pr.target()], 0, pr.procedural().blocks(), rowScratch)
                    : deliver(pr, spikeBuf[node], n, step, states[pr.target()]);
        }
    }

    /**
     * Scatters the outgoing rows of the {@code n} spiking sources into the target's ring buffer.
     * Returns the number of synaptic events.
     */
    protected static long deliver(NetworkGraph.Projection pr, int[] spiking, int n, long step, PopulationState tgt) {
        final int[] rowStart = pr.connectivity().rowStart();
        final int[] targets = pr.connectivity().targets();
        final float[] w = pr.weights();
        final int slot = (int) ((step + pr.delaySteps()) % tgt.slots);
        final double[] ring = tgt.ring[pr.receptor()];
        final int base = slot * tgt.size;
        long events = 0;
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

    @Override public int spikeCount(int node) { return spikeCount[node]; }

    @Override public int[] spikes(int node) { return spikeBuf[node]; }

    @Override
    public void readState(int pop, int var, int[] neurons, double[] dst) {
        double[] a = states[pop].vars[var];
        for (int k = 0; k < neurons.length; k++) dst[k] = a[neurons[k]];
    }

    @Override public OperationCounts counts() { return counts; }
}
