package org.spikeforge.encoders.signal;

import org.spikeforge.encoders.Checks;
import org.spikeforge.encoders.NdArray;

/** Shared pieces of the signal codes: series layout and the reconstruction of bipolar codes. */
final class SignalCodes {
    private SignalCodes() {}

    /** Sample period in ms of a series sampled at {@code rateHz}. */
    static double periodMs(double rateHz) {
        return 1e3 / rateHz;
    }

    /**
     * Integrates a signed raster {@code (T, shape...)}: {@code x̂[t] = x̂[t−1] + step · s[t]}, with
     * {@code x̂[−1] = initial[c]} (one value per channel, or a single value for all).
     */
    static NdArray integrate(String code, NdArray raster, double step, double[] initial) {
        Checks.series(code + " decoder", raster);
        int steps = raster.dim(0);
        int n = raster.sliceSize();
        if (initial.length != 1 && initial.length != n) {
            throw new IllegalArgumentException(code + " decoder: " + initial.length + " initial values for " + n + " channels (give one, or one per channel)");
        }
        double[] d = raster.data();
        double[] out = new double[d.length];
        for (int c = 0; c < n; c++) {
            double v = initial.length == 1 ? initial[0] : initial[c];
            for (int s = 0; s < steps; s++) {
                v += step * d[s * n + c];
                out[s * n + c] = v;
            }
        }
        return new NdArray(out, raster.shape());
    }
}
