package org.spikeforge.encoders.rate;

import org.spikeforge.encoders.Checks;
import org.spikeforge.encoders.Encoder;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.SpikeTrain;

/**
 * Regular (deterministic) rate code: a feature of rate {@code r = gain · x + offset} spikes at the
 * exact times {@code t_k = (k + phase) / r}, {@code k = 0, 1, ...}, while {@code t_k < num_steps · dt}.
 * The inter-spike interval is exactly {@code 1/r}; a rate of 0 gives no spikes.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>gain</td><td>Hz</td><td>100</td><td>rate per unit of input</td></tr>
 *   <tr><td>offset</td><td>Hz</td><td>0</td><td>rate at input 0</td></tr>
 *   <tr><td>num_steps</td><td>steps</td><td>100</td><td>length of the train</td></tr>
 *   <tr><td>dt</td><td>ms</td><td>1</td><td>step length</td></tr>
 *   <tr><td>phase</td><td>1</td><td>0</td><td>first spike at {@code phase / r}, in [0, 1)</td></tr>
 * </table>
 */
public record RegularCode(double gainHz, double offsetHz, int numSteps, double dtMs, double phase) implements Encoder {

    public RegularCode {
        Checks.finite("gain", gainHz);
        Checks.finite("offset", offsetHz);
        Checks.atLeast("num_steps", numSteps, 1);
        Checks.positive("dt", dtMs, "ms");
        if (!(phase >= 0 && phase < 1)) throw new IllegalArgumentException("phase must be in [0, 1), was " + phase);
    }

    @Override
    public SpikeTrain encode(NdArray input) {
        double[] x = input.data();
        double durationMs = numSteps * dtMs;
        SpikeTrain.Builder b = new SpikeTrain.Builder(input.shape(), false, numSteps, dtMs);
        for (int c = 0; c < x.length; c++) {
            double r = RateMap.rateHz("regular", gainHz, offsetHz, x[c], c);
            if (r == 0) continue;
            double isi = 1e3 / r;
            for (long k = 0; ; k++) {
                double t = (k + phase) * isi; // multiply, not accumulate, so times do not drift
                if (t >= durationMs) break;
                b.addAt(t, c);
            }
        }
        return b.build();
    }
}
