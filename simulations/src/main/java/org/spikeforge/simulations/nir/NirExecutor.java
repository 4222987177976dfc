package org.spikeforge.simulations.nir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.neurons.nir.NirCoefficients;
import org.spikeforge.neurons.nir.NirDiscretisation;
import org.spikeforge.simulations.nir.NirRunOptions.Discretisation;
import org.spikeforge.simulations.nir.NirRunOptions.Flavor;

/**
 * Runs a NIR graph step by step on batches of input, over primitive arrays.
 *
 * <p><b>One step.</b> Nodes are visited in a topological order of the graph without its
 * recurrent edges. Each node's input is the sum of the outputs of its incoming edges; a node's
 * output in step t is computed from its input in step t and its state. An edge that closes a
 * cycle (a back edge of a depth-first search from the Input node, following edges in file order)
 * delivers its source's output of step t−1; before step 0 every node holds its output at rest
 * (zero input, initial state), so a recurrent Affine delivers its bias at t = 0. Neuron dynamics
 * are those of {@link NirKernels}; the reset conventions are those of the chosen
 * {@link Flavor}. Initial state: v = v_leak (0 for IF and I), I = 0, no spikes.
 *
 * <p><b>Structure.</b> Linear and Affine nodes are dense matrix–vector products; Conv1d/Conv2d
 * and the pooling nodes are computed from their kernels ({@link NirKernels#conv2d}), never
 * expanded to dense matrices; Flatten and the boundary nodes of nested graphs copy. Delay nodes
 * keep a ring of past inputs, with delays rounded to whole steps.
 *
 * <p><b>Recording.</b> Every spiking node records {@code spk} and {@code v} (at the threshold
 * test, before that step's reset), leaky nodes record {@code v}, CubaLIF and CubaLI also record
 * {@code i}, and every Output node records {@code output}, each as (B, T, …node shape).
 */
public final class NirExecutor {

    private final NirFlatGraph flat;
    private final NirRunOptions options;
    private final double dt;
    private final Op[] ops;
    private final List<NirEdge> delayedEdges = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final String inputName;
    private final Set<String> recurrentNames = new HashSet<>();

    private NirExecutor(NirGraph graph, NirRunOptions options) {
        this.flat = NirFlatGraph.of(graph);
        this.options = options;
        this.dt = options.resolveDt(graph);
        notes.addAll(flat.notes());
        List<String> inputs = flat.graphInputs();
        if (inputs.size() != 1) {
            throw new NirFormatException("the graph has " + inputs.size() + " Input nodes " + inputs + "; a run feeds exactly one");
        }
        this.inputName = inputs.get(0);
        Set<String> spiking = new HashSet<>();
        for (NirFlatGraph.Node n : flat.nodes()) if (n.node().isSpiking()) spiking.add(n.name());
        for (String node : options.nodeResets().keySet()) {
            if (!spiking.contains(node)) {
                throw new NirFormatException("reset given for '" + node + "', which is not a spiking node of the graph (spiking nodes: "
                        + String.join(", ", new java.util.TreeSet<>(spiking)) + ")");
            }
        }
        List<Integer> order = order();
        Set<Integer> recurrent = recurrentNodes();
        for (int idx : recurrent) recurrentNames.add(flat.nodes().get(idx).name());
        this.ops = new Op[order.size()];
        int[] position = new int[flat.nodes().size()];
        for (int p = 0; p < order.size(); p++) position[order.get(p)] = p;
        for (int p = 0; p < order.size(); p++) {
            int idx = order.get(p);
            ops[p] = createOp(flat.nodes().get(idx), recurrent.contains(idx));
        }
        Set<NirEdge> delayed = new HashSet<>(delayedEdges);
        List<List<int[]>> sources = new ArrayList<>();
        for (int p = 0; p < ops.length; p++) sources.add(new ArrayList<>());
        for (NirEdge e : flat.edges()) {
            int src = position[flat.indexOf(e.source())], dst = position[flat.indexOf(e.target())];
            sources.get(dst).add(new int[] {src, delayed.contains(e) ? 1 : 0});
        }
        for (int p = 0; p < ops.length; p++) {
            ops[p].sources = sources.get(p).stream().mapToInt(a -> a[0]).toArray();
            ops[p].delayed = new boolean[ops[p].sources.length];
            for (int k = 0; k < ops[p].sources.length; k++) {
                ops[p].delayed[k] = sources.get(p).get(k)[1] == 1;
                if (ops[p].delayed[k]) ops[ops[p].sources[k]].keepsPrevious = true;
            }
        }
    }

    /** Compiles a graph with the given options; throws {@link NirFormatException} on a bad graph or option. */
    public static NirExecutor compile(NirGraph graph, NirRunOptions options) {
        return new NirExecutor(graph, options);
    }

    /** The time step in seconds. */
    public double dt() { return dt; }

    /** Edges that carry the previous step's value (they close cycles). */
    public List<NirEdge> delayedEdges() { return List.copyOf(delayedEdges); }

    /** Node names in execution order. */
    public List<String> executionOrder() {
        List<String> out = new ArrayList<>();
        for (Op op : ops) out.add(op.name);
        return out;
    }

    /**
     * Whether spiking node {@code node} resets one step late in this run (snnTorch's
     * {@code reset_delay}): subtract is always delayed in the snnTorch flavor; zero is delayed for
     * Synaptic (CubaLIF) and the recurrent classes, not for Leaky.
     */
    public boolean delayedReset(String node) {
        NirNode n = flat.node(node).node();
        if (!n.isSpiking()) throw new NirFormatException("node '" + node + "' is not a spiking node");
        return delayedReset(options.resetOf(node), n instanceof NirNode.CubaLIF, recurrentNames.contains(node));
    }

    private boolean delayedReset(ResetMode mode, boolean cuba, boolean recurrent) {
        return options.flavor() == Flavor.SNNTORCH && (mode == ResetMode.SUBTRACT || cuba || recurrent);
    }

    /** Remarks (lenient shape matches, rounded delays). */
    public List<String> notes() { return List.copyOf(notes); }

    public NirFlatGraph graph() { return flat; }

    /** The name of the Input node the run feeds. */
    public String inputNode() { return inputName; }

    /**
     * Runs on an input array of shape (T, …input shape) or (B, T, …input shape); the trailing
     * dimensions must match the Input node's shape (dimensions of size 1 aside).
     */
    public NirRecording run(NirNpy.Array input) {
        int[] bt = batchAndSteps(input.shape());
        return run(input.data(), bt[0], bt[1]);
    }

    /**
     * The batch size and number of steps of an input array of shape (T, …input shape) or
     * (B, T, …input shape), or an error naming the shape the Input node takes.
     */
    int[] batchAndSteps(int[] shape) {
        int[] inShape = flat.outputShape(inputName);
        int n = flat.outputSize(inputName);
        int lead = shape.length - inShape.length;
        boolean matches = lead == 1 || lead == 2;
        if (matches) {
            int[] trailing = Arrays.copyOfRange(shape, lead, shape.length);
            matches = Arrays.equals(squeeze(trailing), squeeze(inShape));
        }
        if (!matches) {
            // Allow dimensions of size 1 to differ in number too (e.g. input [1] given as (T,)).
            long tail = 1;
            int k = shape.length;
            while (k > 0 && tail < n) tail *= shape[--k];
            lead = k;
            matches = tail == n && (lead == 1 || lead == 2)
                    && Arrays.equals(squeeze(Arrays.copyOfRange(shape, lead, shape.length)), squeeze(inShape));
        }
        if (!matches) {
            throw new NirFormatException("input has shape " + Arrays.toString(shape) + " but Input node '" + inputName + "' takes "
                    + Arrays.toString(inShape) + " per step: expected (T, " + join(inShape) + ") or (B, T, " + join(inShape) + ")");
        }
        return lead == 1 ? new int[] {1, shape[0]} : new int[] {shape[0], shape[1]};
    }

    /** Runs on {@code input} laid out as (batch, steps, input size) in C order. */
    public NirRecording run(double[] input, int batch, int steps) {
        int n = flat.outputSize(inputName);
        if (batch < 1 || steps < 1) throw new NirFormatException("a run needs at least one batch element and one step, got B=" + batch + ", T=" + steps);
        if ((long) batch * steps * n != input.length) {
            throw new NirFormatException("input has " + input.length + " values, expected B·T·" + n + " = " + (long) batch * steps * n);
        }
        Map<String, NirRecording.Trace> traces = new LinkedHashMap<>();
        List<float[]> buffers = new ArrayList<>();
        List<Recorder> recorders = new ArrayList<>();
        for (Op op : ops) {
            for (String var : op.recordedVariables()) {
                int[] nodeShape = flat.outputShape(op.name);
                int[] shape = new int[nodeShape.length + 2];
                shape[0] = batch;
                shape[1] = steps;
                System.arraycopy(nodeShape, 0, shape, 2, nodeShape.length);
                float[] data = new float[Math.toIntExact((long) batch * steps * op.n)];
                traces.put(op.name + "/" + var, new NirRecording.Trace(op.name, var, shape, data));
                recorders.add(new Recorder(op, var, data));
                buffers.add(data);
            }
        }
        for (Op op : ops) op.allocate(batch);
        // Rest pass: the outputs every node holds "before step 0", read by delayed edges at t = 0.
        for (Op op : ops) {
            gather(op, batch, true);
            op.rest(batch);
        }
        for (Op op : ops) if (op.keepsPrevious) System.arraycopy(op.out, 0, op.previous, 0, op.out.length);
        InputOp in = (InputOp) ops[indexOfOp(inputName)];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) System.arraycopy(input, (b * steps + t) * n, in.current, b * n, n);
            for (Op op : ops) {
                gather(op, batch, false);
                op.step(t, batch);
            }
            for (Recorder r : recorders) r.record(t, steps, batch);
            for (Op op : ops) if (op.keepsPrevious) System.arraycopy(op.out, 0, op.previous, 0, op.out.length);
        }
        return new NirRecording(batch, steps, dt, traces);
    }

    private int indexOfOp(String name) {
        for (int p = 0; p < ops.length; p++) if (ops[p].name.equals(name)) return p;
        throw new IllegalStateException(name);
    }

    /** Sums the incoming edges into {@code op.in}; in the rest pass, delayed edges contribute nothing. */
    private void gather(Op op, int batch, boolean rest) {
        double[] in = op.in;
        if (in == null) return;
        Arrays.fill(in, 0.0);
        for (int k = 0; k < op.sources.length; k++) {
            if (rest && op.delayed[k]) continue;
            Op src = ops[op.sources[k]];
            double[] s = op.delayed[k] ? src.previous : src.out;
            for (int j = 0; j < in.length; j++) in[j] += s[j];
        }
    }

    // ---- order and cycles -----------------------------------------------------------------

    /** Reverse post-order of a DFS from the Input node, then from unvisited nodes; back edges are delayed. */
    private List<Integer> order() {
        int n = flat.nodes().size();
        List<List<Integer>> succ = new ArrayList<>();
        List<List<NirEdge>> succEdges = new ArrayList<>();
        for (int i = 0; i < n; i++) { succ.add(new ArrayList<>()); succEdges.add(new ArrayList<>()); }
        for (NirEdge e : flat.edges()) {
            succ.get(flat.indexOf(e.source())).add(flat.indexOf(e.target()));
            succEdges.get(flat.indexOf(e.source())).add(e);
        }
        int[] state = new int[n]; // 0 new, 1 on stack, 2 done
        List<Integer> post = new ArrayList<>();
        List<Integer> roots = new ArrayList<>();
        roots.add(flat.indexOf(inputName));
        for (int i = 0; i < n; i++) roots.add(i);
        for (int root : roots) {
            if (state[root] != 0) continue;
            // Iterative DFS so deep graphs cannot overflow the stack.
            Deque stack = new Deque(n);
            stack.push(root, 0);
            state[root] = 1;
            while (!stack.isEmpty()) {
                int node = stack.topNode(), next = stack.topNext();
                if (next < succ.get(node).size()) {
                    stack.advance();
                    int m = succ.get(node).get(next);
                    if (state[m] == 0) { state[m] = 1; stack.push(m, 0); }
                    else if (state[m] == 1) delayedEdges.add(succEdges.get(node).get(next));
                } else {
                    state[node] = 2;
                    post.add(node);
                    stack.pop();
                }
            }
        }
        List<Integer> order = new ArrayList<>(post.size());
        for (int i = post.size() - 1; i >= 0; i--) order.add(post.get(i));
        return order;
    }

    /** Nodes that lie on a cycle (including self-loops). */
    private Set<Integer> recurrentNodes() {
        int n = flat.nodes().size();
        List<List<Integer>> succ = new ArrayList<>();
        for (int i = 0; i < n; i++) succ.add(new ArrayList<>());
        for (NirEdge e : flat.edges()) succ.get(flat.indexOf(e.source())).add(flat.indexOf(e.target()));
        Set<Integer> out = new HashSet<>();
        for (int s = 0; s < n; s++) {
            boolean[] seen = new boolean[n];
            ArrayDequeInt queue = new ArrayDequeInt(n);
            for (int m : succ.get(s)) if (!seen[m]) { seen[m] = true; queue.add(m); }
            while (!queue.isEmpty()) {
                int x = queue.poll();
                if (x == s) { out.add(s); break; }
                for (int m : succ.get(x)) if (!seen[m]) { seen[m] = true; queue.add(m); }
            }
        }
        return out;
    }

    private static final class Deque {
        private final int[] nodes, next;
        private int size;
        Deque(int capacity) { nodes = new int[capacity]; next = new int[capacity]; }
        void push(int node, int n) { nodes[size] = node; next[size++] = n; }
        int topNode() { return nodes[size - 1]; }
        int topNext() { return next[size - 1]; }
        void advance() { next[size - 1]++; }
        void pop() { size--; }
        boolean isEmpty() { return size == 0; }
    }

    private static final class ArrayDequeInt {
        private final int[] items;
        private int head, tail;
        ArrayDequeInt(int capacity) { items = new int[capacity]; }
        void add(int x) { items[tail++] = x; }
        int poll() { return items[head++]; }
        boolean isEmpty() { return head == tail; }
    }

    // ---- ops ------------------------------------------------------------------------------

    private Op createOp(NirFlatGraph.Node node, boolean recurrent) {
        String name = node.name();
        String where = node.node().type() + " node '" + name + "'";
        int[] outShape = flat.outputShape(name);
        int nIn = flat.inputSize(name), nOut = flat.outputSize(name);
        return switch (node.node()) {
            case NirNode.Input x -> node.boundary() ? new CopyOp(name, nIn, nOut, false) : new InputOp(name, nOut);
            case NirNode.Output x -> new CopyOp(name, nIn, nOut, !node.boundary());
            case NirNode.Flatten x -> new CopyOp(name, nIn, nOut, false);
            case NirNode.Linear l -> new DenseOp(name, l.weight(), null, nIn, nOut);
            case NirNode.Affine a -> new DenseOp(name, a.weight(), a.bias().broadcast(nOut, where + " bias"), nIn, nOut);
            case NirNode.Scale s -> new ScaleOp(name, s.scale().broadcast(nOut, where + " scale"), nOut);
            case NirNode.Threshold th -> new ThresholdOp(name, th.threshold().broadcast(nOut, where + " threshold"), nOut);
            case NirNode.Delay d -> new DelayOp(name, delaySteps(d.delay().broadcast(nOut, where + " delay"), where), nOut);
            case NirNode.Conv1d c -> new ConvOp(name, c.weight(), c.bias().broadcast(outShape[0], where + " bias"), ConvGeometry.of(flat, name));
            case NirNode.Conv2d c -> new ConvOp(name, c.weight(), c.bias().broadcast(outShape[0], where + " bias"), ConvGeometry.of(flat, name));
            case NirNode.SumPool2d p -> new PoolOp(name, PoolGeometry.of(flat, name));
            case NirNode.AvgPool2d p -> new PoolOp(name, PoolGeometry.of(flat, name));
            case NirNode.LIF l -> spiking(name, nOut, recurrent, false, l.tau().broadcast(nOut, where + " tau"), null,
                    l.r().broadcast(nOut, where + " r"), l.vLeak().broadcast(nOut, where + " v_leak"), null,
                    l.vThreshold().broadcast(nOut, where + " v_threshold"), l.vReset().broadcast(nOut, where + " v_reset"), where);
            case NirNode.IF l -> spiking(name, nOut, recurrent, false, null, null, l.r().broadcast(nOut, where + " r"), new double[nOut], null,
                    l.vThreshold().broadcast(nOut, where + " v_threshold"), l.vReset().broadcast(nOut, where + " v_reset"), where);
            case NirNode.CubaLIF l -> spiking(name, nOut, recurrent, true, l.tauMem().broadcast(nOut, where + " tau_mem"),
                    l.tauSyn().broadcast(nOut, where + " tau_syn"), l.r().broadcast(nOut, where + " r"),
                    l.vLeak().broadcast(nOut, where + " v_leak"), l.wIn().broadcast(nOut, where + " w_in"),
                    l.vThreshold().broadcast(nOut, where + " v_threshold"), l.vReset().broadcast(nOut, where + " v_reset"), where);
            case NirNode.LI l -> leaky(name, nOut, l.tau().broadcast(nOut, where + " tau"), null, l.r().broadcast(nOut, where + " r"),
                    l.vLeak().broadcast(nOut, where + " v_leak"), null, where);
            case NirNode.I l -> leaky(name, nOut, null, null, l.r().broadcast(nOut, where + " r"), new double[nOut], null, where);
            case NirNode.CubaLI l -> leaky(name, nOut, l.tauMem().broadcast(nOut, where + " tau_mem"),
                    l.tauSyn().broadcast(nOut, where + " tau_syn"), l.r().broadcast(nOut, where + " r"),
                    l.vLeak().broadcast(nOut, where + " v_leak"), l.wIn().broadcast(nOut, where + " w_in"), where);
            case NirGraph g -> throw new IllegalStateException("nested graphs are inlined");
        };
    }

    private int[] delaySteps(double[] seconds, String where) {
        return delaySteps(seconds, dt, where, notes);
    }

    /** Delays in seconds as whole steps of {@code dt}, rounded to nearest (a note for each that is not whole). */
    static int[] delaySteps(double[] seconds, double dt, String where, List<String> notes) {
        int[] steps = new int[seconds.length];
        for (int k = 0; k < steps.length; k++) {
            if (!(seconds[k] >= 0) || !Double.isFinite(seconds[k])) {
                throw new NirFormatException(where + ": delay must be >= 0 seconds, found " + seconds[k]);
            }
            double s = seconds[k] / dt;
            steps[k] = (int) Math.round(s);
            if (Math.abs(s - steps[k]) > 1e-6 * Math.max(1, s)) {
                notes.add(where + ": delay " + seconds[k] + " s is not a whole number of steps of " + dt + " s; rounded to " + steps[k]);
            }
        }
        return steps;
    }

    /**
     * Coefficients of {@link NirKernels} for one neuron layer, from {@link NirCoefficients} (which
     * the engine's NIR neuron models use too). {@code tauMem == null}: no leak (IF, I).
     */
    private final class Coefficients {
        final double[] aM, cM, kI, kX, aS, gS;

        Coefficients(int n, double[] tauMem, double[] tauSyn, double[] r, double[] wIn, String where) {
            if (tauMem != null) for (double t : tauMem) positive(t, where + (tauSyn == null ? " tau" : " tau_mem"));
            if (tauSyn != null) for (double t : tauSyn) positive(t, where + " tau_syn");
            NirCoefficients c = NirCoefficients.of(discretisation(options), dt, tauMem, tauSyn, r, wIn);
            aM = c.aM(); cM = c.cM(); kI = c.kI(); kX = c.kX(); aS = c.aS(); gS = c.gS();
        }

        private static void positive(double tau, String what) {
            if (!(tau > 0) || !Double.isFinite(tau)) throw new NirFormatException(what + " must be a positive time constant in seconds, found " + tau);
        }
    }

    /** The neurons module's name for the discretisation of {@code options}. */
    static NirDiscretisation discretisation(NirRunOptions options) {
        return options.discretisation() == Discretisation.EULER ? NirDiscretisation.EULER : NirDiscretisation.EXACT;
    }

    private Op spiking(String name, int n, boolean recurrent, boolean cuba, double[] tauMem, double[] tauSyn, double[] r,
                       double[] vLeak, double[] wIn, double[] vTh, double[] vReset, String where) {
        ResetMode mode = options.resetOf(name);
        boolean subtract = mode == ResetMode.SUBTRACT;
        boolean delayed = delayedReset(mode, cuba, recurrent);
        return new SpikingOp(name, n, new Coefficients(n, tauMem, tauSyn, r, wIn, where), vLeak, vTh, vReset, subtract, delayed,
                tauMem == null ? new double[n] : vLeak, cuba);
    }

    private Op leaky(String name, int n, double[] tauMem, double[] tauSyn, double[] r, double[] vLeak, double[] wIn, String where) {
        return new LeakyOp(name, n, new Coefficients(n, tauMem, tauSyn, r, wIn, where), vLeak, tauSyn != null);
    }

    private static int[] squeeze(int[] s) { return Arrays.stream(s).filter(d -> d != 1).toArray(); }

    private static String join(int[] s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length; i++) b.append(i == 0 ? "" : ", ").append(s[i]);
        return b.toString();
    }

    /** One node's per-step computation; arrays are batch-major (b·n + i). */
    private abstract static class Op {
        final String name;
        final int n, nIn;
        double[] in, out, previous;
        int[] sources;
        boolean[] delayed;
        boolean keepsPrevious;

        Op(String name, int nIn, int n) { this.name = name; this.nIn = nIn; this.n = n; }

        void allocate(int batch) {
            in = nIn == 0 ? null : new double[batch * nIn];
            out = new double[batch * n];
            previous = keepsPrevious ? new double[batch * n] : null;
        }

        /** The output at rest, from the rest-pass input; state stays initial. Stateless nodes compute as in a step. */
        void rest(int batch) { step(-1, batch); }

        abstract void step(int t, int batch);

        List<String> recordedVariables() { return List.of(); }

        double[] variable(String var) { return out; }
    }

    private static final class InputOp extends Op {
        double[] current;
        InputOp(String name, int n) { super(name, 0, n); }
        @Override void allocate(int batch) { super.allocate(batch); current = new double[batch * n]; }
        @Override void rest(int batch) { Arrays.fill(out, 0.0); }
        @Override void step(int t, int batch) { System.arraycopy(current, 0, out, 0, out.length); }
    }

    private static final class CopyOp extends Op {
        private final boolean record;
        CopyOp(String name, int nIn, int n, boolean record) { super(name, nIn, n); this.record = record; }
        @Override void step(int t, int batch) { System.arraycopy(in, 0, out, 0, out.length); }
        @Override List<String> recordedVariables() { return record ? List.of("output") : List.of(); }
    }

    private static final class DenseOp extends Op {
        private final double[] w, bias;
        DenseOp(String name, NirTensor weight, double[] bias, int nIn, int n) {
            super(name, nIn, n);
            this.w = weight.values();
            this.bias = bias;
        }
        @Override void step(int t, int batch) {
            for (int b = 0; b < batch; b++) NirKernels.dense(w, bias, in, b * nIn, out, b * n, n, nIn);
        }
    }

    private static final class ScaleOp extends Op {
        private final double[] s;
        ScaleOp(String name, double[] s, int n) { super(name, n, n); this.s = s; }
        @Override void step(int t, int batch) {
            for (int b = 0; b < batch; b++) for (int k = 0; k < n; k++) out[b * n + k] = s[k] * in[b * n + k];
        }
    }

    private static final class ThresholdOp extends Op {
        private final double[] th;
        ThresholdOp(String name, double[] th, int n) { super(name, n, n); this.th = th; }
        @Override void step(int t, int batch) {
            for (int b = 0; b < batch; b++) for (int k = 0; k < n; k++) out[b * n + k] = in[b * n + k] > th[k] ? 1.0 : 0.0;
        }
    }

    private static final class DelayOp extends Op {
        private final int[] steps;
        private final int depth;
        private double[] ring;
        DelayOp(String name, int[] steps, int n) {
            super(name, n, n);
            this.steps = steps;
            this.depth = Arrays.stream(steps).max().orElse(0) + 1;
        }
        @Override void allocate(int batch) { super.allocate(batch); ring = new double[depth * batch * n]; }
        @Override void rest(int batch) { Arrays.fill(out, 0.0); }
        @Override void step(int t, int batch) {
            int size = batch * n;
            System.arraycopy(in, 0, ring, (t % depth) * size, size);
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < n; k++) {
                    int from = t - steps[k];
                    out[b * n + k] = from < 0 ? 0.0 : ring[(from % depth) * size + b * n + k];
                }
            }
        }
    }

    private static final class ConvOp extends Op {
        private final double[] w, bias;
        private final ConvGeometry g;
        ConvOp(String name, NirTensor weight, double[] bias, ConvGeometry g) {
            super(name, g.inputSize(), g.outputSize());
            this.w = weight.values();
            this.bias = bias;
            this.g = g;
        }
        @Override void step(int t, int batch) {
            for (int b = 0; b < batch; b++) {
                NirKernels.conv2d(w, bias, in, b * nIn, out, b * n, g.cIn(), g.inH(), g.inW(), g.cOut(), g.outH(), g.outW(),
                        g.kH(), g.kW(), g.strideH(), g.strideW(), g.padH(), g.padW(), g.dilH(), g.dilW(), g.groups());
            }
        }
    }

    private static final class PoolOp extends Op {
        private final PoolGeometry g;
        PoolOp(String name, PoolGeometry g) {
            super(name, g.inputSize(), g.outputSize());
            this.g = g;
        }
        @Override void step(int t, int batch) {
            for (int b = 0; b < batch; b++) {
                NirKernels.pool2d(in, b * nIn, out, b * n, g.channels(), g.inH(), g.inW(), g.outH(), g.outW(), g.kH(), g.kW(),
                        g.strideH(), g.strideW(), g.padH(), g.padW(), g.scale());
            }
        }
    }

    private static final class SpikingOp extends Op {
        private final Coefficients co;
        private final double[] vLeak, vTh, vReset, v0;
        private final boolean subtract, delayed, cuba;
        private double[] v, i, vRec;
        SpikingOp(String name, int n, Coefficients co, double[] vLeak, double[] vTh, double[] vReset, boolean subtract,
                  boolean delayed, double[] v0, boolean cuba) {
            super(name, n, n);
            this.co = co; this.vLeak = vLeak; this.vTh = vTh; this.vReset = vReset;
            this.subtract = subtract; this.delayed = delayed; this.v0 = v0; this.cuba = cuba;
        }
        @Override void allocate(int batch) {
            super.allocate(batch);
            v = new double[batch * n];
            vRec = new double[batch * n];
            i = cuba ? new double[batch * n] : null;
            for (int b = 0; b < batch; b++) System.arraycopy(v0, 0, v, b * n, n);
            System.arraycopy(v, 0, vRec, 0, v.length);
        }
        @Override void rest(int batch) { Arrays.fill(out, 0.0); }
        @Override void step(int t, int batch) {
            for (int b = 0; b < batch; b++) {
                NirKernels.spikingStep(v, i, out, vRec, in, b * n, n, co.aM, co.cM, vLeak, co.kI, co.kX, co.aS, co.gS,
                        vTh, vReset, subtract, delayed);
            }
        }
        @Override List<String> recordedVariables() { return cuba ? List.of("spk", "v", "i") : List.of("spk", "v"); }
        @Override double[] variable(String var) {
            return switch (var) { case "v" -> vRec; case "i" -> i; default -> out; };
        }
    }

    private static final class LeakyOp extends Op {
        private final Coefficients co;
        private final double[] vLeak;
        private final boolean cuba;
        private double[] i;
        LeakyOp(String name, int n, Coefficients co, double[] vLeak, boolean cuba) {
            super(name, n, n);
            this.co = co; this.vLeak = vLeak; this.cuba = cuba;
        }
        @Override void allocate(int batch) {
            super.allocate(batch);
            for (int b = 0; b < batch; b++) System.arraycopy(vLeak, 0, out, b * n, n);
            i = cuba ? new double[batch * n] : null;
        }
        @Override void rest(int batch) { /* out holds the initial membrane */ }
        @Override void step(int t, int batch) {
            for (int b = 0; b < batch; b++) NirKernels.leakyStep(out, i, in, b * n, n, co.aM, co.cM, vLeak, co.kI, co.kX, co.aS, co.gS);
        }
        @Override List<String> recordedVariables() { return cuba ? List.of("v", "i") : List.of("v"); }
        @Override double[] variable(String var) { return var.equals("i") ? i : out; }
    }

    /** Copies one recorded variable of one node into its (B, T, n) trace after each step. */
    private record Recorder(Op op, String variable, float[] data) {
        void record(int t, int steps, int batch) {
            double[] src = op.variable(variable);
            int n = op.n;
            for (int b = 0; b < batch; b++) {
                int dst = (b * steps + t) * n, from = b * n;
                for (int k = 0; k < n; k++) data[dst + k] = (float) src[from + k];
            }
        }
    }
}
