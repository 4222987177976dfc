package org.spikeforge.simulations.nir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NIR graph with its nested graphs inlined and the input and output shape of every node
 * inferred and checked.
 *
 * <p><b>Inlining.</b> The node {@code n} of a nested graph {@code g} is named {@code g.n}. An edge
 * into {@code g} enters its (single) Input node, an edge out of {@code g} leaves its (single) Output
 * node; those inner Input and Output nodes pass their signal through unchanged.
 *
 * <p><b>Shapes.</b> Input and Output nodes declare their shape; Linear and Affine take it from the
 * weight; neuron, Scale, Threshold and Delay nodes from their per-neuron parameters (parameters
 * with one element are scalars and broadcast); Conv nodes from {@code input_shape} and Flatten from
 * {@code input_type} when the file has them. Every other shape is propagated along the edges
 * (Conv, pooling and Flatten compute their output shape from their input shape as PyTorch does).
 * Then every edge is checked: the source's output shape must equal the target's input shape, up
 * to dimensions of size 1 (a real Rockpool file declares its Output as [1,1,1] after a [1]
 * neuron). A failure names the edge, both nodes and both shapes in one line.
 */
public final class NirFlatGraph {

    /** One node after inlining; {@code boundary} marks the Input and Output nodes of a nested graph. */
    public record Node(String name, NirNode node, boolean boundary) {}

    private final List<Node> nodes;
    private final Map<String, Integer> index;
    private final List<NirEdge> edges;
    private final int[][] inShape;
    private final int[][] outShape;
    private final List<String> notes;

    private NirFlatGraph(List<Node> nodes, List<NirEdge> edges) {
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
        this.index = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) index.put(nodes.get(i).name(), i);
        this.inShape = new int[nodes.size()][];
        this.outShape = new int[nodes.size()][];
        this.notes = new ArrayList<>();
    }

    /** Inlines, infers and checks; throws {@link NirFormatException} naming the first problem. */
    public static NirFlatGraph of(NirGraph graph) {
        List<Node> nodes = new ArrayList<>();
        List<NirEdge> edges = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        inline(graph, "", nodes, edges, seen);
        NirFlatGraph flat = new NirFlatGraph(nodes, edges);
        flat.infer();
        return flat;
    }

    public List<Node> nodes() { return nodes; }

    public List<NirEdge> edges() { return edges; }

    /** Remarks made while checking (lenient shape matches); empty for a clean graph. */
    public List<String> notes() { return Collections.unmodifiableList(notes); }

    public int indexOf(String name) {
        Integer i = index.get(name);
        if (i == null) throw new NirFormatException("no node '" + name + "' in graph (nodes: " + names() + ")");
        return i;
    }

    public Node node(String name) { return nodes.get(indexOf(name)); }

    public int[] inputShape(String name) { return inShape[indexOf(name)].clone(); }

    public int[] outputShape(String name) { return outShape[indexOf(name)].clone(); }

    /** Number of elements of the node's output in one time step. */
    public int outputSize(String name) { return Math.toIntExact(NirTensor.product(outShape[indexOf(name)])); }

    public int inputSize(String name) { return Math.toIntExact(NirTensor.product(inShape[indexOf(name)])); }

    /** The graph's own Input nodes (not those of nested graphs), in node order. */
    public List<String> graphInputs() {
        List<String> out = new ArrayList<>();
        for (Node n : nodes) if (n.node() instanceof NirNode.Input && !n.boundary()) out.add(n.name());
        return out;
    }

    /** The graph's own Output nodes, in node order. */
    public List<String> graphOutputs() {
        List<String> out = new ArrayList<>();
        for (Node n : nodes) if (n.node() instanceof NirNode.Output && !n.boundary()) out.add(n.name());
        return out;
    }

    private String names() {
        List<String> n = new ArrayList<>();
        for (Node x : nodes) n.add(x.name());
        return String.join(", ", n);
    }

    // ---- inlining ---------------------------------------------------------------------------

    private static void inline(NirGraph g, String prefix, List<Node> out, List<NirEdge> edges, Map<String, String> seen) {
        for (Map.Entry<String, NirNode> e : g.nodes().entrySet()) {
            String name = prefix + e.getKey();
            if (e.getValue() instanceof NirGraph sub) {
                inline(sub, name + ".", out, edges, seen);
            } else {
                if (seen.put(name, name) != null) {
                    throw new NirFormatException("node name '" + name + "' occurs twice once nested graphs are inlined");
                }
                out.add(new Node(name, e.getValue(), !prefix.isEmpty()
                        && (e.getValue() instanceof NirNode.Input || e.getValue() instanceof NirNode.Output)));
            }
        }
        for (NirEdge e : g.edges()) {
            String src = endpoint(g, prefix, e.source(), false, e);
            String dst = endpoint(g, prefix, e.target(), true, e);
            edges.add(new NirEdge(src, dst));
        }
    }

    /** The inlined name an edge end refers to: a plain node, or a nested graph's Input (entering) or Output (leaving). */
    private static String endpoint(NirGraph g, String prefix, String name, boolean entering, NirEdge edge) {
        NirNode n = g.nodes().get(name);
        if (!(n instanceof NirGraph sub)) return prefix + name;
        Class<?> kind = entering ? NirNode.Input.class : NirNode.Output.class;
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, NirNode> e : sub.nodes().entrySet()) if (kind.isInstance(e.getValue())) found.add(e.getKey());
        if (found.size() != 1) {
            throw new NirFormatException("edge " + quote(prefix, edge) + " " + (entering ? "enters" : "leaves")
                    + " nested graph '" + prefix + name + "', which has " + found.size() + " " + kind.getSimpleName()
                    + " nodes " + found + "; exactly one is needed");
        }
        return endpoint(sub, prefix + name + ".", found.get(0), entering, edge);
    }

    private static String quote(String prefix, NirEdge e) {
        return "'" + prefix + e.source() + "' -> '" + prefix + e.target() + "'";
    }

    // ---- shape inference ------------------------------------------------------------------

    private void infer() {
        for (int i = 0; i < nodes.size(); i++) declare(i);
        // Forward propagation first (shapes flow from the Input), backward only for what stays unknown.
        boolean changed = true;
        while (changed) {
            changed = false;
            for (NirEdge e : edges) {
                int a = index.get(e.source()), b = index.get(e.target());
                if (outShape[a] != null && inShape[b] == null) {
                    inShape[b] = outShape[a].clone();
                    changed = true;
                }
            }
            for (int i = 0; i < nodes.size(); i++) {
                if (inShape[i] != null && outShape[i] == null) {
                    outShape[i] = derive(i, inShape[i]);
                    changed = true;
                }
            }
            if (changed) continue;
            for (NirEdge e : edges) {
                int a = index.get(e.source()), b = index.get(e.target());
                if (inShape[b] != null && outShape[a] == null && preservesShape(nodes.get(a).node())) {
                    outShape[a] = inShape[b].clone();
                    if (inShape[a] == null) inShape[a] = outShape[a].clone();
                    changed = true;
                    break;
                }
            }
        }
        // Neurons whose parameters are all single values and that no edge shapes: one neuron per parameter shape.
        for (int i = 0; i < nodes.size(); i++) {
            if (inShape[i] == null && outShape[i] == null) {
                int[] s = largestParameterShape(nodes.get(i));
                if (s != null) { inShape[i] = s; outShape[i] = s.clone(); }
            }
            if (inShape[i] == null || outShape[i] == null) {
                Node n = nodes.get(i);
                throw new NirFormatException("cannot infer the shape of " + n.node().type() + " node '" + n.name()
                        + "': no edge or field gives its " + (inShape[i] == null ? "input" : "output") + " shape");
            }
        }
        for (NirEdge e : edges) {
            int a = index.get(e.source()), b = index.get(e.target());
            int[] out = outShape[a], in = inShape[b];
            if (Arrays.equals(out, in)) continue;
            if (Arrays.equals(squeeze(out), squeeze(in))) {
                notes.add("edge " + e + ": shape " + Arrays.toString(out) + " feeds " + Arrays.toString(in)
                        + " (same elements; dimensions of size 1 ignored)");
                continue;
            }
            throw new NirFormatException("edge " + e + ": '" + e.source() + "' (" + nodes.get(a).node().type()
                    + ") outputs shape " + Arrays.toString(out) + " but '" + e.target() + "' ("
                    + nodes.get(b).node().type() + ") takes shape " + Arrays.toString(in));
        }
    }

    private static boolean preservesShape(NirNode n) {
        return n.hasMembrane() || n instanceof NirNode.Scale || n instanceof NirNode.Threshold
                || n instanceof NirNode.Delay || n instanceof NirNode.Input || n instanceof NirNode.Output;
    }

    /** Shapes a node declares by itself. */
    private void declare(int i) {
        Node n = nodes.get(i);
        String where = n.node().type() + " node '" + n.name() + "'";
        switch (n.node()) {
            case NirNode.Input in -> { inShape[i] = positive(in.dims(), where, "shape"); outShape[i] = inShape[i].clone(); }
            case NirNode.Output o -> { inShape[i] = positive(o.dims(), where, "shape"); outShape[i] = inShape[i].clone(); }
            case NirNode.Linear l -> {
                int[] w = weightShape(l.weight(), where);
                inShape[i] = new int[] {w[1]};
                outShape[i] = new int[] {w[0]};
            }
            case NirNode.Affine a -> {
                int[] w = weightShape(a.weight(), where);
                if (a.bias().size() != w[0] && a.bias().size() != 1) {
                    throw new NirFormatException(where + ": bias has " + a.bias().size() + " values but weight "
                            + Arrays.toString(w) + " has " + w[0] + " outputs");
                }
                inShape[i] = new int[] {w[1]};
                outShape[i] = new int[] {w[0]};
            }
            case NirNode.Conv1d c -> {
                if (c.inputShape() != null) {
                    int[] spatial = c.inputShape().intValues(where + " input_shape");
                    if (spatial.length != 1) throw new NirFormatException(where + ": input_shape must have 1 value, found " + spatial.length);
                    inShape[i] = new int[] {c.weight().rank() == 3 ? c.weight().dim(1) * groups(c.groups(), where) : -1, spatial[0]};
                }
            }
            case NirNode.Conv2d c -> {
                if (c.inputShape() != null) {
                    int[] spatial = c.inputShape().intValues(where + " input_shape");
                    if (spatial.length != 2) throw new NirFormatException(where + ": input_shape must have 2 values, found " + spatial.length);
                    inShape[i] = new int[] {c.weight().rank() == 4 ? c.weight().dim(1) * groups(c.groups(), where) : -1,
                            spatial[0], spatial[1]};
                }
            }
            case NirNode.Flatten f -> {
                if (f.inputType() != null) inShape[i] = positive(f.inputType().intValues(where + " input_type"), where, "input_type");
            }
            default -> {
                int[] s = parameterShape(n);
                if (s != null) { inShape[i] = s; outShape[i] = s.clone(); }
            }
        }
    }

    /** The output shape of node {@code i} for input shape {@code in}. */
    private int[] derive(int i, int[] in) {
        Node n = nodes.get(i);
        String where = n.node().type() + " node '" + n.name() + "'";
        return switch (n.node()) {
            case NirNode.Conv1d c -> convOutput(where, c.weight(), c.stride(), c.padding(), c.dilation(), c.groups(), in, 1);
            case NirNode.Conv2d c -> convOutput(where, c.weight(), c.stride(), c.padding(), c.dilation(), c.groups(), in, 2);
            case NirNode.SumPool2d p -> poolOutput(where, p.kernelSize(), p.stride(), p.padding(), in);
            case NirNode.AvgPool2d p -> poolOutput(where, p.kernelSize(), p.stride(), p.padding(), in);
            case NirNode.Flatten f -> flattenOutput(where, f, in);
            default -> in.clone();
        };
    }

    private static int[] weightShape(NirTensor w, String where) {
        if (w.rank() != 2) {
            throw new NirFormatException(where + ": weight must be a matrix (out, in), found shape " + Arrays.toString(w.shape()));
        }
        return w.shape();
    }

    /** The common shape of the parameters with more than one element, or null if all are single values. */
    private static int[] parameterShape(Node n) {
        int[] shape = null;
        String from = null;
        for (String p : n.node().neuronParameters()) {
            NirTensor t = (NirTensor) n.node().fields().get(p);
            if (t.size() <= 1) continue;
            if (shape == null) { shape = t.shape(); from = p; }
            else if (!Arrays.equals(shape, t.shape())) {
                throw new NirFormatException(n.node().type() + " node '" + n.name() + "': field '" + p + "' has shape "
                        + Arrays.toString(t.shape()) + " but '" + from + "' has shape " + Arrays.toString(shape));
            }
        }
        return shape;
    }

    private static int[] largestParameterShape(Node n) {
        int[] best = null;
        for (String p : n.node().neuronParameters()) {
            NirTensor t = (NirTensor) n.node().fields().get(p);
            if (best == null || t.rank() > best.length) best = t.shape();
        }
        return best == null || best.length == 0 ? null : best;
    }

    private static int[] positive(int[] shape, String where, String field) {
        for (int d : shape) {
            if (d <= 0) throw new NirFormatException(where + ": " + field + " " + Arrays.toString(shape) + " has a dimension <= 0");
        }
        return shape;
    }

    static int groups(NirTensor groups, String where) {
        int g = (int) groups.scalarValue(where + " groups");
        if (g < 1 || g != groups.scalarValue(where + " groups")) {
            throw new NirFormatException(where + ": groups must be a positive integer, found " + groups.scalarValue(where));
        }
        return g;
    }

    /** A per-dimension integer field (scalar or one value per spatial dimension) as {@code dims} values. */
    static int[] perDim(NirTensor t, int dims, String where, String field, int min) {
        int[] v = t.intValues(where + " " + field);
        int[] out = new int[dims];
        if (v.length == 1) Arrays.fill(out, v[0]);
        else if (v.length == dims) out = v;
        else throw new NirFormatException(where + ": " + field + " must have 1 or " + dims + " values, found " + Arrays.toString(v));
        for (int x : out) if (x < min) throw new NirFormatException(where + ": " + field + " must be >= " + min + ", found " + Arrays.toString(out));
        return out;
    }

    /**
     * Padding before each spatial dimension: from an integer field, or PyTorch's {@code "same"}
     * (total {@code dilation·(k−1)}, the smaller half first) or {@code "valid"} (none).
     */
    static int[] padding(NirValue padding, int[] kernel, int[] dilation, int[] stride, String where) {
        int dims = kernel.length;
        if (padding instanceof NirValue.Text t) {
            switch (t.value()) {
                case "valid" -> { return new int[dims]; }
                case "same" -> {
                    for (int s : stride) if (s != 1) throw new NirFormatException(where + ": padding 'same' needs stride 1, found " + Arrays.toString(stride));
                    int[] p = new int[dims];
                    for (int d = 0; d < dims; d++) p[d] = dilation[d] * (kernel[d] - 1) / 2;
                    return p;
                }
                default -> throw new NirFormatException(where + ": padding must be 'same', 'valid' or integers, found '" + t.value() + "'");
            }
        }
        if (padding instanceof NirTensor p) return perDim(p, dims, where, "padding", 0);
        throw new NirFormatException(where + ": padding must be 'same', 'valid' or integers");
    }

    /** Total padding (before + after) of each dimension. */
    static int[] totalPadding(NirValue padding, int[] kernel, int[] dilation, int[] stride, String where) {
        int[] before = padding(padding, kernel, dilation, stride, where);
        int[] total = new int[before.length];
        boolean same = padding instanceof NirValue.Text t && t.value().equals("same");
        for (int d = 0; d < total.length; d++) total[d] = same ? dilation[d] * (kernel[d] - 1) : 2 * before[d];
        return total;
    }

    private static int[] convOutput(String where, NirTensor weight, NirTensor strideT, NirValue padT, NirTensor dilT,
                                    NirTensor groupsT, int[] in, int dims) {
        if (weight.rank() != dims + 2) {
            throw new NirFormatException(where + ": weight must have " + (dims + 2) + " dimensions (C_out, C_in/groups, kernel…), found "
                    + Arrays.toString(weight.shape()));
        }
        if (in.length != dims + 1) {
            throw new NirFormatException(where + ": input must have " + (dims + 1) + " dimensions (C, spatial…), found " + Arrays.toString(in));
        }
        int groups = groups(groupsT, where);
        int cOut = weight.dim(0), cInPerGroup = weight.dim(1);
        if (in[0] != cInPerGroup * groups) {
            throw new NirFormatException(where + ": input has " + in[0] + " channels but weight " + Arrays.toString(weight.shape())
                    + " with groups " + groups + " needs " + cInPerGroup * groups);
        }
        if (cOut % groups != 0) throw new NirFormatException(where + ": " + cOut + " output channels are not divisible by groups " + groups);
        int[] kernel = new int[dims];
        for (int d = 0; d < dims; d++) kernel[d] = weight.dim(2 + d);
        int[] stride = perDim(strideT, dims, where, "stride", 1);
        int[] dilation = perDim(dilT, dims, where, "dilation", 1);
        int[] total = totalPadding(padT, kernel, dilation, stride, where);
        int[] out = new int[dims + 1];
        out[0] = cOut;
        for (int d = 0; d < dims; d++) {
            int span = in[1 + d] + total[d] - dilation[d] * (kernel[d] - 1) - 1;
            out[1 + d] = span < 0 ? 0 : span / stride[d] + 1;
            if (out[1 + d] < 1) {
                throw new NirFormatException(where + ": kernel " + Arrays.toString(kernel) + " does not fit input " + Arrays.toString(in));
            }
        }
        return out;
    }

    private static int[] poolOutput(String where, NirTensor kernelT, NirTensor strideT, NirTensor padT, int[] in) {
        if (in.length != 3) throw new NirFormatException(where + ": input must have 3 dimensions (C, H, W), found " + Arrays.toString(in));
        int[] kernel = perDim(kernelT, 2, where, "kernel_size", 1);
        int[] stride = perDim(strideT, 2, where, "stride", 1);
        int[] pad = perDim(padT, 2, where, "padding", 0);
        int[] out = {in[0], 0, 0};
        for (int d = 0; d < 2; d++) {
            int span = in[1 + d] + 2 * pad[d] - kernel[d];
            if (span < 0) throw new NirFormatException(where + ": kernel " + Arrays.toString(kernel) + " does not fit input " + Arrays.toString(in));
            out[1 + d] = span / stride[d] + 1;
        }
        return out;
    }

    private static int[] flattenOutput(String where, NirNode.Flatten f, int[] in) {
        int r = in.length;
        int s = (int) f.startDim().scalarValue(where + " start_dim");
        int e = (int) f.endDim().scalarValue(where + " end_dim");
        if (s < 0) s += r;
        if (e < 0) e += r;
        if (s < 0 || e >= r || s > e) {
            throw new NirFormatException(where + ": start_dim " + f.startDim().scalarValue(where) + " / end_dim "
                    + f.endDim().scalarValue(where) + " do not fit input shape " + Arrays.toString(in));
        }
        int[] out = new int[r - (e - s)];
        int k = 0;
        for (int d = 0; d < s; d++) out[k++] = in[d];
        int m = 1;
        for (int d = s; d <= e; d++) m *= in[d];
        out[k++] = m;
        for (int d = e + 1; d < r; d++) out[k++] = in[d];
        return out;
    }

    private static int[] squeeze(int[] shape) {
        return Arrays.stream(shape).filter(d -> d != 1).toArray();
    }

    /** Per-node shapes, keyed by inlined name, in node order (for reports). */
    public Map<String, int[][]> shapes() {
        Map<String, int[][]> m = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) m.put(nodes.get(i).name(), new int[][] {inShape[i].clone(), outShape[i].clone()});
        return m;
    }
}
