package org.spikeforge.encoders.signal;

import org.spikeforge.encoders.Checks;
import org.spikeforge.encoders.Encoder;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.SpikeTrain;

/**
 * Threshold-based step-forward code (Petro, Kasabov and Kiss, "Selection and optimization of
 * temporal spike encoding methods for spiking neural networks", IEEE TNNLS 31, 2020): a baseline
 * starts at the first sample, {@code b = x[0]}; for {@code t ≥ 1}, if {@code x[t] > b + θ} an on
 * spike is sent and {@code b += θ}; if {@code x[t] < b − θ} an off spike is sent and
 * {@code b −= θ}. The decoder rebuilds the baseline, {@code x̂[t] = x[0] + θ · Σ s}, so it needs
 * the first sample ({@link #initialValues}). While the signal moves by at most θ per sample,
 * {@code |x[t] − x̂[t]| ≤ θ} at every sample.
 *
 * <p>Output: a bipolar {@link SpikeTrain} over the samples (on, then off channels; ±1 as an array).
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>threshold</td><td>input units</td><td>0.1</td><td>θ > 0</td></tr>
 *   <tr><td>sample_rate</td><td>Hz</td><td>1000</td><td>samples per second of the input</td></tr>
 * </table>
 */
public record StepForwardCode(double threshold, double sampleRateHz) implements Encoder {

    public StepForwardCode {
        Checks.positive("threshold", threshold, "");
        Checks.positive("sample_rate", sampleRateHz, "Hz");
    }

    @Override
    public SpikeTrain encode(NdArray series) {
        Checks.series("step_forward", series);
        Checks.finiteValues("step_forward", series);
        int steps = series.dim(0);
        int n = series.sliceSize();
        double[] x = series.data();
        SpikeTrain.Builder b = new SpikeTrain.Builder(series.sliceShape(), true, steps, SignalCodes.periodMs(sampleRateHz));
        for (int c = 0; c < n && steps > 0; c++) {
            double base = x[c];
            for (int s = 1; s < steps; s++) {
                double v = x[s * n + c];
                if (v > base + threshold) {
                    b.add(s, c);
                    base += threshold;
                } else if (v < base - threshold) {
                    b.add(s, c + n);
                    base -= threshold;
                }
            }
        }
        return b.build();
    }

    /** The first sample of each channel, which the decoder starts from. */
    public static double[] initialValues(NdArray series) {
        Checks.series("step_forward", series);
        if (series.dim(0) == 0) throw new IllegalArgumentException("step_forward: the series has no samples");
        double[] first = new double[series.sliceSize()];
        System.arraycopy(series.data(), 0, first, 0, first.length);
        return first;
    }

    /** Reconstructs the series from a signed raster {@code (T, shape...)}, starting at {@code initial}. */
    public NdArray decode(NdArray raster, double... initial) {
        return SignalCodes.integrate("step_forward", raster, threshold, initial.length == 0 ? new double[] {0} : initial);
    }
}
