package org.spikeforge.neurons.nir;

import org.spikeforge.neurons.NeuronKernel;

/**
 * The reference kernels of the NIR neurons. Per-neuron arrays have either one entry per neuron or
 * one shared entry ({@code stride} 0). The input of a step is the ring slot plus the injected
 * current, {@code x = ring + iExt}. The arithmetic is that of the NIR reference executor's step,
 * operation for operation.
 */
final class NirSteps {
    private NirSteps() {}

    static NeuronKernel spiking(NirCoefficients c, double[] vLeak, double[] vTh, double[] vReset, boolean subtract,
                                boolean delayed, String kind) {
        final int m = c.aM().length;
        final int stride = m == 1 ? 0 : 1;
        final double[] aM = c.aM(), kX = c.kX(), kI = c.kI(), aS = c.aS(), gS = c.gS();
        final double[] cMvL = c.leakTerm(vLeak), jump = new double[m];
        for (int k = 0; k < m; k++) jump[k] = vTh[k] - vReset[k];
        final double[] th = vTh.clone(), to0 = vReset.clone();
        final boolean cuba = kI != null;
        return (s, slot, from, to, spikes, count) -> {
            if (stride == 1 && to > m) throw tooMany(kind, m, s.size);
            final double[] v = s.vars[0];
            final double[] cur = cuba ? s.vars[1] : null;
            final double[] spk = s.vars[cuba ? 2 : 1];
            final double[] in = s.ring[0];
            final double[] iExt = s.iExt;
            for (int i = from; i < to; i++) {
                final int k = i * stride;
                final double x = in[slot + i] + iExt[i];
                in[slot + i] = 0.0;
                final boolean reset = spk[i] != 0.0;
                double vi = v[i];
                if (reset && !delayed) vi = subtract ? vi - jump[k] : to0[k];
                double vn = aM[k] * vi + cMvL[k] + kX[k] * x;
                if (cuba) {
                    final double old = cur[i];
                    vn += kI[k] * old;
                    cur[i] = aS[k] * old + gS[k] * x;
                }
                if (reset && delayed) vn = subtract ? vn - jump[k] : to0[k];
                v[i] = vn;
                if (vn > th[k]) {
                    spk[i] = 1.0;
                    spikes[count++] = i;
                } else {
                    spk[i] = 0.0;
                }
            }
            return count;
        };
    }

    static NeuronKernel leaky(NirCoefficients c, double[] vLeak, String kind) {
        final int m = c.aM().length;
        final int stride = m == 1 ? 0 : 1;
        final double[] aM = c.aM(), kX = c.kX(), kI = c.kI(), aS = c.aS(), gS = c.gS();
        final double[] cMvL = c.leakTerm(vLeak);
        final boolean cuba = kI != null;
        return (s, slot, from, to, spikes, count) -> {
            if (stride == 1 && to > m) throw tooMany(kind, m, s.size);
            final double[] v = s.vars[0];
            final double[] cur = cuba ? s.vars[1] : null;
            final double[] in = s.ring[0];
            final double[] iExt = s.iExt;
            for (int i = from; i < to; i++) {
                final int k = i * stride;
                final double x = in[slot + i] + iExt[i];
                in[slot + i] = 0.0;
                double vn = aM[k] * v[i] + cMvL[k] + kX[k] * x;
                if (cuba) {
                    final double old = cur[i];
                    vn += kI[k] * old;
                    cur[i] = aS[k] * old + gS[k] * x;
                }
                v[i] = vn;
            }
            return count;
        };
    }

    private static IllegalStateException tooMany(String kind, int parameters, int size) {
        return new IllegalStateException(kind + ": the model has parameters for " + parameters
                + " neurons but runs a population of " + size);
    }
}
