package org.spikeforge.simulations.conversion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A feed-forward ANN (MLP or CNN) extracted from an ONNX graph as a chain of {@link AnnLayer}s:
 * Gemm, MatMul(+Add), Conv and AveragePool, each optionally followed by Relu, with Flatten and
 * Reshape between them. This is the form rate conversion works on. A graph with branches, attention
 * or normalisation is not a chain: it gets a clear error naming the first node that breaks the chain.
 */
public final class FeedForwardAnn {
    private final List<AnnLayer> layers;
    private final int[] inputShape;

    private FeedForwardAnn(List<AnnLayer> layers, int[] inputShape) {
        this.layers = List.copyOf(layers);
        this.inputShape = inputShape;
    }

    public List<AnnLayer> layers() {
        return layers;
    }

    /** Input shape without the batch axis. */
    public int[] inputShape() {
        return inputShape.clone();
    }

    public int inputSize() {
        return (int) Tensor.size(inputShape);
    }

    public static FeedForwardAnn fromOnnx(OnnxGraph g) {
        new OnnxInterpreter(g); // rejects unsupported ops with node, op type and opset
        int[] in = g.inputs().get(0).shape();
        int[] shape = Arrays.copyOfRange(in, 1, in.length); // drop the batch axis
        for (int d : shape) {
            if (d < 0) throw new IllegalArgumentException(g.source() + ": input has a symbolic non-batch dimension " + Arrays.toString(in));
        }
        int[] inputShape = shape.clone();
        List<AnnLayer> layers = new ArrayList<>();
        String current = g.inputs().get(0).name();
        List<OnnxGraph.Node> nodes = g.nodes();
        for (int k = 0; k < nodes.size(); k++) {
            OnnxGraph.Node n = nodes.get(k);
            if (n.opType().equals("Constant")) continue;
            if (!n.inputs().contains(current)) {
                throw new IllegalArgumentException(g.source() + ": " + n.describe() + " does not continue the layer chain; "
                        + "rate conversion needs a feed-forward chain of Gemm/MatMul/Conv/AveragePool/Relu/Flatten nodes");
            }
            String out = n.outputs().get(0);
            switch (n.opType()) {
                case "Gemm" -> {
                    Tensor w = init(g, n, 1);
                    boolean tb = n.intAttr("transB", 0) != 0;
                    if (n.intAttr("transA", 0) != 0) throw new IllegalArgumentException(g.source() + ": " + n.describe() + " with transA is not supported");
                    Tensor wt = tb ? w : OnnxInterpreter.transpose(w, new long[] {1, 0});
                    double alpha = n.floatAttr("alpha", 1), beta = n.floatAttr("beta", 1);
                    double[] wd = wt.data().clone();
                    if (alpha != 1) for (int i = 0; i < wd.length; i++) wd[i] *= alpha;
                    int outN = wt.dim(0), inN = wt.dim(1);
                    double[] b = new double[outN];
                    if (n.inputs().size() > 2) {
                        Tensor bt = init(g, n, 2);
                        for (int i = 0; i < outN; i++) b[i] = beta * bt.data()[bt.size() == 1 ? 0 : i];
                    }
                    checkSize(g, n, shape, inN);
                    layers.add(new AnnLayer.Dense(n.name(), inN, outN, wd, b, false));
                    shape = new int[] {outN};
                }
                case "MatMul" -> {
                    Tensor w = init(g, n, 1); // (in, out)
                    Tensor wt = OnnxInterpreter.transpose(w, new long[] {1, 0});
                    int outN = wt.dim(0), inN = wt.dim(1);
                    checkSize(g, n, shape, inN);
                    double[] b = new double[outN];
                    if (k + 1 < nodes.size() && nodes.get(k + 1).opType().equals("Add")) {
                        OnnxGraph.Node add = nodes.get(k + 1);
                        String other = add.inputs().get(0).equals(out) ? add.inputs().get(1) : add.inputs().get(0);
                        Tensor bt = g.initializers().get(other);
                        if (bt != null && add.inputs().contains(out)) {
                            for (int i = 0; i < outN; i++) b[i] = bt.data()[bt.size() == 1 ? 0 : i];
                            out = add.outputs().get(0);
                            k++;
                        }
                    }
                    layers.add(new AnnLayer.Dense(n.name(), inN, outN, wt.data().clone(), b, false));
                    shape = new int[] {outN};
                }
                case "Conv" -> {
                    if (shape.length != 3) throw new IllegalArgumentException(g.source() + ": " + n.describe() + " needs (C, H, W) input, got " + Arrays.toString(shape));
                    Tensor w = init(g, n, 1);
                    double[] b = n.inputs().size() > 2 ? init(g, n, 2).data().clone() : new double[w.dim(0)];
                    Tensor probe = Conv.conv(Tensor.zeros(1, shape[0], shape[1], shape[2]), w, null, n);
                    int[] os = Arrays.copyOfRange(probe.shape(), 1, 4);
                    layers.add(new AnnLayer.Convolution(n.name(), shape.clone(), os, w, expand(b, os), n, false));
                    shape = os;
                }
                case "AveragePool" -> {
                    Tensor probe = Conv.averagePool(Tensor.zeros(1, shape[0], shape[1], shape[2]), n);
                    int[] os = Arrays.copyOfRange(probe.shape(), 1, 4);
                    layers.add(new AnnLayer.AveragePooling(n.name(), shape.clone(), os, n, false));
                    shape = os;
                }
                case "Relu" -> {
                    if (layers.isEmpty()) throw new IllegalArgumentException(g.source() + ": " + n.describe() + " before any layer");
                    layers.set(layers.size() - 1, withRelu(layers.get(layers.size() - 1)));
                }
                case "Flatten", "Reshape", "Identity" -> shape = new int[] {(int) Tensor.size(shape)};
                default -> throw new IllegalArgumentException(g.source() + ": " + n.describe() + " (opset " + g.opset()
                        + ") cannot be rate-converted; use the Transformer operators for attention and normalisation");
            }
            current = out;
        }
        if (layers.isEmpty()) throw new IllegalArgumentException(g.source() + ": no layers found");
        return new FeedForwardAnn(layers, inputShape);
    }

    private static double[] expand(double[] perChannel, int[] chw) {
        int hw = chw[1] * chw[2];
        double[] b = new double[chw[0] * hw];
        for (int c = 0; c < chw[0]; c++) Arrays.fill(b, c * hw, (c + 1) * hw, perChannel[c]);
        return b;
    }

    private static void checkSize(OnnxGraph g, OnnxGraph.Node n, int[] shape, int in) {
        if (Tensor.size(shape) != in) {
            throw new IllegalArgumentException(g.source() + ": " + n.describe() + " expects " + in + " inputs, the chain gives " + Arrays.toString(shape));
        }
    }

    private static Tensor init(OnnxGraph g, OnnxGraph.Node n, int arg) {
        Tensor t = g.initializers().get(n.inputs().get(arg));
        if (t == null) throw new IllegalArgumentException(g.source() + ": " + n.describe() + " input " + arg + " is not a constant weight");
        return t;
    }

    private static AnnLayer withRelu(AnnLayer l) {
        return switch (l) {
            case AnnLayer.Dense d -> new AnnLayer.Dense(d.name(), d.in(), d.out(), d.weights(), d.bias(), true);
            case AnnLayer.Convolution c -> new AnnLayer.Convolution(c.name(), c.inShape(), c.outShape(), c.weights(), c.bias(), c.node(), true);
            case AnnLayer.AveragePooling p -> new AnnLayer.AveragePooling(p.name(), p.inShape(), p.outShape(), p.node(), true);
        };
    }

    /** The ANN's output for one flattened input, and (if {@code activations} is non-null) each layer's output. */
    public double[] forward(double[] x, List<double[]> activations) {
        double[] a = x;
        for (AnnLayer l : layers) {
            double[] y = new double[l.outputSize()];
            l.apply(a, y);
            double[] b = l.bias();
            for (int i = 0; i < y.length; i++) {
                y[i] += b[i];
                if (l.relu() && y[i] < 0) y[i] = 0;
            }
            if (activations != null) activations.add(y);
            a = y;
        }
        return a;
    }
}
