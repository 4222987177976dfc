package org.spikeforge.hardware;

import java.util.List;
import org.spikeforge.encoders.CurrentSource;
import org.spikeforge.encoders.SpikeSource;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.synapses.CsrConnectivity;

/**
 * A fully resolved network, ready for a backend to compile: every synapse drawn, every initial
 * value set, every quantity in engine units and every time in integer steps.
 *
 * <p>It lives in {@code hardware} rather than {@code simulations} because backends compile it and
 * {@code hardware} must not depend on {@code simulations}; the {@code Network} builder in
 * {@code simulations} produces it. Nodes that emit spikes are numbered populations first, then
 * sources: node {@code k < populations().size()} is population {@code k}, node
 * {@code populations().size() + j} is source {@code j}.
 *
 * @param dtMs        time step in ms
 * @param populations neuron populations
 * @param sources     spike sources (inputs)
 * @param projections synapses between nodes
 * @param currents    current injections
 */
public record NetworkGraph(double dtMs, List<Population> populations, List<Source> sources,
                           List<Projection> projections, List<Current> currents) {

    public NetworkGraph {
        populations = List.copyOf(populations);
        sources = List.copyOf(sources);
        projections = List.copyOf(projections);
        currents = List.copyOf(currents);
    }

    /** A population of {@code size} neurons of one model; {@code initial[var][i]} in engine units. */
    public record Population(String name, int size, NeuronModel model, double[][] initial) {}

    /** A spike source. */
    public record Source(String name, SpikeSource source) {
        public int size() {
            return source.size();
        }
    }

    /**
     * Synapses from node {@code sourceNode} to population {@code target}, onto one receptor, all with
     * the same delay of {@code delaySteps >= 1} steps. A projection whose synapses have different
     * delays is stored as one such record per delay group ({@code group} counts them from 0, all
     * sharing the projection's {@code name}). {@code weights} holds one weight per CSR synapse, or a
     * single weight shared by all; storage is therefore 4 bytes per synapse for the target index plus
     * 4 for an individual weight.
     */
    public record Projection(String name, int group, int sourceNode, int target, int receptor,
                             CsrConnectivity connectivity, float[] weights, int delaySteps) {
        public Projection {
            if (weights.length != connectivity.synapses() && weights.length != 1) {
                throw new IllegalArgumentException("projection " + name + ": need one weight per synapse or one shared weight, got "
                        + weights.length + " for " + connectivity.synapses() + " synapses");
            }
            if (delaySteps < 1) throw new IllegalArgumentException("projection " + name + ": delay must be >= 1 step, was " + delaySteps);
        }

        /** Whether one weight is shared by every synapse. */
        public boolean sharedWeight() {
            return weights.length == 1 && connectivity.synapses() != 1;
        }

        /** Weight of CSR synapse {@code k}. */
        public float weight(int k) {
            return weights.length == 1 ? weights[0] : weights[k];
        }
    }

    /** A current injected into {@code neurons} (null: all) of population {@code population}. */
    public record Current(String name, int population, int[] neurons, CurrentSource current) {}

    /** Number of spike-emitting nodes (populations, then sources). */
    public int nodes() {
        return populations.size() + sources.size();
    }

    /** Size of node {@code k}. */
    public int nodeSize(int node) {
        int p = populations.size();
        return node < p ? populations.get(node).size() : sources.get(node - p).size();
    }

    /** Name of node {@code k}. */
    public String nodeName(int node) {
        int p = populations.size();
        return node < p ? populations.get(node).name() : sources.get(node - p).name();
    }

    public long neuronCount() {
        long n = 0;
        for (Population p : populations) n += p.size();
        return n;
    }

    public long synapseCount() {
        long n = 0;
        for (Projection p : projections) n += p.connectivity().synapses();
        return n;
    }
}
