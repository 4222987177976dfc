package org.spikeforge.encoders.signal;

import org.spikeforge.encoders.Checks;
import org.spikeforge.encoders.Encoder;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.SpikeTrain;

/**
 * Delta (send-on-delta) code of a time series {@code x[t]}, one sample per step: an on spike when
 * the signal has risen by the threshold θ, an off spike (with {@code off_spike}) when it has fallen
 * by θ. Two references are offered:
 *
 * <ul>
 *   <li>{@code reference = previous} (default), snnTorch's {@code spikegen.delta}: compare with the
 *       previous sample, {@code d[t] = x[t] − x[t−1]}; on if {@code d ≥ θ}, off if {@code d ≤ −θ}.
 *       {@code x[−1]} is 0, or {@code x[0]} with {@code padding}. Evaluated in float32 as PyTorch
 *       does, so that the spikes equal snnTorch's. This is a change detector: slow drifts below θ
 *       per sample are never reported.</li>
 *   <li>{@code reference = reconstruction}: compare with the receiver's running reconstruction
 *       {@code r}, which moves by ±θ with each spike (Miskowicz 2006). Starting from
 *       {@code r = x[−1]}, and while the signal changes by at most θ per sample, the
 *       reconstruction error stays below θ at every sample.</li>
 * </ul>
 *
 * <p>Output: a {@link SpikeTrain} over the series' samples ({@code dt} = sample period), bipolar
 * (on, then off channels; ±1 as an array) when {@code off_spike} is set. {@link #decode} integrates
 * the spikes, {@code x̂[t] = x̂[t−1] + θ · s[t]}.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>threshold</td><td>input units</td><td>0.1</td><td>θ > 0</td></tr>
 *   <tr><td>padding</td><td></td><td>false</td><td>{@code x[−1] = x[0]} instead of 0</td></tr>
 *   <tr><td>off_spike</td><td></td><td>false</td><td>emit off spikes for falls</td></tr>
 *   <tr><td>reference</td><td></td><td>previous</td><td>previous | reconstruction</td></tr>
 *   <tr><td>sample_rate</td><td>Hz</td><td>1000</td><td>samples per second of the input</td></tr>
 * </table>
 */
public record DeltaCode(double threshold, boolean padding, boolean offSpike, Reference reference, double sampleRateHz)
        implements Encoder {

    /** What a sample is compared with. */
    public enum Reference { PREVIOUS, RECONSTRUCTION }

    public DeltaCode {
        Checks.positive("threshold", threshold, "");
        Checks.positive("sample_rate", sampleRateHz, "Hz");
    }

    /** snnTorch's {@code spikegen.delta(threshold, padding, off_spike)}, at 1 kHz. */
    public static DeltaCode snntorch(double threshold, boolean padding, boolean offSpike) {
        return new DeltaCode(threshold, padding, offSpike, Reference.PREVIOUS, 1000);
    }

    @Override
    public SpikeTrain encode(NdArray series) {
        Checks.series("delta", series);
        Checks.finiteValues("delta", series);
        int steps = series.dim(0);
        int n = series.sliceSize();
        double[] x = series.data();
        SpikeTrain.Builder b = new SpikeTrain.Builder(series.sliceShape(), offSpike, steps, SignalCodes.periodMs(sampleRateHz));
        if (reference == Reference.PREVIOUS) {
            float thr = (float) threshold;
            for (int s = 0; s < steps; s++) {
                for (int c = 0; c < n; c++) {
                    float prev = s > 0 ? (float) x[(s - 1) * n + c] : padding && steps > 0 ? (float) x[c] : 0f;
                    float d = (float) x[s * n + c] - prev;
                    if (d >= thr) b.add(s, c);
                    else if (offSpike && d <= -thr) b.add(s, c + n);
                }
            }
        } else {
            for (int c = 0; c < n; c++) {
                double r = padding && steps > 0 ? x[c] : 0;
                for (int s = 0; s < steps; s++) {
                    double d = x[s * n + c] - r;
                    if (d >= threshold) {
                        b.add(s, c);
                        r += threshold;
                    } else if (offSpike && d <= -threshold) {
                        b.add(s, c + n);
                        r -= threshold;
                    }
                }
            }
        }
        return b.build();
    }

    /**
     * Reconstructs the series from a signed raster {@code (T, shape...)} (+1 on, −1 off):
     * {@code x̂[t] = x̂[t−1] + θ · s[t]}, {@code x̂[−1] = initial} (0 without padding; the first
     * sample with padding). Exact for the reconstruction reference; for the snnTorch reference it
     * assumes each change was exactly ±θ.
     */
    public NdArray decode(NdArray raster, double... initial) {
        return SignalCodes.integrate("delta", raster, threshold, initial.length == 0 ? new double[] {0} : initial);
    }
}
