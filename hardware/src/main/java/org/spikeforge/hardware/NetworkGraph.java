package org.spikeforge.hardware;

import java.util.List;
import org.spikeforge.encoders.CurrentSource;
import org.spikeforge.encoders.SpikeSource;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.synapses.CsrConnectivity;
import org.spikeforge.synapses.device.PulsedDevice;
import org.spikeforge.synapses.plasticity.PlasticityRule;
import org.spikeforge.synapses.plasticity.TsodyksMarkram;
import org.spikeforge.synapses.ProceduralConnectivity;

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
 * @param plasticity  plasticity rules on projections (empty for a static network)
 */
public record NetworkGraph(double dtMs, List<Population> populations, List<Source> sources,
                           List<Projection> projections, List<Current> currents, List<Plasticity> plasticity) {

    public NetworkGraph {
        populations = List.copyOf(populations);
        sources = List.copyOf(sources);
        projections = List.copyOf(projections);
        currents = List.copyOf(currents);
        plasticity = List.copyOf(plasticity);
        boolean[] longTerm = new boolean[projections.size()], shortTerm = new boolean[projections.size()];
        for (Plasticity pl : plasticity) {
            if (pl.projection() < 0 || pl.projection() >= projections.size()) {
                throw new IllegalArgumentException("plasticity refers to projection " + pl.projection()
                        + ", expected an index in [0, " + projections.size() + ")");
            }
            String name = projections.get(pl.projection()).name();
            boolean stp = pl.rule() instanceof TsodyksMarkram;
            boolean[] seen = stp ? shortTerm : longTerm;
            if (seen[pl.projection()]) {
                throw new IllegalArgumentException("projection " + name + ": more than one "
                        + (stp ? "short-term" : "long-term") + " plasticity rule");
            }
            seen[pl.projection()] = true;
        }
    }

    /** A static network: no plasticity. */
    public NetworkGraph(double dtMs, List<Population> populations, List<Source> sources, List<Projection> projections,
                        List<Current> currents) {
        this(dtMs, populations, sources, projections, currents, List.of());
    }

    /** A population of {@code size} neurons of one model; {@code initial[var][i]} in engine units. */
    public record Population(String name, int size, NeuronModel model, double[][] initial) {
        public Population {
            try {
                model.checkPopulationSize(size);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("population " + name + ": " + e.getMessage(), e);
            }
        }
    }

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
     *
     * <p>Exactly one of {@code connectivity} (stored CSR) and {@code procedural} (regenerated on the
     * fly, zero bytes per synapse) is non-null. A procedural projection has one shared weight.
     */
    public record Projection(String name, int group, int sourceNode, int target, int receptor,
                             CsrConnectivity connectivity, float[] weights, int delaySteps,
                             ProceduralConnectivity procedural) {
        public Projection {
            if ((connectivity == null) == (procedural == null)) {
                throw new IllegalArgumentException("projection " + name + ": needs either stored or procedural connectivity, not "
                        + (connectivity == null ? "neither" : "both"));
            }
            if (procedural != null && weights.length != 1) {
                throw new IllegalArgumentException("projection " + name + ": procedural connectivity needs one shared weight, got "
                        + weights.length + " weights");
            }
            if (connectivity != null && weights.length != connectivity.synapses() && weights.length != 1) {
                throw new IllegalArgumentException("projection " + name + ": need one weight per synapse or one shared weight, got "
                        + weights.length + " for " + connectivity.synapses() + " synapses");
            }
            if (delaySteps < 1) throw new IllegalArgumentException("projection " + name + ": delay must be >= 1 step, was " + delaySteps);
        }

        /** A projection with stored (CSR) connectivity. */
        public Projection(String name, int group, int sourceNode, int target, int receptor,
                          CsrConnectivity connectivity, float[] weights, int delaySteps) {
            this(name, group, sourceNode, target, receptor, connectivity, weights, delaySteps, null);
        }

        /** A projection with procedural connectivity and one shared weight. */
        public Projection(String name, int group, int sourceNode, int target, int receptor,
                          ProceduralConnectivity procedural, float weight, int delaySteps) {
            this(name, group, sourceNode, target, receptor, null, new float[] {weight}, delaySteps, procedural);
        }

        /** Whether the synapses are regenerated on the fly rather than stored. */
        public boolean isProcedural() {
            return procedural != null;
        }

        /** Number of synapses (for a procedural projection, counted once by regenerating it). */
        public long synapses() {
            return procedural != null ? procedural.synapses() : connectivity.synapses();
        }

        /** Bytes of connectivity storage: row pointers, targets and weights (0 per synapse when procedural). */
        public long connectivityBytes() {
            if (procedural != null) return 4L * weights.length;
            return 4L * connectivity.rowStart().length + 4L * connectivity.synapses() + 4L * weights.length;
        }

        /** Whether one weight is shared by every synapse. */
        public boolean sharedWeight() {
            return weights.length == 1 && (procedural != null || connectivity.synapses() != 1);
        }

        /** Weight of CSR synapse {@code k}. */
        public float weight(int k) {
            return weights.length == 1 ? weights[0] : weights[k];
        }
    }

    /**
     * A plasticity rule on projection {@code projection} (an index into {@link #projections()}).
     * A projection carries at most one long-term rule ({@code PairStdp}, {@code TripletStdp}) and
     * at most one short-term rule ({@code TsodyksMarkram}). The weights a rule changes are the
     * projection's weights, in the receptor's engine units, bounded by the rule's bounds.
     *
     * @param device null for ideal synapses; otherwise the resistive-memory device each synapse
     *               is stored on, through which every weight update passes as pulses
     */
    public record Plasticity(int projection, PlasticityRule rule, DeviceBinding device) {
        public Plasticity {
            if (rule == null) throw new IllegalArgumentException("plasticity on projection " + projection + " needs a rule");
            if (device != null && rule instanceof TsodyksMarkram) {
                throw new IllegalArgumentException("plasticity on projection " + projection
                        + ": a device model applies to long-term rules only, not to tsodyks_markram");
            }
        }

        /** A rule on ideal synapses. */
        public Plasticity(int projection, PlasticityRule rule) {
            this(projection, rule, null);
        }
    }

    /**
     * The resistive-memory device that stores a projection's weights: synaptic weight
     * {@code = weightScale × device weight}. Each synapse gets its own device, drawn (with its
     * device-to-device variability and faults) from {@code seed} when the network is compiled, and
     * programmed to the projection's initial weight.
     *
     * @param device      the device model (e.g. a {@code DevicePresets} preset)
     * @param weightScale synaptic units per device unit, non-zero
     * @param seed        seed of the projection's device stream
     */
    public record DeviceBinding(PulsedDevice device, double weightScale, long seed) {
        public DeviceBinding {
            if (device == null) throw new IllegalArgumentException("device binding needs a device model");
            if (!(weightScale != 0) || !Double.isFinite(weightScale)) {
                throw new IllegalArgumentException("device weight_scale must be finite and non-zero, was " + weightScale);
            }
        }
    }

    /** A current injected into {@code neurons} (null: all) of population {@code population}. */
    public record Current(String name, int population, int[] neurons, CurrentSource current) {}

    /**
     * Marks in {@code dirty} every population with an injected current whose amplitude changes at {@code step}
     * (every population with a current at step 0); returns whether any does. The backends then rebuild only
     * those populations' injected current ({@link #sumCurrents}).
     */
    public boolean markCurrentChanges(long step, boolean[] dirty) {
        boolean any = false;
        for (Current c : currents) {
            if (step == 0 || c.current().changesAt(step)) {
                dirty[c.population()] = true;
                any = true;
            }
        }
        return any;
    }

    /**
     * Writes the injected current of population {@code p} at {@code step} into {@code out[offset …
     * offset + size)}: zero, plus the amplitude of each of its currents in graph order (the order, and so the
     * sums, every backend uses).
     */
    public void sumCurrents(int p, long step, double[] out, int offset) {
        int size = populations.get(p).size();
        java.util.Arrays.fill(out, offset, offset + size, 0.0);
        for (Current c : currents) {
            if (c.population() != p) continue;
            double a = c.current().amplitudeAt(step);
            if (c.neurons() == null) {
                for (int i = offset; i < offset + size; i++) out[i] += a;
            } else {
                for (int i : c.neurons()) out[offset + i] += a;
            }
        }
    }

    /** {@link #sumCurrents(int, long, double[], int)} in single precision (each amplitude rounded to float, then added). */
    public void sumCurrents(int p, long step, float[] out) {
        java.util.Arrays.fill(out, 0f);
        for (Current c : currents) {
            if (c.population() != p) continue;
            float a = (float) c.current().amplitudeAt(step);
            if (c.neurons() == null) {
                for (int i = 0; i < out.length; i++) out[i] += a;
            } else {
                for (int i : c.neurons()) out[i] += a;
            }
        }
    }

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
        for (Projection p : projections) n += p.synapses();
        return n;
    }

    /**
     * Bytes the stored synapses take: each stored projection's rows ({@link CsrConnectivity#storedBytes}) and
     * its weights (4 bytes each, one when shared); procedural projections take none.
     */
    public long synapseStorageBytes() {
        long b = 0;
        for (Projection p : projections) {
            if (p.isProcedural()) continue;
            b += p.connectivity().storedBytes() + 4L * p.weights().length;
        }
        return b;
    }
}
