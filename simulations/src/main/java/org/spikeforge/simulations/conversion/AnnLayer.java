package org.spikeforge.simulations.conversion;

/**
 * One affine layer of a feed-forward ANN, as read from ONNX: {@code y = W·x + b}, optionally followed
 * by ReLU. Dense layers hold {@code W} as (out, in) row-major; convolutions hold the ONNX node and its
 * weights and are applied through {@link Conv}.
 */
public sealed interface AnnLayer {

    int inputSize();

    int outputSize();

    boolean relu();

    /** {@code out ← W·in} (no bias). */
    void apply(double[] in, double[] out);

    /** The bias, one per output. */
    double[] bias();

    /** Dense layer. */
    record Dense(String name, int in, int out, double[] weights, double[] bias, boolean relu) implements AnnLayer {
        @Override public int inputSize() { return in; }
        @Override public int outputSize() { return out; }

        @Override
        public void apply(double[] x, double[] y) {
            for (int o = 0; o < out; o++) {
                double acc = 0;
                int row = o * in;
                for (int i = 0; i < in; i++) acc += weights[row + i] * x[i];
                y[o] = acc;
            }
        }

        /** {@code y ← y + W[:, i]·a}: the event-driven form, one input unit at a time. */
        public void addColumn(int i, double a, double[] y) {
            for (int o = 0; o < out; o++) y[o] += weights[o * in + i] * a;
        }
    }

    /** 2-D convolution (NCHW, batch 1) with an ONNX Conv node's attributes. */
    record Convolution(String name, int[] inShape, int[] outShape, Tensor weights, double[] bias, OnnxGraph.Node node,
                       boolean relu) implements AnnLayer {
        @Override public int inputSize() { return (int) Tensor.size(inShape); }
        @Override public int outputSize() { return (int) Tensor.size(outShape); }

        @Override
        public void apply(double[] x, double[] y) {
            int[] s = new int[] {1, inShape[0], inShape[1], inShape[2]};
            Tensor r = Conv.conv(new Tensor(s, x), weights, null, node);
            System.arraycopy(r.data(), 0, y, 0, y.length);
        }
    }

    /** Average pooling as a fixed projection (no bias, no ReLU unless one follows). */
    record AveragePooling(String name, int[] inShape, int[] outShape, OnnxGraph.Node node, boolean relu) implements AnnLayer {
        @Override public int inputSize() { return (int) Tensor.size(inShape); }
        @Override public int outputSize() { return (int) Tensor.size(outShape); }
        @Override public double[] bias() { return new double[outputSize()]; }

        @Override
        public void apply(double[] x, double[] y) {
            Tensor r = Conv.averagePool(new Tensor(new int[] {1, inShape[0], inShape[1], inShape[2]}, x), node);
            System.arraycopy(r.data(), 0, y, 0, y.length);
        }
    }
}
