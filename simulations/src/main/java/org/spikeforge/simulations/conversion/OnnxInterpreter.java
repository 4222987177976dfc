package org.spikeforge.simulations.conversion;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates an {@link OnnxGraph} in float64: the ANN reference of the conversion pipeline. It supports
 * the ops that PyTorch exports for MLPs, CNNs and Transformer blocks: Gemm, MatMul, Add, Sub, Mul,
 * Div, Pow, Sqrt, Relu, Sigmoid, Tanh, Softmax, ReduceMean, LayerNormalization, Conv, AveragePool,
 * Flatten, Reshape, Transpose, Gather, Concat, Unsqueeze, Squeeze, Shape, Constant and Identity, with
 * NumPy broadcasting. Any other op is rejected before evaluation with the node, op type and opset.
 */
public final class OnnxInterpreter {

    public static final Set<String> SUPPORTED = Set.of("Gemm", "MatMul", "Add", "Sub", "Mul", "Div", "Pow", "Sqrt",
            "Relu", "Sigmoid", "Tanh", "Softmax", "ReduceMean", "LayerNormalization", "Conv", "AveragePool", "Flatten",
            "Reshape", "Transpose", "Gather", "Concat", "Unsqueeze", "Squeeze", "Shape", "Constant", "Identity");

    private final OnnxGraph graph;

    public OnnxInterpreter(OnnxGraph graph) {
        for (OnnxGraph.Node n : graph.nodes()) {
            if (!SUPPORTED.contains(n.opType())) {
                throw new IllegalArgumentException(graph.source() + ": " + n.describe() + " uses op '" + n.opType()
                        + "' (opset " + graph.opset() + "), which SpikeForge cannot convert; supported ops: "
                        + String.join(", ", SUPPORTED.stream().sorted().toList()));
            }
        }
        this.graph = graph;
    }

    public OnnxGraph graph() {
        return graph;
    }

    /** Runs the graph on one input; returns every value by name (initializers included). */
    public Map<String, Tensor> evaluateAll(Tensor input) {
        Map<String, Tensor> env = new HashMap<>(graph.initializers());
        OnnxGraph.ValueInfo in = graph.inputs().get(0);
        int[] want = in.shape();
        if (want.length != input.rank()) {
            throw new IllegalArgumentException(graph.source() + ": input '" + in.name() + "' expects rank " + want.length
                    + " " + Arrays.toString(want) + ", got shape " + Arrays.toString(input.shape()));
        }
        for (int k = 0; k < want.length; k++) {
            if (want[k] >= 0 && want[k] != input.shape()[k]) {
                throw new IllegalArgumentException(graph.source() + ": input '" + in.name() + "' expects shape "
                        + Arrays.toString(want) + ", got " + Arrays.toString(input.shape()));
            }
        }
        env.put(in.name(), input);
        for (OnnxGraph.Node n : graph.nodes()) {
            Tensor[] args = new Tensor[n.inputs().size()];
            for (int k = 0; k < args.length; k++) {
                String name = n.inputs().get(k);
                if (name.isEmpty()) continue;
                args[k] = env.get(name);
                if (args[k] == null) throw new IllegalArgumentException(graph.source() + ": " + n.describe() + " reads undefined value '" + name + "'");
            }
            try {
                env.put(n.outputs().get(0), apply(n, args));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(graph.source() + ": " + n.describe() + ": " + e.getMessage(), e);
            }
        }
        return env;
    }

    /** Runs the graph on one input and returns its first output. */
    public Tensor evaluate(Tensor input) {
        return evaluateAll(input).get(graph.outputs().get(0).name());
    }

    // ------------------------------------------------------------------ ops

    static Tensor apply(OnnxGraph.Node n, Tensor[] a) {
        return switch (n.opType()) {
            case "Constant" -> (Tensor) n.attributes().get("value");
            case "Identity" -> a[0];
            case "Add" -> broadcast(a[0], a[1], ADD);
            case "Sub" -> broadcast(a[0], a[1], SUB);
            case "Mul" -> broadcast(a[0], a[1], MUL);
            case "Div" -> broadcast(a[0], a[1], DIV);
            case "Pow" -> broadcast(a[0], a[1], POW);
            case "Sqrt" -> unary(a[0], SQRT);
            case "Relu" -> unary(a[0], RELU);
            case "Sigmoid" -> unary(a[0], SIGMOID);
            case "Tanh" -> unary(a[0], TANH);
            case "MatMul" -> matmul(a[0], a[1]);
            case "Gemm" -> gemm(a[0], a[1], a.length > 2 ? a[2] : null, n.floatAttr("alpha", 1), n.floatAttr("beta", 1),
                    n.intAttr("transA", 0) != 0, n.intAttr("transB", 0) != 0);
            case "Softmax" -> softmax(a[0], (int) n.intAttr("axis", -1));
            case "ReduceMean" -> reduceMean(a[0], n.intsAttr("axes"), n.intAttr("keepdims", 1) != 0);
            case "LayerNormalization" -> layerNorm(a[0], a[1], a.length > 2 ? a[2] : null, (int) n.intAttr("axis", -1),
                    n.floatAttr("epsilon", 1e-5));
            case "Reshape" -> reshape(a[0], a[1]);
            case "Flatten" -> flatten(a[0], (int) n.intAttr("axis", 1));
            case "Transpose" -> transpose(a[0], n.intsAttr("perm"));
            case "Shape" -> {
                double[] d = new double[a[0].rank()];
                for (int i = 0; i < d.length; i++) d[i] = a[0].shape()[i];
                yield new Tensor(new int[] {d.length}, d);
            }
            case "Gather" -> gather(a[0], a[1], (int) n.intAttr("axis", 0));
            case "Concat" -> concat(a, (int) n.intAttr("axis", 0));
            case "Unsqueeze" -> unsqueeze(a[0], n.intsAttr("axes") != null ? n.intsAttr("axes") : longs(a[1]));
            case "Squeeze" -> squeeze(a[0], n.intsAttr("axes") != null ? n.intsAttr("axes") : a.length > 1 && a[1] != null ? longs(a[1]) : null);
            case "Conv" -> Conv.conv(a[0], a[1], a.length > 2 ? a[2] : null, n);
            case "AveragePool" -> Conv.averagePool(a[0], n);
            default -> throw new IllegalStateException("unsupported op " + n.opType());
        };
    }

    private static long[] longs(Tensor t) {
        long[] r = new long[t.size()];
        for (int i = 0; i < r.length; i++) r[i] = (long) t.data()[i];
        return r;
    }

    // Element-wise ops are selected by code inside the loop rather than through a lambda, so that the
    // JIT compiles one tight loop per op instead of a megamorphic call per element.
    static final int ADD = 0, SUB = 1, MUL = 2, DIV = 3, POW = 4;
    static final int SQRT = 0, RELU = 1, SIGMOID = 2, TANH = 3;

    private static double op(int code, double x, double y) {
        return switch (code) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            default -> y == 2.0 ? x * x : Math.pow(x, y);
        };
    }

    static Tensor unary(Tensor a, int code) {
        double[] s = a.data(), d = new double[s.length];
        switch (code) {
            case SQRT -> { for (int i = 0; i < d.length; i++) d[i] = Math.sqrt(s[i]); }
            case RELU -> { for (int i = 0; i < d.length; i++) d[i] = s[i] > 0 ? s[i] : 0.0; }
            case SIGMOID -> { for (int i = 0; i < d.length; i++) d[i] = 1.0 / (1.0 + Math.exp(-s[i])); }
            default -> { for (int i = 0; i < d.length; i++) d[i] = Math.tanh(s[i]); }
        }
        return new Tensor(a.shape(), d);
    }

    /** Whether {@code small}'s shape, without leading 1s, is a suffix of {@code big}'s. */
    private static boolean isSuffix(int[] big, int[] small) {
        int i = 0;
        while (i < small.length && small[i] == 1) i++;
        int n = small.length - i;
        if (n > big.length) return false;
        for (int k = 0; k < n; k++) if (big[big.length - n + k] != small[i + k]) return false;
        return true;
    }

    static int[] broadcastShape(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] s = new int[r];
        for (int k = 0; k < r; k++) {
            int da = k - (r - a.length) >= 0 ? a[k - (r - a.length)] : 1;
            int db = k - (r - b.length) >= 0 ? b[k - (r - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
            }
            s[k] = Math.max(da, db);
        }
        return s;
    }

    /** Element strides of {@code shape} aligned to a broadcast result of rank {@code r} (0 on broadcast axes). */
    private static int[] alignedStrides(int[] shape, int r) {
        int[] st = new int[r];
        int acc = 1;
        for (int k = shape.length - 1; k >= 0; k--) {
            st[k + r - shape.length] = shape[k] == 1 ? 0 : acc;
            acc *= shape[k];
        }
        return st;
    }

    static Tensor broadcast(Tensor a, Tensor b, int code) {
        int[] s = broadcastShape(a.shape(), b.shape());
        Tensor out = Tensor.zeros(s);
        double[] A = a.data(), B = b.data(), O = out.data();
        int n = O.length;
        if (A.length == n && B.length == n) {
            switch (code) {
                case ADD -> { for (int i = 0; i < n; i++) O[i] = A[i] + B[i]; }
                case SUB -> { for (int i = 0; i < n; i++) O[i] = A[i] - B[i]; }
                case MUL -> { for (int i = 0; i < n; i++) O[i] = A[i] * B[i]; }
                default -> { for (int i = 0; i < n; i++) O[i] = op(code, A[i], B[i]); }
            }
            return out;
        }
        if (A.length == n && isSuffix(a.shape(), b.shape())) { // b repeats along the leading axes
            int m = B.length;
            switch (code) {
                case ADD -> { for (int i = 0; i < n; i++) O[i] = A[i] + B[i % m]; }
                case MUL -> { for (int i = 0; i < n; i++) O[i] = A[i] * B[i % m]; }
                default -> { for (int i = 0; i < n; i++) O[i] = op(code, A[i], B[i % m]); }
            }
            return out;
        }
        if (B.length == n && isSuffix(b.shape(), a.shape())) {
            int m = A.length;
            for (int i = 0; i < n; i++) O[i] = op(code, A[i % m], B[i]);
            return out;
        }
        int r = s.length;
        int[] sa = alignedStrides(a.shape(), r), sb = alignedStrides(b.shape(), r);
        int[] idx = new int[r];
        int ia = 0, ib = 0;
        for (int i = 0; i < n; i++) {
            O[i] = op(code, A[ia], B[ib]);
            for (int k = r - 1; k >= 0; k--) {
                idx[k]++;
                ia += sa[k];
                ib += sb[k];
                if (idx[k] < s[k]) break;
                ia -= sa[k] * s[k];
                ib -= sb[k] * s[k];
                idx[k] = 0;
            }
        }
        return out;
    }

    /** NumPy matmul: (…, n, k) × (…, k, m), batch dims broadcast; 1-D operands promoted. */
    static Tensor matmul(Tensor a, Tensor b) {
        boolean va = a.rank() == 1, vb = b.rank() == 1;
        if (va) a = a.reshape(1, a.dim(0));
        if (vb) b = b.reshape(b.dim(0), 1);
        int n = a.dim(-2), k = a.dim(-1), k2 = b.dim(-2), m = b.dim(-1);
        if (k != k2) throw new IllegalArgumentException("matmul of " + a + " and " + b + ": inner dimensions differ");
        int[] ba = Arrays.copyOf(a.shape(), a.rank() - 2), bb = Arrays.copyOf(b.shape(), b.rank() - 2);
        int[] bs = broadcastShape(ba, bb);
        int batch = Math.toIntExact(Tensor.size(bs));
        int[] outShape = Arrays.copyOf(bs, bs.length + 2);
        outShape[bs.length] = n;
        outShape[bs.length + 1] = m;
        Tensor out = Tensor.zeros(outShape);
        int[] sa = alignedStrides(ba, bs.length), sb = alignedStrides(bb, bs.length);
        int[] idx = new int[bs.length];
        double[] A = a.data(), B = b.data(), C = out.data();
        for (int p = 0; p < batch; p++) {
            int oa = 0, ob = 0;
            for (int q = 0; q < bs.length; q++) {
                oa += idx[q] * sa[q];
                ob += idx[q] * sb[q];
            }
            oa *= n * k;
            ob *= k * m;
            int oc = p * n * m;
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < k; t++) {
                    double x = A[oa + i * k + t];
                    if (x == 0) continue;
                    int rb = ob + t * m, rc = oc + i * m;
                    for (int j = 0; j < m; j++) C[rc + j] += x * B[rb + j];
                }
            }
            for (int q = bs.length - 1; q >= 0; q--) {
                if (++idx[q] < bs[q]) break;
                idx[q] = 0;
            }
        }
        if (va && vb) return out.reshape();
        if (va) return out.reshape(withoutAxis(outShape, outShape.length - 2));
        if (vb) return out.reshape(withoutAxis(outShape, outShape.length - 1));
        return out;
    }

    private static int[] withoutAxis(int[] s, int axis) {
        int[] r = new int[s.length - 1];
        for (int i = 0, j = 0; i < s.length; i++) if (i != axis) r[j++] = s[i];
        return r;
    }

    static Tensor gemm(Tensor a, Tensor b, Tensor c, double alpha, double beta, boolean ta, boolean tb) {
        if (ta) a = transpose(a, new long[] {1, 0});
        if (tb) b = transpose(b, new long[] {1, 0});
        Tensor y = matmul(a, b);
        if (alpha != 1) y = broadcast(y, Tensor.scalar(alpha), MUL);
        if (c != null) y = broadcast(y, beta == 1 ? c : broadcast(c, Tensor.scalar(beta), MUL), ADD);
        return y;
    }

    static Tensor transpose(Tensor a, long[] perm) {
        int r = a.rank();
        int[] p = new int[r];
        for (int i = 0; i < r; i++) p[i] = perm == null ? r - 1 - i : (int) perm[i];
        int[] s = new int[r];
        for (int i = 0; i < r; i++) s[i] = a.shape()[p[i]];
        int[] inStr = a.strides();
        int[] st = new int[r];
        for (int i = 0; i < r; i++) st[i] = inStr[p[i]];
        Tensor out = Tensor.zeros(s);
        int[] idx = new int[r];
        int src = 0;
        for (int i = 0; i < out.size(); i++) {
            out.data()[i] = a.data()[src];
            for (int k = r - 1; k >= 0; k--) {
                idx[k]++;
                src += st[k];
                if (idx[k] < s[k]) break;
                src -= st[k] * s[k];
                idx[k] = 0;
            }
        }
        return out;
    }

    static Tensor reshape(Tensor a, Tensor shape) {
        int[] s = new int[shape.size()];
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            long v = (long) shape.data()[i];
            if (v == 0) v = a.shape()[i];
            if (v == -1) {
                infer = i;
                continue;
            }
            s[i] = (int) v;
            known *= v;
        }
        if (infer >= 0) s[infer] = (int) (a.size() / known);
        if (Tensor.size(s) != a.size()) {
            throw new IllegalArgumentException("cannot reshape " + a + " to " + Arrays.toString(s));
        }
        return a.reshape(s);
    }

    static Tensor flatten(Tensor a, int axis) {
        if (axis < 0) axis += a.rank();
        long outer = 1;
        for (int i = 0; i < axis; i++) outer *= a.shape()[i];
        return a.reshape((int) outer, (int) (a.size() / outer));
    }

    static Tensor softmax(Tensor a, int axis) {
        if (axis < 0) axis += a.rank();
        int len = a.shape()[axis];
        int inner = 1;
        for (int i = axis + 1; i < a.rank(); i++) inner *= a.shape()[i];
        int outer = a.size() / (len * inner);
        double[] d = a.data().clone();
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * len * inner + in;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < len; j++) max = Math.max(max, d[base + j * inner]);
                double sum = 0;
                for (int j = 0; j < len; j++) {
                    double e = Math.exp(d[base + j * inner] - max);
                    d[base + j * inner] = e;
                    sum += e;
                }
                for (int j = 0; j < len; j++) d[base + j * inner] /= sum;
            }
        }
        return new Tensor(a.shape(), d);
    }

    static Tensor reduceMean(Tensor a, long[] axes, boolean keep) {
        int r = a.rank();
        boolean[] red = new boolean[r];
        if (axes == null) Arrays.fill(red, true);
        else for (long ax : axes) red[(int) (ax < 0 ? ax + r : ax)] = true;
        int[] outShape = new int[r];
        long count = 1;
        for (int i = 0; i < r; i++) {
            outShape[i] = red[i] ? 1 : a.shape()[i];
            if (red[i]) count *= a.shape()[i];
        }
        Tensor out = Tensor.zeros(outShape);
        int[] ost = alignedStrides(outShape, r);
        int[] idx = new int[r];
        int o = 0;
        for (int i = 0; i < a.size(); i++) {
            out.data()[o] += a.data()[i];
            for (int k = r - 1; k >= 0; k--) {
                idx[k]++;
                o += ost[k];
                if (idx[k] < a.shape()[k]) break;
                o -= ost[k] * a.shape()[k];
                idx[k] = 0;
            }
        }
        for (int i = 0; i < out.size(); i++) out.data()[i] /= count;
        if (keep) return out;
        int kept = 0;
        for (boolean b : red) if (!b) kept++;
        int[] s = new int[kept];
        for (int i = 0, j = 0; i < r; i++) if (!red[i]) s[j++] = outShape[i];
        return out.reshape(s);
    }

    static Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, int axis, double eps) {
        long[] axes = new long[x.rank() - (axis < 0 ? axis + x.rank() : axis)];
        for (int i = 0; i < axes.length; i++) axes[i] = x.rank() - axes.length + i;
        Tensor mean = reduceMean(x, axes, true);
        Tensor c = broadcast(x, mean, SUB);
        Tensor var = reduceMean(broadcast(c, c, MUL), axes, true);
        Tensor y = broadcast(c, unary(broadcast(var, Tensor.scalar(eps), ADD), SQRT), DIV);
        y = broadcast(y, gamma, MUL);
        return beta == null ? y : broadcast(y, beta, ADD);
    }

    static Tensor gather(Tensor data, Tensor indices, int axis) {
        if (axis < 0) axis += data.rank();
        int outer = 1, inner = 1;
        for (int i = 0; i < axis; i++) outer *= data.shape()[i];
        for (int i = axis + 1; i < data.rank(); i++) inner *= data.shape()[i];
        int len = data.shape()[axis];
        int ni = indices.size();
        int[] s = new int[data.rank() - 1 + indices.rank()];
        int p = 0;
        for (int i = 0; i < axis; i++) s[p++] = data.shape()[i];
        for (int d : indices.shape()) s[p++] = d;
        for (int i = axis + 1; i < data.rank(); i++) s[p++] = data.shape()[i];
        Tensor out = Tensor.zeros(s);
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < ni; j++) {
                int ix = (int) indices.data()[j];
                if (ix < 0) ix += len;
                System.arraycopy(data.data(), (o * len + ix) * inner, out.data(), (o * ni + j) * inner, inner);
            }
        }
        return out;
    }

    static Tensor concat(Tensor[] parts, int axis) {
        int r = parts[0].rank();
        if (axis < 0) axis += r;
        int[] s = parts[0].shape().clone();
        s[axis] = 0;
        for (Tensor t : parts) s[axis] += t.shape()[axis];
        int outer = 1;
        for (int i = 0; i < axis; i++) outer *= s[i];
        Tensor out = Tensor.zeros(s);
        int pos = 0;
        for (int o = 0; o < outer; o++) {
            for (Tensor t : parts) {
                int chunk = t.size() / outer;
                System.arraycopy(t.data(), o * chunk, out.data(), pos, chunk);
                pos += chunk;
            }
        }
        return out;
    }

    static Tensor unsqueeze(Tensor a, long[] axes) {
        int r = a.rank() + axes.length;
        boolean[] ins = new boolean[r];
        for (long ax : axes) ins[(int) (ax < 0 ? ax + r : ax)] = true;
        int[] s = new int[r];
        for (int i = 0, j = 0; i < r; i++) s[i] = ins[i] ? 1 : a.shape()[j++];
        return a.reshape(s);
    }

    static Tensor squeeze(Tensor a, long[] axes) {
        List<Integer> keep = new java.util.ArrayList<>();
        for (int i = 0; i < a.rank(); i++) {
            boolean drop = false;
            if (axes == null) drop = a.shape()[i] == 1;
            else for (long ax : axes) if ((ax < 0 ? ax + a.rank() : ax) == i) drop = true;
            if (!drop) keep.add(a.shape()[i]);
        }
        return a.reshape(keep.stream().mapToInt(Integer::intValue).toArray());
    }
}
