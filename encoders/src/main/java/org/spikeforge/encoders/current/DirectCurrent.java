package org.spikeforge.encoders.current;

import org.spikeforge.encoders.Checks;
import org.spikeforge.encoders.CurrentRaster;
import org.spikeforge.encoders.Encoder;
import org.spikeforge.encoders.NdArray;

/**
 * Direct current injection ("encoding-free" input, as the input layer of L2MU and of most
 * surrogate-gradient networks): each feature value becomes the current
 * {@code I = gain · x + offset} pA into its neuron, no spikes involved.
 *
 * <ul>
 *   <li>{@code sample_rate = 0}: the input has no time axis; each value is held for {@code num_steps}
 *       steps (an image presented for a fixed time).</li>
 *   <li>{@code sample_rate > 0}: the input is a series {@code (T, shape...)} sampled at that rate;
 *       step {@code s} (starting at {@code s · dt}) carries sample {@code ⌊s · dt · rate / 1000⌋}
 *       (zero-order hold), and 0 pA once the series has ended. {@code num_steps = 0} takes the
 *       series' own duration, {@code ⌈T · 1000 / (rate · dt)⌉} steps.</li>
 * </ul>
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>gain</td><td>pA</td><td>1</td><td>current per unit of input</td></tr>
 *   <tr><td>offset</td><td>pA</td><td>0</td><td>current at input 0</td></tr>
 *   <tr><td>num_steps</td><td>steps</td><td>100</td><td>length; 0 with a series: its duration</td></tr>
 *   <tr><td>dt</td><td>ms</td><td>1</td><td>step length</td></tr>
 *   <tr><td>sample_rate</td><td>Hz</td><td>0</td><td>0: static input; else the series' sample rate</td></tr>
 * </table>
 *
 * Output: a {@link CurrentRaster} {@code (num_steps, shape...)}; engine sources via
 * {@link CurrentRaster#toCurrentSources()}.
 */
public record DirectCurrent(double gainPa, double offsetPa, int numSteps, double dtMs, double sampleRateHz) implements Encoder {

    public DirectCurrent {
        Checks.finite("gain", gainPa);
        Checks.finite("offset", offsetPa);
        Checks.atLeast("num_steps", numSteps, 0);
        if (numSteps == 0 && sampleRateHz == 0) throw new IllegalArgumentException("num_steps must be >= 1 for a static input (sample_rate = 0)");
        Checks.positive("dt", dtMs, "ms");
        Checks.nonNegative("sample_rate", sampleRateHz, "Hz");
    }

    @Override
    public CurrentRaster encode(NdArray input) {
        Checks.finiteValues("current", input);
        double[] x = input.data();
        if (sampleRateHz == 0) {
            int n = x.length;
            double[] pA = new double[Math.multiplyExact(numSteps, n)];
            for (int s = 0; s < numSteps; s++) {
                for (int c = 0; c < n; c++) pA[s * n + c] = gainPa * x[c] + offsetPa;
            }
            return new CurrentRaster(input.shape(), numSteps, dtMs, pA);
        }
        Checks.series("current (with sample_rate)", input);
        int samples = input.dim(0);
        int n = input.sliceSize();
        double samplesPerStep = dtMs * sampleRateHz * 1e-3;
        int steps = numSteps > 0 ? numSteps : (int) Math.ceil(samples / samplesPerStep - 1e-9);
        double[] pA = new double[Math.multiplyExact(steps, n)];
        for (int s = 0; s < steps; s++) {
            long k = (long) Math.floor(s * samplesPerStep + 1e-9);
            if (k >= samples) break;
            for (int c = 0; c < n; c++) pA[s * n + c] = gainPa * x[(int) k * n + c] + offsetPa;
        }
        return new CurrentRaster(input.sliceShape(), steps, dtMs, pA);
    }
}
