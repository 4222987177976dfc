package org.spikeforge.encoders.signal;

import org.spikeforge.encoders.Checks;
import org.spikeforge.encoders.Encoder;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.SpikeTrain;

/**
 * Ben's Spiker Algorithm (Schrauwen and Van Campenhout, "BSA, a fast and accurate spike train
 * encoding scheme", IJCNN 2003): the decoder is a fixed FIR filter {@code h} of length {@code M},
 * {@code x̂ = s ∗ h}; the encoder is the greedy inverse. Walking through the residual
 * {@code r} (initially {@code x}), it fires at {@code t} when subtracting the filter there lowers the
 * error by more than the threshold θ:
 *
 * <pre>  Σ_k |r[t+k] − h[k]|  ≤  Σ_k |r[t+k]| − θ      (k = 0 … M−1, t+k &lt; T)</pre>
 *
 * and then sets {@code r[t+k] −= h[k]}. The code is unipolar: inputs must be ≥ 0, and the largest
 * value it can follow is the filter's sum {@code Σh} (a spike in every sample). A threshold just
 * below {@code Σh} works best: with θ = 0 the L1 rule also fires for residuals smaller than the
 * filter and overshoots; with θ = 0.9 Σh it fires only when the residual covers most of the filter.
 * The first and last {@code M} samples are reconstructed poorly, since the filter's support is cut
 * there (a centred filter would need spikes before the signal starts).
 *
 * <p>The filter is a sampled Gaussian window scaled to a given sum ({@code Σh = 1}: unity DC gain,
 * so a spike density {@code x} per sample reconstructs the value {@code x}),
 * {@code h[k] ∝ exp(−(k − (M−1)/2)² / (2σ²))}.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>filter_length</td><td>samples</td><td>24</td><td>{@code M}</td></tr>
 *   <tr><td>filter_sigma</td><td>samples</td><td>4</td><td>width σ of the Gaussian window</td></tr>
 *   <tr><td>filter_gain</td><td>input units</td><td>1</td><td>{@code Σh}, the largest value the code can follow</td></tr>
 *   <tr><td>threshold</td><td>input units</td><td>0.9</td><td>θ >= 0, error reduction a spike must buy</td></tr>
 *   <tr><td>sample_rate</td><td>Hz</td><td>1000</td><td>samples per second of the input</td></tr>
 * </table>
 *
 * @param filter the FIR filter {@code h}, {@code h[k] >= 0}
 */
public record BsaCode(double[] filter, double threshold, double sampleRateHz) implements Encoder {

    public BsaCode {
        if (filter.length == 0) throw new IllegalArgumentException("filter_length must be >= 1, was 0");
        filter = filter.clone();
        double sum = 0;
        for (double h : filter) {
            if (!(h >= 0) || !Double.isFinite(h)) throw new IllegalArgumentException("BSA filter taps must be finite and >= 0, found " + h);
            sum += h;
        }
        if (sum == 0) throw new IllegalArgumentException("BSA filter is all zeros");
        Checks.nonNegative("threshold", threshold, "");
        Checks.positive("sample_rate", sampleRateHz, "Hz");
    }

    /** A Gaussian-window filter of {@code length} taps and width {@code sigma} samples, scaled so its taps sum to {@code gain}. */
    public static double[] gaussianFilter(int length, double sigma, double gain) {
        Checks.atLeast("filter_length", length, 1);
        Checks.positive("filter_sigma", sigma, "samples");
        Checks.positive("filter_gain", gain, "");
        double[] h = new double[length];
        double mid = (length - 1) / 2.0, sum = 0;
        for (int k = 0; k < length; k++) sum += h[k] = Math.exp(-(k - mid) * (k - mid) / (2 * sigma * sigma));
        for (int k = 0; k < length; k++) h[k] *= gain / sum;
        return h;
    }

    @Override
    public double[] filter() {
        return filter.clone();
    }

    @Override
    public SpikeTrain encode(NdArray series) {
        Checks.series("bsa", series);
        int steps = series.dim(0);
        int n = series.sliceSize();
        double[] x = series.data();
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= 0) || !Double.isFinite(x[i])) {
                throw new IllegalArgumentException("bsa input must be finite and >= 0 (a unipolar code; shift or scale the signal), found "
                        + x[i] + " at sample " + i / Math.max(1, n) + ", channel " + i % Math.max(1, n));
            }
        }
        SpikeTrain.Builder b = new SpikeTrain.Builder(series.sliceShape(), false, steps, SignalCodes.periodMs(sampleRateHz));
        double[] r = new double[steps];
        int m = filter.length;
        for (int c = 0; c < n; c++) {
            for (int s = 0; s < steps; s++) r[s] = x[s * n + c];
            for (int t = 0; t < steps; t++) {
                int len = Math.min(m, steps - t);
                double withSpike = 0, without = 0;
                for (int k = 0; k < len; k++) {
                    withSpike += Math.abs(r[t + k] - filter[k]);
                    without += Math.abs(r[t + k]);
                }
                if (withSpike <= without - threshold) {
                    b.add(t, c);
                    for (int k = 0; k < len; k++) r[t + k] -= filter[k];
                }
            }
        }
        return b.build();
    }

    /** Reconstructs the series from a raster {@code (T, shape...)}: {@code x̂[t] = Σ_k s[t−k] · h[k]}. */
    public NdArray decode(NdArray raster) {
        Checks.series("bsa decoder", raster);
        int steps = raster.dim(0);
        int n = raster.sliceSize();
        double[] d = raster.data();
        double[] out = new double[d.length];
        for (int s = 0; s < steps; s++) {
            for (int c = 0; c < n; c++) {
                double v = d[s * n + c];
                if (v == 0) continue;
                for (int k = 0; k < filter.length && s + k < steps; k++) out[(s + k) * n + c] += v * filter[k];
            }
        }
        return new NdArray(out, raster.shape());
    }
}
