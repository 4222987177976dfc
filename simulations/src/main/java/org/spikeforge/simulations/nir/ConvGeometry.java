package org.spikeforge.simulations.nir;

/**
 * The shape of one Conv1d or Conv2d node as a 2-d cross-correlation (a 1-d convolution is the case
 * {@code inH = outH = kH = 1}): channels, spatial sizes, kernel, stride, padding before each
 * dimension, dilation and groups, resolved from the node's fields and inferred shapes. The
 * reference executor computes with it ({@link NirKernels#conv2d}); the engine mapping lists its
 * taps ({@link #forEachTap}) as synapses.
 */
record ConvGeometry(int cIn, int inH, int inW, int cOut, int outH, int outW, int kH, int kW,
                    int strideH, int strideW, int padH, int padW, int dilH, int dilW, int groups) {

    /** Receives one tap: output element {@code out} adds weight element {@code weight} times input element {@code in}. */
    @FunctionalInterface
    interface Tap {
        void accept(int out, int in, int weight);
    }

    /** The geometry of Conv node {@code name} of {@code flat}. */
    static ConvGeometry of(NirFlatGraph flat, String name) {
        NirNode node = flat.node(name).node();
        String where = node.type() + " node '" + name + "'";
        int[] in = flat.inputShape(name), out = flat.outputShape(name);
        return switch (node) {
            case NirNode.Conv1d c -> {
                int[] kernel = {c.weight().dim(2)};
                int[] stride = NirFlatGraph.perDim(c.stride(), 1, where, "stride", 1);
                int[] dil = NirFlatGraph.perDim(c.dilation(), 1, where, "dilation", 1);
                int[] pad = NirFlatGraph.padding(c.padding(), kernel, dil, stride, where);
                yield new ConvGeometry(in[0], 1, in[1], out[0], 1, out[1], 1, kernel[0], 1, stride[0], 0, pad[0], 1, dil[0],
                        NirFlatGraph.groups(c.groups(), where));
            }
            case NirNode.Conv2d c -> {
                int[] kernel = {c.weight().dim(2), c.weight().dim(3)};
                int[] stride = NirFlatGraph.perDim(c.stride(), 2, where, "stride", 1);
                int[] dil = NirFlatGraph.perDim(c.dilation(), 2, where, "dilation", 1);
                int[] pad = NirFlatGraph.padding(c.padding(), kernel, dil, stride, where);
                yield new ConvGeometry(in[0], in[1], in[2], out[0], out[1], out[2], kernel[0], kernel[1], stride[0], stride[1],
                        pad[0], pad[1], dil[0], dil[1], NirFlatGraph.groups(c.groups(), where));
            }
            default -> throw new IllegalArgumentException(where + " is not a convolution");
        };
    }

    int inputSize() { return cIn * inH * inW; }

    int outputSize() { return cOut * outH * outW; }

    /** Every tap, in the order {@link NirKernels#conv2d} adds them for each output element. */
    void forEachTap(Tap tap) {
        int cInG = cIn / groups, cOutG = cOut / groups;
        for (int oc = 0; oc < cOut; oc++) {
            int g = oc / cOutG;
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    int o = (oc * outH + oy) * outW + ox;
                    for (int icg = 0; icg < cInG; icg++) {
                        int ic = g * cInG + icg;
                        int wBase = (oc * cInG + icg) * kH * kW;
                        for (int ky = 0; ky < kH; ky++) {
                            int iy = oy * strideH - padH + ky * dilH;
                            if (iy < 0 || iy >= inH) continue;
                            for (int kx = 0; kx < kW; kx++) {
                                int ix = ox * strideW - padW + kx * dilW;
                                if (ix < 0 || ix >= inW) continue;
                                tap.accept(o, (ic * inH + iy) * inW + ix, wBase + ky * kW + kx);
                            }
                        }
                    }
                }
            }
        }
    }
}
