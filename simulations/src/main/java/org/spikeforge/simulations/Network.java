package org.spikeforge.simulations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.spikeforge.encoders.CurrentRaster;
import org.spikeforge.encoders.CurrentSource;
import org.spikeforge.encoders.Encoding;
import org.spikeforge.encoders.PoissonSource;
import org.spikeforge.encoders.SpikeArraySource;
import org.spikeforge.encoders.SpikeSource;
import org.spikeforge.encoders.SpikeTrain;
import org.spikeforge.encoders.events.EventStream;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.synapses.ConnectivityRule;
import org.spikeforge.synapses.CsrConnectivity;
import org.spikeforge.synapses.SynapseValue;
import org.spikeforge.synapses.device.PulsedDevice;
import org.spikeforge.synapses.plasticity.PlasticityRule;
import org.spikeforge.synapses.plasticity.TsodyksMarkram;

/**
 * A spiking network: named populations, spike sources, projections and current injections, all
 * resolved (synapses drawn, initial values set) into a {@link NetworkGraph} that any backend can
 * compile. Build one with {@link #builder(double, long)}:
 *
 * <pre>{@code
 * Network net = Network.builder(0.1, 42)
 *     .population("exc", 3200, new CubaLif(...))
 *     .initial("exc", "v", InitialValue.uniform(-60, -50))
 *     .poisson("noise", 100, 10.0)
 *     .projection("ee", "exc", "exc", "exc", new FixedProbability(0.02, true),
 *                 new SynapseValue.Constant(1.62), new SynapseValue.Constant(0.1))
 *     .build();
 * }</pre>
 *
 * <p>Every random choice draws from the stream of its own object ({@link Seeds}), so the same
 * seed gives the same network however it is built or run.
 *
 * <p>Plasticity is attached to a projection by name ({@link Builder#plasticity}); it then covers
 * every delay group of the projection, and a projection with a long-term rule stores one weight
 * per synapse. The learned weights of group {@code k} of projection {@code name} are those of
 * {@code graph().projections().get(projectionGroups(name)[k])}.
 */
public final class Network {
    private final NetworkGraph graph;
    private final long seed;
    private final Map<String, Integer> nodeIndex;

    private Network(NetworkGraph graph, long seed) {
        this.graph = graph;
        this.seed = seed;
        Map<String, Integer> idx = new LinkedHashMap<>();
        for (int k = 0; k < graph.nodes(); k++) idx.put(graph.nodeName(k), k);
        this.nodeIndex = idx;
    }

    public static Builder builder(double dtMs, long seed) {
        return new Builder(dtMs, seed);
    }

    public NetworkGraph graph() { return graph; }

    public long seed() { return seed; }

    public double dtMs() { return graph.dtMs(); }

    /** Node index of a population or source, or -1. */
    public int node(String name) {
        return nodeIndex.getOrDefault(name, -1);
    }

    /**
     * Indices into {@code graph().projections()} of the delay groups of projection {@code name}, in
     * group order (empty if there is no such projection).
     */
    public int[] projectionGroups(String name) {
        List<NetworkGraph.Projection> ps = graph.projections();
        return java.util.stream.IntStream.range(0, ps.size()).filter(k -> ps.get(k).name().equals(name)).toArray();
    }

    /** Population index of {@code name}, or -1 (sources are not populations). */
    public int population(String name) {
        int k = node(name);
        return k >= 0 && k < graph.populations().size() ? k : -1;
    }

    /** Builds a {@link Network}; names must be unique across populations and sources. */
    public static final class Builder {
        private final double dtMs;
        private final long seed;
        private final List<PopulationDef> populations = new ArrayList<>();
        private final List<NetworkGraph.Source> sources = new ArrayList<>();
        private final List<ProjectionDef> projections = new ArrayList<>();
        private final List<CurrentDef> currents = new ArrayList<>();
        private final List<PlasticityDef> plasticity = new ArrayList<>();
        private final Map<String, Object> names = new LinkedHashMap<>();

        private Builder(double dtMs, long seed) {
            if (!(dtMs > 0) || !Double.isFinite(dtMs)) throw new IllegalArgumentException("dt must be a positive time, was " + dtMs + " ms");
            this.dtMs = dtMs;
            this.seed = seed;
        }

        private record PopulationDef(String name, int size, NeuronModel model, Map<String, InitialValue> initial) {}

        private record ProjectionDef(String name, String source, String target, String receptor, ConnectivityRule rule,
                                     SynapseValue weight, SynapseValue delayMs) {}

        private record CurrentDef(String name, String population, int[] neurons, CurrentSource current) {}

        private record PlasticityDef(String projection, PlasticityRule rule, PulsedDevice device, double weightScale) {}

        private void claim(String name, Object what) {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("names must not be empty");
            if (names.putIfAbsent(name, what) != null) throw new IllegalArgumentException("duplicate name '" + name + "'");
        }

        public double dtMs() { return dtMs; }

        public long seed() { return seed; }

        /** Converts a time in ms to a whole number of steps (rounded to nearest). */
        public long steps(double ms) {
            return Math.round(ms / dtMs);
        }

        public Builder population(String name, int size, NeuronModel model) {
            if (size < 1) throw new IllegalArgumentException("population " + name + ": size must be >= 1, was " + size);
            claim(name, "population");
            populations.add(new PopulationDef(name, size, model, new LinkedHashMap<>()));
            return this;
        }

        /** Sets the initial value of state variable {@code var} of population {@code pop}. */
        public Builder initial(String pop, String var, InitialValue value) {
            PopulationDef p = populations.stream().filter(d -> d.name().equals(pop)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown population '" + pop + "'"));
            if (p.model().stateIndex(var) < 0) {
                throw new IllegalArgumentException("population " + pop + " (" + p.model().kind() + ") has no state variable '"
                        + var + "'; it has " + p.model().stateVariables());
            }
            p.initial().put(var, value);
            return this;
        }

        /** Independent Poisson trains of {@code rateHz} on {@code size} channels. */
        public Builder poisson(String name, int size, double rateHz) {
            return source(name, new PoissonSource(size, rateHz, dtMs, Seeds.derive(seed, "source:" + name)));
        }

        /** Spikes of channel {@code indices[k]} at {@code timesMs[k]} (rounded to the step grid). */
        public Builder spikeTimes(String name, int size, double[] timesMs, int[] indices) {
            long[] st = new long[timesMs.length];
            for (int k = 0; k < st.length; k++) st[k] = steps(timesMs[k]);
            return source(name, new SpikeArraySource(size, st, indices));
        }

        public Builder source(String name, SpikeSource source) {
            claim(name, "source");
            sources.add(new NetworkGraph.Source(name, source));
            return this;
        }

        /** Injects {@code current} into {@code neurons} (null: all) of {@code population}. */
        public Builder current(String name, String population, int[] neurons, CurrentSource current) {
            claim(name, "current");
            currents.add(new CurrentDef(name, population, neurons, current));
            return this;
        }

        /**
         * The spikes of an encoder's output as a source named {@code name}: a {@link SpikeTrain}
         * (on and off channels of a bipolar code are channels {@code [0, n)} and {@code [n, 2n)})
         * or an {@link EventStream} (channel {@code p·height·width + y·width + x}, at the events'
         * exact times). A train on another step grid is moved onto the network's: a spike at time
         * t falls into step {@code ⌊t/dt⌋}; several spikes of a channel in one step count once.
         */
        public Builder encoded(String name, Encoding encoding) {
            SpikeTrain train = switch (encoding) {
                case SpikeTrain t -> onGrid(t);
                case EventStream e -> e.toSpikeTrain(dtMs);
                case CurrentRaster r -> throw new IllegalArgumentException("input " + name
                        + ": the encoder gives currents, which need a target population (Builder.currents)");
                default -> throw new IllegalArgumentException("input " + name + ": unsupported encoding " + encoding.getClass().getSimpleName());
            };
            return source(name, train.toSource());
        }

        private SpikeTrain onGrid(SpikeTrain t) {
            if (Math.abs(t.dtMs() - dtMs) <= 1e-12 * dtMs) return t;
            int steps = (int) Math.ceil(t.steps() * t.dtMs() / dtMs - 1e-9);
            return t.resampled(dtMs, steps);
        }

        /**
         * Injects the currents of {@code raster} into {@code population}: channel {@code c} into neuron
         * {@code neurons[c]} ({@code neurons} null: neuron {@code c}). A raster on another step grid is
         * sampled at the start of each network step: during network step {@code s} a channel carries
         * the raster's current at time {@code s·dt}, and 0 after the raster's end.
         */
        public Builder currents(String name, String population, int[] neurons, CurrentRaster raster) {
            claim(name, "current");
            int channels = raster.channels();
            if (neurons != null && neurons.length != channels) {
                throw new IllegalArgumentException("input " + name + ": " + neurons.length + " neurons given for " + channels + " channels");
            }
            long[] start = new long[raster.steps() + 1];
            double[] amp = new double[raster.steps() + 1];
            double ratio = raster.dtMs() / dtMs;
            for (int c = 0; c < channels; c++) {
                int m = 0;
                for (int k = 0; k <= raster.steps(); k++) {
                    long at = (long) Math.ceil(k * ratio - 1e-9);
                    double a = k < raster.steps() ? raster.currentPa(k, c) : 0.0;
                    if (m > 0 && start[m - 1] == at) {
                        amp[m - 1] = a; // several raster steps within one network step: the last one wins
                        if (m > 1 && amp[m - 2] == a) m--;
                        continue;
                    }
                    if (m > 0 && amp[m - 1] == a) continue;
                    start[m] = at;
                    amp[m++] = a;
                }
                int neuron = neurons == null ? c : neurons[c];
                currents.add(new CurrentDef(name + "[" + c + "]", population, new int[] {neuron},
                        new CurrentSource(java.util.Arrays.copyOf(start, m), java.util.Arrays.copyOf(amp, m))));
            }
            return this;
        }

        /**
         * Makes projection {@code projection} plastic with ideal synapses: the rule covers all its delay
         * groups. A long-term rule gives the projection one weight per synapse.
         */
        public Builder plasticity(String projection, PlasticityRule rule) {
            return plasticity(projection, rule, null, 1.0);
        }

        /**
         * Makes projection {@code projection} plastic, its weights stored on resistive-memory devices
         * ({@code device} null: ideal synapses): synaptic weight = {@code weightScale} × device weight.
         * Each delay group's devices draw their variability from their own stream.
         */
        public Builder plasticity(String projection, PlasticityRule rule, PulsedDevice device, double weightScale) {
            if (rule == null) throw new IllegalArgumentException("projection " + projection + ": plasticity needs a rule");
            plasticity.add(new PlasticityDef(projection, rule, device, weightScale));
            return this;
        }

        /**
         * Synapses from node {@code source} to population {@code target}'s {@code receptor} (null:
         * the model's first receptor). Weights are in the receptor's engine unit, delays in ms and
         * at least one step.
         */
        public Builder projection(String name, String source, String target, String receptor, ConnectivityRule rule,
                                  SynapseValue weight, SynapseValue delayMs) {
            claim(name, "projection");
            projections.add(new ProjectionDef(name, source, target, receptor, rule, weight, delayMs));
            return this;
        }

        public Network build() {
            List<NetworkGraph.Population> pops = new ArrayList<>();
            Map<String, Integer> node = new LinkedHashMap<>();
            for (PopulationDef d : populations) {
                NeuronModel m = d.model();
                int nv = m.stateVariables().size();
                double[][] init = new double[nv][d.size()];
                double[] rest = m.restingState();
                for (int k = 0; k < nv; k++) {
                    InitialValue iv = d.initial().get(m.stateVariables().get(k));
                    if (iv == null) {
                        java.util.Arrays.fill(init[k], rest[k]);
                    } else {
                        iv.fill(init[k], Seeds.stream(seed, "init:" + d.name() + "." + m.stateVariables().get(k)));
                    }
                }
                node.put(d.name(), pops.size());
                pops.add(new NetworkGraph.Population(d.name(), d.size(), m, init));
            }
            for (int j = 0; j < sources.size(); j++) node.put(sources.get(j).name(), pops.size() + j);

            java.util.Set<String> learning = new java.util.HashSet<>();
            for (PlasticityDef pl : plasticity) {
                if (projections.stream().noneMatch(d -> d.name().equals(pl.projection()))) {
                    throw new IllegalArgumentException("plasticity refers to unknown projection '" + pl.projection() + "'");
                }
                if (!(pl.rule() instanceof TsodyksMarkram)) learning.add(pl.projection());
            }
            List<NetworkGraph.Projection> projs = new ArrayList<>();
            for (ProjectionDef d : projections) projs.addAll(resolve(d, node, pops, learning.contains(d.name())));
            List<NetworkGraph.Plasticity> rules = new ArrayList<>();
            for (PlasticityDef pl : plasticity) {
                for (int k = 0; k < projs.size(); k++) {
                    NetworkGraph.Projection p = projs.get(k);
                    if (!p.name().equals(pl.projection())) continue;
                    NetworkGraph.DeviceBinding device = pl.device() == null ? null : new NetworkGraph.DeviceBinding(pl.device(),
                            pl.weightScale(), Seeds.derive(seed, "device:" + p.name() + "#" + p.group()));
                    rules.add(new NetworkGraph.Plasticity(k, pl.rule(), device));
                }
            }

            List<NetworkGraph.Current> cur = new ArrayList<>();
            for (CurrentDef c : currents) {
                Integer p = node.get(c.population());
                if (p == null || p >= pops.size()) {
                    throw new IllegalArgumentException("current " + c.name() + ": unknown population '" + c.population() + "'");
                }
                if (c.neurons() != null) {
                    for (int i : c.neurons()) {
                        if (i < 0 || i >= pops.get(p).size()) {
                            throw new IllegalArgumentException("current " + c.name() + ": neuron " + i + " outside [0, " + pops.get(p).size() + ")");
                        }
                    }
                }
                cur.add(new NetworkGraph.Current(c.name(), p, c.neurons(), c.current()));
            }
            return new Network(new NetworkGraph(dtMs, pops, sources, projs, cur, rules), seed);
        }

        /**
         * Draws a projection's synapses, weights and delays, and splits it into delay groups: one
         * {@link NetworkGraph.Projection} per distinct delay, each in CSR order. A weight shared by all
         * synapses is stored once, unless {@code perSynapse} (a learning projection).
         */
        private List<NetworkGraph.Projection> resolve(ProjectionDef d, Map<String, Integer> node, List<NetworkGraph.Population> pops,
                                                      boolean perSynapse) {
            Integer src = node.get(d.source());
            if (src == null) throw new IllegalArgumentException("projection " + d.name() + ": unknown source '" + d.source() + "'");
            Integer tgt = node.get(d.target());
            if (tgt == null || tgt >= pops.size()) {
                throw new IllegalArgumentException("projection " + d.name() + ": unknown target population '" + d.target() + "'");
            }
            NeuronModel m = pops.get(tgt).model();
            int receptor = d.receptor() == null ? 0 : m.receptorIndex(d.receptor());
            if (receptor < 0) {
                throw new IllegalArgumentException("projection " + d.name() + ": " + m.kind() + " has no receptor '" + d.receptor()
                        + "'; it has " + m.receptors());
            }
            int nSrc = src < pops.size() ? pops.get(src).size() : sources.get(src - pops.size()).size();
            int nTgt = pops.get(tgt).size();
            UniformRandomProvider rng = Seeds.stream(seed, "projection:" + d.name());
            if (d.rule() instanceof ConnectivityRule.ProceduralProbability pp) {
                // regenerated on the fly: one shared weight and one delay, nothing stored per synapse
                if (!(d.weight() instanceof SynapseValue.Constant w)) {
                    throw new IllegalArgumentException("projection " + d.name() + ": procedural connectivity needs one constant weight, got " + d.weight());
                }
                if (!(d.delayMs() instanceof SynapseValue.Constant dl)) {
                    throw new IllegalArgumentException("projection " + d.name() + ": procedural connectivity needs one constant delay, got " + d.delayMs());
                }
                return List.of(new NetworkGraph.Projection(d.name(), 0, src, tgt, receptor, pp.procedural(nSrc, nTgt, src.equals(tgt), rng),
                        (float) w.value(), delaySteps(d.name(), dl.value())));
            }
            CsrConnectivity csr = d.rule().build(nSrc, nTgt, src.equals(tgt), rng);
            int n = csr.synapses();
            int[] order = d.rule() instanceof ConnectivityRule.Explicit e ? e.csrOrder(nSrc, nTgt) : null;
            float[] wf;
            if (d.weight() instanceof SynapseValue.Constant c) {
                wf = new float[perSynapse ? n : 1];
                java.util.Arrays.fill(wf, (float) c.value());
            } else {
                double[] w = d.weight().sample(n, rng);
                wf = new float[n];
                for (int k = 0; k < n; k++) wf[k] = (float) w[order == null ? k : order[k]];
            }
            if (d.delayMs() instanceof SynapseValue.Constant c) {
                // one delay: no per-synapse delay array, not even while building
                return List.of(new NetworkGraph.Projection(d.name(), 0, src, tgt, receptor, csr, wf, delaySteps(d.name(), c.value())));
            }
            int[] ds = new int[n];
            java.util.TreeSet<Integer> distinct = new java.util.TreeSet<>();
            double[] dl = d.delayMs().sample(n, rng);
            for (int k = 0; k < n; k++) ds[k] = delaySteps(d.name(), dl[order == null ? k : order[k]]);
            for (int x : ds) distinct.add(x);
            if (distinct.size() <= 1) {
                int delay = distinct.isEmpty() ? 1 : distinct.first();
                return List.of(new NetworkGraph.Projection(d.name(), 0, src, tgt, receptor, csr, wf, delay));
            }
            List<NetworkGraph.Projection> groups = new ArrayList<>();
            int g = 0;
            for (int delay : distinct) {
                int[] rowStart = new int[nSrc + 1];
                IntArrayBuilder targets = new IntArrayBuilder();
                IntArrayBuilder picked = new IntArrayBuilder();
                for (int s = 0; s < nSrc; s++) {
                    for (int j = csr.rowStart()[s]; j < csr.rowStart()[s + 1]; j++) {
                        if (ds[j] == delay) {
                            targets.add(csr.targets()[j]);
                            picked.add(j);
                        }
                    }
                    rowStart[s + 1] = targets.size();
                }
                CsrConnectivity sub = new CsrConnectivity(nSrc, nTgt, rowStart, targets.toArray());
                float[] w = wf;
                if (wf.length > 1) {
                    int[] p = picked.toArray();
                    w = new float[p.length];
                    for (int k = 0; k < p.length; k++) w[k] = wf[p[k]];
                }
                groups.add(new NetworkGraph.Projection(d.name(), g++, src, tgt, receptor, sub, w, delay));
            }
            return groups;
        }

        private int delaySteps(String projection, double ms) {
            long steps = Math.round(ms / dtMs);
            if (steps < 1) {
                throw new IllegalArgumentException("projection " + projection + ": delay " + ms
                        + " ms is shorter than one time step (" + dtMs + " ms)");
            }
            return Math.toIntExact(steps);
        }
    }

    /** Growable int array for building delay groups. */
    private static final class IntArrayBuilder {
        private int[] a = new int[16];
        private int n;

        void add(int v) {
            if (n == a.length) a = java.util.Arrays.copyOf(a, a.length * 2);
            a[n++] = v;
        }

        int size() { return n; }

        int[] toArray() { return java.util.Arrays.copyOf(a, n); }
    }
}
