package org.spikeforge.simulations.nir;

/**
 * The shape of one SumPool2d or AvgPool2d node: channels, spatial sizes, window, stride, padding
 * and the scale of the window sum (1 for SumPool2d, {@code 1/(kH·kW)} for AvgPool2d, PyTorch's
 * {@code count_include_pad=True}). The reference executor computes with it
 * ({@link NirKernels#pool2d}); the engine mapping lists its taps ({@link #forEachTap}).
 */
record PoolGeometry(int channels, int inH, int inW, int outH, int outW, int kH, int kW, int strideH, int strideW,
                    int padH, int padW, double scale) {

    /** Receives one tap: output element {@code out} adds input element {@code in} (then the sum is scaled). */
    @FunctionalInterface
    interface Tap {
        void accept(int out, int in);
    }

    /** The geometry of pooling node {@code name} of {@code flat}. */
    static PoolGeometry of(NirFlatGraph flat, String name) {
        NirNode node = flat.node(name).node();
        String where = node.type() + " node '" + name + "'";
        int[] in = flat.inputShape(name), out = flat.outputShape(name);
        NirTensor k, s, p;
        boolean average;
        switch (node) {
            case NirNode.SumPool2d x -> { k = x.kernelSize(); s = x.stride(); p = x.padding(); average = false; }
            case NirNode.AvgPool2d x -> { k = x.kernelSize(); s = x.stride(); p = x.padding(); average = true; }
            default -> throw new IllegalArgumentException(where + " is not a pooling node");
        }
        int[] kernel = NirFlatGraph.perDim(k, 2, where, "kernel_size", 1);
        int[] stride = NirFlatGraph.perDim(s, 2, where, "stride", 1);
        int[] pad = NirFlatGraph.perDim(p, 2, where, "padding", 0);
        return new PoolGeometry(in[0], in[1], in[2], out[1], out[2], kernel[0], kernel[1], stride[0], stride[1], pad[0], pad[1],
                average ? 1.0 / (kernel[0] * kernel[1]) : 1.0);
    }

    int inputSize() { return channels * inH * inW; }

    int outputSize() { return channels * outH * outW; }

    /** Every tap, in the order {@link NirKernels#pool2d} adds them for each output element. */
    void forEachTap(Tap tap) {
        for (int ch = 0; ch < channels; ch++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    int o = (ch * outH + oy) * outW + ox;
                    for (int ky = 0; ky < kH; ky++) {
                        int iy = oy * strideH - padH + ky;
                        if (iy < 0 || iy >= inH) continue;
                        for (int kx = 0; kx < kW; kx++) {
                            int ix = ox * strideW - padW + kx;
                            if (ix >= 0 && ix < inW) tap.accept(o, (ch * inH + iy) * inW + ix);
                        }
                    }
                }
            }
        }
    }
}
