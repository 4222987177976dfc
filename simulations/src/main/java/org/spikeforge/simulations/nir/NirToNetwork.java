package org.spikeforge.simulations.nir;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spikeforge.encoders.CurrentRaster;
import org.spikeforge.encoders.CurrentSource;
import org.spikeforge.encoders.SpikeTrain;
import org.spikeforge.hardware.Backend;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.CompiledNetwork;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.neurons.nir.NirCubaLi;
import org.spikeforge.neurons.nir.NirCubaLif;
import org.spikeforge.neurons.nir.NirDiscretisation;
import org.spikeforge.neurons.nir.NirI;
import org.spikeforge.neurons.nir.NirIf;
import org.spikeforge.neurons.nir.NirLi;
import org.spikeforge.neurons.nir.NirLif;
import org.spikeforge.neurons.nir.NirNeuron;
import org.spikeforge.neurons.nir.NirSpikingNeuron;
import org.spikeforge.simulations.InitialValue;
import org.spikeforge.simulations.Network;
import org.spikeforge.simulations.Probe;
import org.spikeforge.simulations.Simulator;
import org.spikeforge.synapses.ConnectivityRule;
import org.spikeforge.synapses.SynapseValue;

/**
 * Maps a NIR graph onto the engine ({@link Network}), so that it runs on any backend, and runs it
 * there with the traces of the reference executor ({@link NirExecutor}).
 *
 * <p><b>Mapping.</b>
 * <table>
 *   <caption>NIR nodes on the engine</caption>
 *   <tr><th>NIR node</th><th>engine</th></tr>
 *   <tr><td>LIF, CubaLIF, IF, LI, CubaLI, I</td><td>a population of {@code nir_lif},
 *       {@code nir_cuba_lif}, {@code nir_if}, {@code nir_li}, {@code nir_cuba_li}, {@code nir_i}
 *       ({@link NirNeuron}) with the node's per-neuron parameters, the run's discretisation and, for
 *       spiking nodes, the node's reset and the flavor's reset timing</td></tr>
 *   <tr><td>Linear, Affine, Scale, Conv1d, Conv2d, SumPool2d, AvgPool2d, Flatten</td><td>composed
 *       along every path between two neuron nodes (or from the Input) into one sparse map
 *       ({@link DelayedLinearMap}) and stored as one projection with explicit CSR connectivity:
 *       dense weights for Linear and Affine, the kernel's taps for Conv and pooling (never a dense
 *       matrix), a diagonal for Scale, an index mapping for Flatten</td></tr>
 *   <tr><td>biases (Affine, Conv, and what later maps make of them)</td><td>constant currents
 *       into the target neurons from their first step, added digitally to the input as the
 *       neurons' {@code x = ring + iExt} (aihwkit's default digital bias); an analog backend
 *       therefore computes the weights and never the biases</td></tr>
 *   <tr><td>Delay</td><td>added to the projections' delays (rounded to whole steps)</td></tr>
 *   <tr><td>Input</td><td>a spike source replaying the input array when it holds only 0 and 1
 *       ({@link SpikeTrain#toSource()}); otherwise the first map is applied on the host and fed as
 *       per-step currents ({@link CurrentRaster#toCurrentSources()})</td></tr>
 *   <tr><td>Output</td><td>a readout computed on the host from the recorded outputs of the nodes
 *       that feed it (spikes, or the membrane of non-spiking nodes)</td></tr>
 *   <tr><td>Threshold; a non-spiking node feeding a neuron node; a cycle without a neuron node;
 *       a recurrent edge that spans neuron nodes in one step</td><td>rejected with a one-line
 *       error ({@link NirFormatException}); the reference executor runs these</td></tr>
 * </table>
 *
 * <p><b>Time.</b> NIR computes a feed-forward chain within one step; on the engine every
 * projection delays by at least one step. Each neuron node {@code P} therefore runs shifted by
 * a depth {@code D(P) ≥ 1}: engine step {@code t + D(P)} of {@code P} is reference step {@code t}.
 * A projection from {@code S} to {@code P} whose NIR path carries a delay of {@code d} steps
 * (Delay nodes, plus one for an edge that closes a cycle) gets the engine delay
 * {@code D(P) − D(S) + d}, and the depths are the smallest that make every such delay at least
 * one step (a longest-path problem; it has no solution exactly when a cycle would need spikes to
 * cross several neuron nodes within one step). A node waits at rest, with no input, for its first
 * {@code D(P)} steps. Traces are recorded shifted back, on the reference's time axis.
 *
 * <p><b>Batches.</b> The batch elements run as trials laid end to end on one compiled network:
 * trial {@code b} occupies engine steps {@code [b·L, (b+1)·L)}, {@code L = T + max D}, and the
 * state is reset ({@link CompiledNetwork#resetState()}) between trials. A backend that cannot reset
 * compiles one network per trial.
 *
 * <p><b>Arithmetic.</b> The neuron models compute as the reference executor
 * ({@link org.spikeforge.neurons.nir.NirCoefficients}), and each target adds its spike inputs in
 * ascending source order, as the reference's Linear, Affine and Conv nodes do; so a single
 * bias-free path from a spike source reproduces the reference's input sums, and then its state,
 * bit for bit. A bias is added after the weights instead of before them, and composed paths (e.g.
 * pooling then Linear) or several paths into one node group the same terms differently; these
 * change the last bits of the input. Weights are stored in float32 (the engine's synapse format):
 * float32 NIR weights, and their products with powers of two such as AvgPool2d(2)'s 1/4, are exact;
 * other weights are rounded, and a note says by how much.
 */
public final class NirToNetwork {

    /** The origin key of the biases (node names are never empty). */
    private static final String BIAS = "";

    /** How the Input node's values enter the engine. */
    public enum InputMode {
        /** Every value is 0 or 1: a spike source whose projections run on the backend. */
        SPIKES,
        /** Graded values: the Input's first map is applied on the host and injected as current. */
        CURRENTS
    }

    private final NirExecutor reference;
    private final NirFlatGraph flat;
    private final NirRunOptions options;
    private final double dt;
    private final String inputNode;
    private final Set<NirEdge> delayedEdges;
    /** Neuron nodes, in the reference's execution order. */
    private final List<String> neurons = new ArrayList<>();
    /** The graph's Output nodes, in execution order. */
    private final List<String> outputs = new ArrayList<>();
    /** target → origin → map into the target's input (origin: a neuron node, the Input, or {@link #BIAS}). */
    private final Map<String, Map<String, DelayedLinearMap>> into = new LinkedHashMap<>();
    private final Map<String, NirNeuron> models = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    private NirToNetwork(NirGraph graph, NirRunOptions options) {
        this.reference = NirExecutor.compile(graph, options);
        this.flat = reference.graph();
        this.options = options;
        this.dt = reference.dt();
        this.inputNode = reference.inputNode();
        this.delayedEdges = new HashSet<>(reference.delayedEdges());
        notes.addAll(reference.notes());
        for (String name : reference.executionOrder()) {
            NirFlatGraph.Node n = flat.node(name);
            if (n.node().hasMembrane()) neurons.add(name);
            else if (n.node() instanceof NirNode.Output && !n.boundary()) outputs.add(name);
            else if (n.node() instanceof NirNode.Threshold) {
                throw new NirFormatException("Threshold node '" + name + "' has no engine equivalent (a stateless spike function"
                        + " between layers); run the graph on the reference executor (without --backend)");
            }
        }
        for (String t : neurons) into.put(t, new LinkedHashMap<>());
        for (String t : outputs) into.put(t, new LinkedHashMap<>());
        walk(inputNode, inputNode, DelayedLinearMap.identity(flat.outputSize(inputNode)), false, new ArrayDeque<>());
        for (String n : neurons) walk(n, n, DelayedLinearMap.identity(flat.outputSize(n)), false, new ArrayDeque<>());
        for (NirFlatGraph.Node n : flat.nodes()) {
            double[] bias = bias(n);
            if (bias == null) continue;
            Deque<String> path = new ArrayDeque<>();
            path.push(n.name());
            walk(BIAS, n.name(), DelayedLinearMap.column(bias), true, path);
        }
        for (String t : neurons) {
            for (String origin : into.get(t).keySet()) {
                if (origin.equals(BIAS) || origin.equals(inputNode)) continue;
                if (!flat.node(origin).node().isSpiking()) {
                    throw new NirFormatException(flat.node(origin).node().type() + " node '" + origin + "' feeds neuron node '" + t
                            + "', but it does not spike and the engine carries only spikes between neurons; "
                            + "a non-spiking node can only feed Output nodes");
                }
            }
            models.put(t, createModel(t));
        }
    }

    /**
     * Maps {@code graph} with the run options of the reference executor (flavor, resets,
     * discretisation, dt). Throws {@link NirFormatException} naming the first node or edge that
     * cannot run on the engine.
     */
    public static NirToNetwork map(NirGraph graph, NirRunOptions options) {
        return new NirToNetwork(graph, options);
    }

    /** The time step in seconds. */
    public double dt() { return dt; }

    /** The reference executor the mapping was checked against (delayed edges, execution order). */
    public NirExecutor reference() { return reference; }

    /** The neuron nodes, which become populations of the same names. */
    public List<String> neuronNodes() { return List.copyOf(neurons); }

    /** The engine model of neuron node {@code node}. */
    public NirNeuron model(String node) {
        NirNeuron m = models.get(node);
        if (m == null) throw new NirFormatException("no neuron node '" + node + "' (neuron nodes: " + String.join(", ", neurons) + ")");
        return m;
    }

    /** Remarks: the reference's, plus rounded weights. */
    public List<String> notes() { return List.copyOf(notes); }

    // ---- composing the stateless nodes ------------------------------------------------------

    private List<NirEdge> outgoing(String node) {
        List<NirEdge> out = new ArrayList<>();
        for (NirEdge e : flat.edges()) if (e.source().equals(node)) out.add(e);
        return out;
    }

    private boolean terminal(NirFlatGraph.Node n) {
        return n.node().hasMembrane() || (n.node() instanceof NirNode.Output && !n.boundary());
    }

    /** Follows every path from {@code node} (whose output the map describes) to the neuron and Output nodes it reaches. */
    private void walk(String origin, String node, DelayedLinearMap map, boolean bias, Deque<String> path) {
        for (NirEdge e : outgoing(node)) {
            DelayedLinearMap m = map;
            if (delayedEdges.contains(e)) {
                // A constant bias was already there before step 0 (the reference's rest pass), so a
                // one-step delay does not move its onset, unless a Delay node has already delayed it.
                m = bias ? m.delayedIfDelayed(1) : m.delayedBy(1);
            }
            NirFlatGraph.Node t = flat.node(e.target());
            if (terminal(t)) {
                into.get(t.name()).merge(origin, m, DelayedLinearMap::plus);
                continue;
            }
            if (path.contains(t.name())) {
                throw new NirFormatException("edge " + e + " closes a cycle through stateless nodes only (" + String.join(" -> ", path)
                        + "); the engine needs a neuron node in every cycle");
            }
            path.addLast(t.name());
            walk(origin, t.name(), apply(t, m), bias, path);
            path.removeLast();
        }
    }

    /** The map after stateless node {@code n}. */
    private DelayedLinearMap apply(NirFlatGraph.Node n, DelayedLinearMap m) {
        String name = n.name();
        String where = n.node().type() + " node '" + name + "'";
        int nIn = flat.inputSize(name), nOut = flat.outputSize(name);
        return switch (n.node()) {
            case NirNode.Input x -> m;
            case NirNode.Output x -> m;
            case NirNode.Flatten x -> m;
            case NirNode.Linear l -> m.then(DelayedLinearMap.Taps.dense(l.weight().values(), nOut, nIn));
            case NirNode.Affine a -> m.then(DelayedLinearMap.Taps.dense(a.weight().values(), nOut, nIn));
            case NirNode.Scale s -> m.then(DelayedLinearMap.Taps.diagonal(s.scale().broadcast(nOut, where + " scale")));
            case NirNode.Delay d -> m.delayedByRow(NirExecutor.delaySteps(d.delay().broadcast(nOut, where + " delay"), dt, where,
                    new ArrayList<>()));
            case NirNode.Conv1d c -> m.then(convTaps(ConvGeometry.of(flat, name), c.weight().values()));
            case NirNode.Conv2d c -> m.then(convTaps(ConvGeometry.of(flat, name), c.weight().values()));
            case NirNode.SumPool2d p -> m.then(poolTaps(PoolGeometry.of(flat, name)));
            case NirNode.AvgPool2d p -> m.then(poolTaps(PoolGeometry.of(flat, name)));
            default -> throw new NirFormatException(where + " cannot be mapped onto the engine");
        };
    }

    private static DelayedLinearMap.Taps convTaps(ConvGeometry g, double[] w) {
        DelayedLinearMap.Taps.Builder b = new DelayedLinearMap.Taps.Builder(g.outputSize(), g.inputSize());
        g.forEachTap((out, in, k) -> {
            if (w[k] != 0.0) b.add(out, in, w[k]);
        });
        return b.build();
    }

    private static DelayedLinearMap.Taps poolTaps(PoolGeometry g) {
        DelayedLinearMap.Taps.Builder b = new DelayedLinearMap.Taps.Builder(g.outputSize(), g.inputSize());
        g.forEachTap((out, in) -> b.add(out, in, g.scale()));
        return b.build();
    }

    /** The bias a stateless node adds to its output, per output element, or null. */
    private double[] bias(NirFlatGraph.Node n) {
        String where = n.node().type() + " node '" + n.name() + "'";
        int nOut = flat.outputSize(n.name());
        return switch (n.node()) {
            case NirNode.Affine a -> a.bias().broadcast(nOut, where + " bias");
            case NirNode.Conv1d c -> perChannel(c.bias().broadcast(flat.outputShape(n.name())[0], where + " bias"), nOut);
            case NirNode.Conv2d c -> perChannel(c.bias().broadcast(flat.outputShape(n.name())[0], where + " bias"), nOut);
            default -> null;
        };
    }

    private static double[] perChannel(double[] perChannel, int n) {
        double[] out = new double[n];
        int per = n / perChannel.length;
        for (int i = 0; i < n; i++) out[i] = perChannel[i / per];
        return out;
    }

    // ---- neuron models ----------------------------------------------------------------------

    private NirNeuron createModel(String name) {
        NirNode node = flat.node(name).node();
        String where = node.type() + " node '" + name + "'";
        int n = flat.outputSize(name);
        NirDiscretisation disc = NirExecutor.discretisation(options);
        ResetMode reset = options.resetOf(name);
        return switch (node) {
            case NirNode.LIF l -> new NirLif(p(l.tau(), n, where, "tau"), p(l.r(), n, where, "r"), p(l.vLeak(), n, where, "v_leak"),
                    p(l.vThreshold(), n, where, "v_threshold"), p(l.vReset(), n, where, "v_reset"), disc, reset,
                    reference.delayedReset(name));
            case NirNode.IF l -> new NirIf(p(l.r(), n, where, "r"), p(l.vThreshold(), n, where, "v_threshold"),
                    p(l.vReset(), n, where, "v_reset"), reset, reference.delayedReset(name));
            case NirNode.CubaLIF l -> new NirCubaLif(p(l.tauMem(), n, where, "tau_mem"), p(l.tauSyn(), n, where, "tau_syn"),
                    p(l.r(), n, where, "r"), p(l.vLeak(), n, where, "v_leak"), p(l.vThreshold(), n, where, "v_threshold"),
                    p(l.vReset(), n, where, "v_reset"), p(l.wIn(), n, where, "w_in"), disc, reset, reference.delayedReset(name));
            case NirNode.LI l -> new NirLi(p(l.tau(), n, where, "tau"), p(l.r(), n, where, "r"), p(l.vLeak(), n, where, "v_leak"), disc);
            case NirNode.CubaLI l -> new NirCubaLi(p(l.tauMem(), n, where, "tau_mem"), p(l.tauSyn(), n, where, "tau_syn"),
                    p(l.r(), n, where, "r"), p(l.vLeak(), n, where, "v_leak"), p(l.wIn(), n, where, "w_in"), disc);
            case NirNode.I l -> new NirI(p(l.r(), n, where, "r"));
            default -> throw new IllegalStateException(where + " is not a neuron node");
        };
    }

    /** A per-neuron parameter: one shared value when all agree, else one per neuron. */
    private static double[] p(NirTensor t, int n, String where, String field) {
        double[] v = t.broadcast(n, where + " " + field);
        for (double x : v) if (Double.doubleToLongBits(x) != Double.doubleToLongBits(v[0])) return v;
        return new double[] {v[0]};
    }

    // ---- the engine network for one input -----------------------------------------------------

    /**
     * The engine network for an input of {@code batch} trials of {@code steps} steps.
     *
     * @param network    the network: one population per neuron node (same names), the input's spike
     *                   source (0/1 input), the projections, and the bias and input currents
     * @param inputMode  how the Input enters
     * @param depth      the shift {@code D(P)} of each neuron node: its engine step {@code t + D(P)}
     *                   is reference step {@code t}
     * @param trialSteps engine steps per trial, {@code L = T + max D}
     */
    public record Mapped(Network network, InputMode inputMode, Map<String, Integer> depth, int trialSteps, int batch, int steps) {}

    /** The neurons of one bias current: its value and its onset in steps after the layer's first step. */
    private record Bias(int onset, double value) {}

    /** Whether {@code x} holds only 0 and 1. */
    static boolean binary(double[] x) {
        for (double v : x) if (v != 0.0 && v != 1.0) return false;
        return true;
    }

    /**
     * Builds the engine network for {@code input}, laid out (batch, steps, input size) in C order;
     * the trials lie end to end ({@link NirToNetwork}).
     */
    public Mapped network(double[] x, int batch, int steps) {
        int nIn = flat.outputSize(inputNode);
        if (batch < 1 || steps < 1) throw new NirFormatException("a run needs at least one batch element and one step, got B=" + batch + ", T=" + steps);
        if ((long) batch * steps * nIn != x.length) {
            throw new NirFormatException("input has " + x.length + " values, expected B·T·" + nIn + " = " + (long) batch * steps * nIn);
        }
        InputMode mode = binary(x) ? InputMode.SPIKES : InputMode.CURRENTS;
        Map<String, Integer> depth = depths(mode);
        int maxDepth = 0;
        for (int d : depth.values()) maxDepth = Math.max(maxDepth, d);
        int trial = Math.addExact(steps, maxDepth);
        int total = Math.multiplyExact(trial, batch);
        double dtMs = dt * 1000.0;
        Network.Builder b = Network.builder(dtMs, 1);
        Set<String> names = new HashSet<>(flat.nodes().stream().map(NirFlatGraph.Node::name).toList());

        for (String p : neurons) {
            NirNeuron m = models.get(p);
            b.population(p, flat.outputSize(p), m);
            double[] v0 = m.leakPotential();
            if (v0.length > 1) b.initial(p, "v", InitialValue.values(v0));
        }
        // the input source
        boolean inputUsed = false;
        for (String t : neurons) inputUsed |= into.get(t).containsKey(inputNode);
        if (mode == InputMode.SPIKES && inputUsed) {
            SpikeTrain.Builder train = new SpikeTrain.Builder(new int[] {nIn}, false, total, dtMs);
            for (int bi = 0; bi < batch; bi++) {
                for (int t = 0; t < steps; t++) {
                    int off = (bi * steps + t) * nIn;
                    for (int c = 0; c < nIn; c++) if (x[off + c] == 1.0) train.add(bi * trial + t, c);
                }
            }
            b.source(inputNode, train.build().toSource());
        }
        // biases: constant currents from each target's first step (plus the onset a Delay node gives them)
        for (String t : neurons) {
            DelayedLinearMap m = into.get(t).get(BIAS);
            if (m == null) continue;
            Map<Bias, List<Integer>> groups = new LinkedHashMap<>();
            for (int r = 0; r < m.rows; r++) {
                for (int k = 0; k < m.entries(r); k++) {
                    groups.computeIfAbsent(new Bias(m.delay(r, k), m.weight(r, k)), unused -> new ArrayList<>()).add(r);
                }
            }
            for (Map.Entry<Bias, List<Integer>> g : groups.entrySet()) {
                int from = depth.get(t) + g.getKey().onset();
                if (from >= trial) continue;
                long[] starts = new long[2 * batch];
                double[] amps = new double[2 * batch];
                for (int bi = 0; bi < batch; bi++) {
                    starts[2 * bi] = (long) bi * trial;
                    starts[2 * bi + 1] = (long) bi * trial + from;
                    amps[2 * bi + 1] = g.getKey().value();
                }
                int[] rows = g.getValue().stream().mapToInt(Integer::intValue).toArray();
                b.current(unique("bias->" + t, names), t, rows, new CurrentSource(starts, amps));
            }
        }
        // signal projections and input currents
        for (String t : neurons) {
            int dt0 = depth.get(t);
            for (Map.Entry<String, DelayedLinearMap> e : into.get(t).entrySet()) {
                String s = e.getKey();
                DelayedLinearMap m = e.getValue();
                if (s.equals(BIAS)) continue;
                if (s.equals(inputNode) && mode == InputMode.CURRENTS) {
                    injectInput(b, t, dt0, m, x, batch, steps, trial, dtMs, names);
                    continue;
                }
                int ds = s.equals(inputNode) ? 0 : depth.get(s);
                Synapses syn = new Synapses();
                for (int r = 0; r < m.rows; r++) {
                    for (int k = 0; k < m.entries(r); k++) syn.add(m.col(r, k), r, m.weight(r, k), dt0 - ds + m.delay(r, k));
                }
                if (syn.size() > 0) syn.project(b, unique(s + "->" + t, names), s, t, dtMs, notes);
            }
        }
        return new Mapped(b.build(), mode, depth, trial, batch, steps);
    }

    /** The Input's contribution to {@code t}, applied on the host, as one current per neuron over the whole timeline. */
    private void injectInput(Network.Builder b, String t, int depth, DelayedLinearMap m, double[] x, int batch, int steps, int trial,
                             double dtMs, Set<String> names) {
        int n = m.rows, nIn = m.cols;
        double[] pA = new double[Math.multiplyExact(trial * batch, n)];
        for (int bi = 0; bi < batch; bi++) {
            for (int s = 0; s < steps; s++) {
                int row = (bi * trial + s + depth) * n;
                if (s + depth >= trial) continue;
                for (int r = 0; r < n; r++) {
                    double acc = 0.0;
                    for (int k = 0; k < m.entries(r); k++) {
                        int from = s - m.delay(r, k);
                        if (from >= 0) acc += m.weight(r, k) * x[(bi * steps + from) * nIn + m.col(r, k)];
                    }
                    pA[row + r] = acc;
                }
            }
        }
        CurrentSource[] sources = new CurrentRaster(new int[] {n}, trial * batch, dtMs, pA).toCurrentSources();
        for (int r = 0; r < n; r++) {
            if (m.entries(r) == 0) continue;
            b.current(unique(inputNode + "->" + t + "[" + r + "]", names), t, new int[] {r}, sources[r]);
        }
    }

    /** Synapses of one projection, collected as (pre, post, weight, delay in steps). */
    private static final class Synapses {
        private int[] pre = new int[64], post = new int[64], delay = new int[64];
        private double[] w = new double[64];
        private int n;

        void add(int s, int t, double weight, int steps) {
            if (n == pre.length) {
                pre = Arrays.copyOf(pre, 2 * n);
                post = Arrays.copyOf(post, 2 * n);
                delay = Arrays.copyOf(delay, 2 * n);
                w = Arrays.copyOf(w, 2 * n);
            }
            pre[n] = s;
            post[n] = t;
            w[n] = weight;
            delay[n++] = steps;
        }

        int size() { return n; }

        void project(Network.Builder b, String name, String source, String target, double dtMs, List<String> notes) {
            double[] ms = new double[n];
            double worst = 0.0;
            for (int k = 0; k < n; k++) {
                ms[k] = delay[k] * dtMs;
                float f = (float) w[k];
                if (f != w[k]) worst = Math.max(worst, Math.abs(f - w[k]) / Math.abs(w[k]));
            }
            if (worst > 0) {
                addNote(notes, "projection " + name + ": weights rounded to float32 (the engine's synapse format), largest relative change "
                        + String.format(java.util.Locale.ROOT, "%.2g", worst));
            }
            b.projection(name, source, target, "x", new ConnectivityRule.Explicit(Arrays.copyOf(pre, n), Arrays.copyOf(post, n)),
                    new SynapseValue.Explicit(Arrays.copyOf(w, n)), new SynapseValue.Explicit(ms));
        }
    }

    private static void addNote(List<String> notes, String note) {
        if (!notes.contains(note)) notes.add(note);
    }

    private static String unique(String name, Set<String> taken) {
        String s = name;
        for (int k = 2; taken.contains(s); k++) s = name + "#" + k;
        taken.add(s);
        return s;
    }

    /**
     * The smallest depths {@code D(P) ≥ 1} with {@code D(T) − D(S) + d ≥ 1} for every spike path
     * from {@code S} to {@code T} of NIR delay {@code d} (the Input, when it spikes, has depth 0):
     * a longest-path relaxation, which fails exactly on a cycle that would need spikes to cross
     * neuron nodes faster than one step each.
     */
    private Map<String, Integer> depths(InputMode mode) {
        Map<String, Integer> d = new LinkedHashMap<>();
        for (String p : neurons) d.put(p, 1);
        List<String[]> edges = new ArrayList<>();
        List<Integer> minDelay = new ArrayList<>();
        for (String t : neurons) {
            for (Map.Entry<String, DelayedLinearMap> e : into.get(t).entrySet()) {
                String s = e.getKey();
                if (s.equals(BIAS) || (s.equals(inputNode) && mode == InputMode.CURRENTS) || e.getValue().size() == 0) continue;
                edges.add(new String[] {s, t});
                minDelay.add(e.getValue().minDelay());
            }
        }
        for (int round = 0; round <= neurons.size() + 1; round++) {
            String[] violated = null;
            for (int k = 0; k < edges.size(); k++) {
                String s = edges.get(k)[0], t = edges.get(k)[1];
                int need = (s.equals(inputNode) ? 0 : d.get(s)) + 1 - minDelay.get(k);
                if (d.get(t) < need) {
                    d.put(t, need);
                    violated = edges.get(k);
                }
            }
            if (violated == null) {
                checkRestBelowThreshold(d);
                return d;
            }
            if (round == neurons.size() + 1) {
                throw new NirFormatException("spikes of neuron node '" + violated[0] + "' reach '" + violated[1]
                        + "' through a cycle that crosses several neuron nodes within one step; the engine delays every projection"
                        + " by at least one step, so it cannot keep the reference's timing (run without --backend)");
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** A spiking node that rests above threshold would fire while it waits for its first step. */
    private void checkRestBelowThreshold(Map<String, Integer> depth) {
        for (String p : neurons) {
            if (!(models.get(p) instanceof NirSpikingNeuron sp)) continue;
            double[] v0 = sp.leakPotential(), th = sp.vThreshold();
            for (int k = 0; k < Math.max(v0.length, th.length); k++) {
                if (v0[v0.length == 1 ? 0 : k] > th[th.length == 1 ? 0 : k]) {
                    throw new NirFormatException(flat.node(p).node().type() + " node '" + p + "' rests above its threshold (v_leak "
                            + v0[v0.length == 1 ? 0 : k] + " > v_threshold " + th[th.length == 1 ? 0 : k]
                            + "): it would fire while it waits " + depth.get(p) + " step(s) for its first input on the engine");
                }
            }
        }
    }

    // ---- running -------------------------------------------------------------------------------

    /**
     * What an engine run produced.
     *
     * @param recording the traces the reference executor records, on its time axis
     * @param mapped    the engine network (of the last trial, when each trial had its own)
     * @param counts    the backend's operation counts, summed over the compiled networks
     */
    public record EngineRun(NirRecording recording, Mapped mapped, Map<String, Long> counts) {}

    /**
     * Runs on an input array of shape (T, …input shape) or (B, T, …input shape) on {@code backend}.
     */
    public EngineRun run(NirNpy.Array in, Backend backend, BackendOptions backendOptions) {
        int[] bt = reference.batchAndSteps(in.shape());
        return run(in.data(), bt[0], bt[1], backend, backendOptions);
    }

    /** Runs on {@code x} laid out as (batch, steps, input size) in C order. */
    public EngineRun run(double[] x, int batch, int steps, Backend backend, BackendOptions backendOptions) {
        Mapped mapped = network(x, batch, steps);
        Traces traces = new Traces(batch, steps);
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Simulator sim = new Simulator(mapped.network(), backend, backendOptions)) {
            if (batch == 1 || sim.compiled().canResetState()) {
                for (int b = 0; b < batch; b++) {
                    if (b > 0) sim.compiled().resetState();
                    traces.trial(mapped, b, b * (long) mapped.trialSteps());
                    sim.run(mapped.trialSteps(), List.of(traces), Simulator.Progress.NONE);
                }
                counts.putAll(sim.compiled().counts().asMap());
                return new EngineRun(traces.recording(x), mapped, counts);
            }
        }
        // a backend that cannot reset in place: one network per trial
        int nIn = flat.outputSize(inputNode);
        for (int b = 0; b < batch; b++) {
            double[] one = Arrays.copyOfRange(x, b * steps * nIn, (b + 1) * steps * nIn);
            mapped = network(one, 1, steps);
            try (Simulator sim = new Simulator(mapped.network(), backend, backendOptions)) {
                traces.trial(mapped, b, 0);
                sim.run(mapped.trialSteps(), List.of(traces), Simulator.Progress.NONE);
                sim.compiled().counts().asMap().forEach((k, v) -> counts.merge(k, v, Long::sum));
            }
        }
        return new EngineRun(traces.recording(x), mapped, counts);
    }

    /** The variables the reference records for a neuron node, in its order. */
    private static List<String> recorded(NirNode n) {
        boolean cuba = n.hasSynapticCurrent();
        if (n.isSpiking()) return cuba ? List.of("spk", "v", "i") : List.of("spk", "v");
        return cuba ? List.of("v", "i") : List.of("v");
    }

    /** Records every neuron node's variables during the run, shifted back to the reference's time axis. */
    private final class Traces implements Probe {
        private final int batch, steps;
        /** node → variable → (B, T, n) values. */
        private final Map<String, Map<String, double[]>> data = new LinkedHashMap<>();
        private Mapped mapped;
        private int trial;
        private long base;
        private final Map<String, int[]> all = new LinkedHashMap<>();
        private final Map<String, double[]> row = new LinkedHashMap<>();

        Traces(int batch, int steps) {
            this.batch = batch;
            this.steps = steps;
            for (String p : neurons) {
                int n = flat.outputSize(p);
                Map<String, double[]> vars = new LinkedHashMap<>();
                for (String v : recorded(flat.node(p).node())) vars.put(v, new double[Math.multiplyExact(batch * steps, n)]);
                data.put(p, vars);
                int[] idx = new int[n];
                for (int i = 0; i < n; i++) idx[i] = i;
                all.put(p, idx);
                row.put(p, new double[n]);
            }
        }

        void trial(Mapped m, int b, long firstStep) {
            this.mapped = m;
            this.trial = b;
            this.base = firstStep;
        }

        @Override public String name() { return "nir-traces"; }

        @Override
        public void record(long step, CompiledNetwork net) {
            Network network = mapped.network();
            for (String p : neurons) {
                long t = step - base - mapped.depth().get(p);
                if (t < 0 || t >= steps) continue;
                int pop = network.population(p);
                int n = flat.outputSize(p);
                int off = (int) ((trial * (long) steps + t) * n);
                NeuronModel model = network.graph().populations().get(pop).model();
                for (Map.Entry<String, double[]> v : data.get(p).entrySet()) {
                    double[] dst = v.getValue();
                    if (v.getKey().equals("spk")) {
                        int c = net.spikeCount(pop);
                        int[] s = net.spikes(pop);
                        for (int k = 0; k < c; k++) dst[off + s[k]] = 1.0;
                    } else {
                        double[] r = row.get(p);
                        net.readState(pop, model.stateIndex(v.getKey()), all.get(p), r);
                        System.arraycopy(r, 0, dst, off, n);
                    }
                }
            }
        }

        /** The traces in the reference's order, with the Output readouts computed from them. */
        NirRecording recording(double[] x) {
            Map<String, NirRecording.Trace> out = new LinkedHashMap<>();
            for (String name : reference.executionOrder()) {
                if (data.containsKey(name)) {
                    for (Map.Entry<String, double[]> v : data.get(name).entrySet()) {
                        out.put(name + "/" + v.getKey(), trace(name, v.getKey(), v.getValue()));
                    }
                } else if (outputs.contains(name)) {
                    out.put(name + "/output", trace(name, "output", readout(name, x)));
                }
            }
            return new NirRecording(batch, steps, dt, out);
        }

        private NirRecording.Trace trace(String node, String var, double[] values) {
            int[] shape = flat.outputShape(node);
            int[] full = new int[shape.length + 2];
            full[0] = batch;
            full[1] = steps;
            System.arraycopy(shape, 0, full, 2, shape.length);
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
            return new NirRecording.Trace(node, var, full, f);
        }

        /** Output node {@code o}: the sum of its maps applied to the recorded outputs of their origins. */
        private double[] readout(String o, double[] x) {
            int n = flat.outputSize(o);
            double[] y = new double[Math.multiplyExact(batch * steps, n)];
            for (Map.Entry<String, DelayedLinearMap> e : into.get(o).entrySet()) {
                String s = e.getKey();
                DelayedLinearMap m = e.getValue();
                double[] src;
                if (s.equals(BIAS)) src = null;
                else if (s.equals(inputNode)) src = x;
                else src = data.get(s).get(flat.node(s).node().isSpiking() ? "spk" : "v");
                int cols = m.cols;
                for (int b = 0; b < batch; b++) {
                    for (int t = 0; t < steps; t++) {
                        int off = (b * steps + t) * n;
                        for (int r = 0; r < n; r++) {
                            double acc = y[off + r];
                            for (int k = 0; k < m.entries(r); k++) {
                                int from = t - m.delay(r, k);
                                if (src == null) {
                                    if (from >= 0) acc += m.weight(r, k);
                                } else if (from >= 0) {
                                    acc += m.weight(r, k) * src[(b * steps + from) * cols + m.col(r, k)];
                                }
                            }
                            y[off + r] = acc;
                        }
                    }
                }
            }
            return y;
        }
    }
}
