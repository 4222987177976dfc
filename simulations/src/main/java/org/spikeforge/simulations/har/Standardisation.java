package org.spikeforge.simulations.har;

import java.util.Arrays;

/**
 * Per-channel standardisation with training statistics: {@code x' = float32((x − mean)/std)},
 * computed in double and rounded once to float32, as the reference LMU received its input.
 * {@link #fit} takes the mean and the population standard deviation (ddof = 0) over every sample
 * of every window, so samples shared by overlapping windows count once per window.
 *
 * @param mean per-channel mean
 * @param std  per-channel standard deviation (&gt; 0)
 */
public record Standardisation(double[] mean, double[] std) {

    public Standardisation {
        if (mean.length != std.length) throw new IllegalArgumentException(mean.length + " means for " + std.length + " standard deviations");
        for (int c = 0; c < std.length; c++) {
            if (!(std[c] > 0) || !Double.isFinite(std[c]) || !Double.isFinite(mean[c])) {
                throw new IllegalArgumentException("channel " + c + ": standard deviation must be finite and > 0 (a constant channel cannot be standardised), was " + std[c]);
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    /** Mean and std (ddof = 0) of every channel over all samples of {@code train} (compensated sums). */
    public static Standardisation fit(HarWindows train) {
        int nc = train.channelCount();
        long n = (long) train.size() * train.length();
        if (n == 0) throw new IllegalArgumentException("cannot standardise with no training windows");
        float[] x = train.values();
        double[] mean = new double[nc], std = new double[nc];
        for (int c = 0; c < nc; c++) {
            double s = 0, comp = 0;
            for (long i = c; i < x.length; i += nc) { // Neumaier summation
                double v = x[(int) i], t = s + v;
                comp += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
                s = t;
            }
            mean[c] = (s + comp) / n;
            s = 0;
            comp = 0;
            for (long i = c; i < x.length; i += nc) {
                double d = x[(int) i] - mean[c], v = d * d, t = s + v;
                comp += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
                s = t;
            }
            std[c] = Math.sqrt((s + comp) / n);
        }
        return new Standardisation(mean, std);
    }

    /** {@code w} standardised. */
    public HarWindows apply(HarWindows w) {
        if (w.channelCount() != mean.length) {
            throw new IllegalArgumentException("standardisation has " + mean.length + " channels, windows have " + w.channelCount());
        }
        int nc = mean.length;
        float[] x = w.values(), out = new float[x.length];
        for (int i = 0; i < x.length; i++) out[i] = (float) ((x[i] - mean[i % nc]) / std[i % nc]);
        return w.withValues(out);
    }

    @Override
    public String toString() {
        return "Standardisation(mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std) + ")";
    }
}
