package org.spikeforge.simulations.nir;

/**
 * The per-step arithmetic of NIR nodes, as static methods over primitive arrays. Each method
 * handles one batch element: its arrays are indexed from {@code off} for {@code n} elements
 * (neurons) or by the layout given. Nothing here allocates.
 *
 * <p><b>Neurons.</b> Every NIR neuron is linear below threshold, so one step of either
 * discretisation has the form
 * <pre>
 *   I ← aS·I + gS·x                             (CubaLIF, CubaLI)
 *   v ← aM·v + cM·v_leak + kX·x + kI·I_old      (all; LIF/LI/IF/I have no kI)
 * </pre>
 * with per-neuron coefficients from {@link org.spikeforge.neurons.nir.NirCoefficients}, whose
 * Javadoc tables them. The engine's NIR neuron models ({@code org.spikeforge.neurons.nir}) take
 * the same coefficients and repeat these steps operation for operation.
 */
final class NirKernels {

    private NirKernels() {}

    /**
     * One step of a spiking neuron layer (LIF, IF, CubaLIF): subthreshold update, threshold test
     * {@code v > v_th}, reset.
     *
     * @param v       membrane, updated in place (after reset)
     * @param i       synaptic current, updated in place; null for LIF and IF
     * @param spk     in: last step's spikes (0/1), out: this step's spikes
     * @param vRec    out: membrane at the threshold test, before this step's reset
     * @param x       input of this step
     * @param subtract reset by subtracting {@code v_th − v_reset} instead of setting {@code v_reset}
     * @param delayed apply the reset of last step's spike after this step's update (snnTorch), instead of right after the spike
     */
    static void spikingStep(double[] v, double[] i, double[] spk, double[] vRec, double[] x, int off, int n,
                            double[] aM, double[] cM, double[] vLeak, double[] kI, double[] kX,
                            double[] aS, double[] gS, double[] vTh, double[] vReset,
                            boolean subtract, boolean delayed) {
        for (int k = 0; k < n; k++) {
            int j = off + k;
            double xi = x[j];
            double vn = aM[k] * v[j] + cM[k] * vLeak[k] + kX[k] * xi;
            if (i != null) {
                double old = i[j];
                vn += kI[k] * old;
                i[j] = aS[k] * old + gS[k] * xi;
            }
            if (delayed && spk[j] != 0.0) vn = subtract ? vn - (vTh[k] - vReset[k]) : vReset[k];
            boolean fired = vn > vTh[k];
            vRec[j] = vn;
            if (fired && !delayed) vn = subtract ? vn - (vTh[k] - vReset[k]) : vReset[k];
            v[j] = vn;
            spk[j] = fired ? 1.0 : 0.0;
        }
    }

    /** One step of a non-spiking neuron layer (LI, I, CubaLI); {@code v} is also the output. */
    static void leakyStep(double[] v, double[] i, double[] x, int off, int n,
                          double[] aM, double[] cM, double[] vLeak, double[] kI, double[] kX,
                          double[] aS, double[] gS) {
        for (int k = 0; k < n; k++) {
            int j = off + k;
            double xi = x[j];
            double vn = aM[k] * v[j] + cM[k] * vLeak[k] + kX[k] * xi;
            if (i != null) {
                double old = i[j];
                vn += kI[k] * old;
                i[j] = aS[k] * old + gS[k] * xi;
            }
            v[j] = vn;
        }
    }

    /** {@code y = W·x (+ b)} with W row-major (out × in). */
    static void dense(double[] w, double[] bias, double[] x, int xOff, double[] y, int yOff, int out, int in) {
        for (int r = 0; r < out; r++) {
            double s = bias == null ? 0.0 : bias[r];
            int row = r * in;
            for (int c = 0; c < in; c++) s += w[row + c] * x[xOff + c];
            y[yOff + r] = s;
        }
    }

    /**
     * 2-d cross-correlation as PyTorch's {@code Conv2d} (a 1-d convolution is the case
     * {@code inH = kH = 1}). Weight layout (C_out, C_in/groups, kH, kW), input (C_in, inH, inW),
     * output (C_out, outH, outW); zero padding {@code padH/padW} before each dimension.
     */
    static void conv2d(double[] w, double[] bias, double[] x, int xOff, double[] y, int yOff,
                       int cIn, int inH, int inW, int cOut, int outH, int outW, int kH, int kW,
                       int strideH, int strideW, int padH, int padW, int dilH, int dilW, int groups) {
        int cInG = cIn / groups, cOutG = cOut / groups;
        for (int oc = 0; oc < cOut; oc++) {
            int g = oc / cOutG;
            double b = bias == null ? 0.0 : bias[oc];
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    double s = b;
                    for (int icg = 0; icg < cInG; icg++) {
                        int ic = g * cInG + icg;
                        int wBase = (oc * cInG + icg) * kH * kW;
                        int xBase = xOff + ic * inH * inW;
                        for (int ky = 0; ky < kH; ky++) {
                            int iy = oy * strideH - padH + ky * dilH;
                            if (iy < 0 || iy >= inH) continue;
                            for (int kx = 0; kx < kW; kx++) {
                                int ix = ox * strideW - padW + kx * dilW;
                                if (ix < 0 || ix >= inW) continue;
                                s += w[wBase + ky * kW + kx] * x[xBase + iy * inW + ix];
                            }
                        }
                    }
                    y[yOff + (oc * outH + oy) * outW + ox] = s;
                }
            }
        }
    }

    /** Window sum over (kH, kW) with zero padding, times {@code scale} (1 for SumPool2d, 1/(kH·kW) for AvgPool2d). */
    static void pool2d(double[] x, int xOff, double[] y, int yOff, int c, int inH, int inW, int outH, int outW,
                       int kH, int kW, int strideH, int strideW, int padH, int padW, double scale) {
        for (int ch = 0; ch < c; ch++) {
            int xBase = xOff + ch * inH * inW;
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    double s = 0.0;
                    for (int ky = 0; ky < kH; ky++) {
                        int iy = oy * strideH - padH + ky;
                        if (iy < 0 || iy >= inH) continue;
                        for (int kx = 0; kx < kW; kx++) {
                            int ix = ox * strideW - padW + kx;
                            if (ix >= 0 && ix < inW) s += x[xBase + iy * inW + ix];
                        }
                    }
                    y[yOff + (ch * outH + oy) * outW + ox] = s * scale;
                }
            }
        }
    }
}
