package org.spikeforge.encoders.temporal;

import org.spikeforge.encoders.Checks;
import org.spikeforge.encoders.Encoder;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.SpikeTrain;

/**
 * Phase code (Kim, Park, Na and Yoon, "Deep neural networks with weighted spikes",
 * Neurocomputing 311, 2018): time is divided into periods of {@code K} steps, and the step at phase
 * {@code k} of a period carries the weight {@code 2^{−(k+1)}}. A feature {@code x ∈ [0, 1]} is
 * quantised to {@code q = min(⌊x · 2^K⌋, 2^K − 1)} and spikes at phase {@code k} when bit
 * {@code K−1−k} of {@code q} is set (most significant bit first), in every period. The weighted sum
 * over one period is {@code q / 2^K}, within {@code 2^{−K}} below {@code x}.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>bits</td><td>steps</td><td>8</td><td>{@code K}, phases per period (1 to 30)</td></tr>
 *   <tr><td>num_steps</td><td>steps</td><td>8</td><td>length of the train, at least one period</td></tr>
 *   <tr><td>dt</td><td>ms</td><td>1</td><td>step length</td></tr>
 * </table>
 */
public record PhaseCode(int bits, int numSteps, double dtMs) implements Encoder {

    public PhaseCode {
        if (bits < 1 || bits > 30) throw new IllegalArgumentException("bits must be in [1, 30], was " + bits);
        if (numSteps < bits) {
            throw new IllegalArgumentException("num_steps = " + numSteps + " is too small for a phase code of " + bits
                    + " bits: it needs at least one full period, num_steps >= " + bits);
        }
        Checks.positive("dt", dtMs, "ms");
    }

    /** Weight of a spike at {@code step}: {@code 2^{−(1 + step mod K)}}. */
    public double weight(int step) {
        return Math.scalb(1.0, -(1 + step % bits));
    }

    @Override
    public SpikeTrain encode(NdArray input) {
        Checks.valuesIn("phase", input, 0, 1);
        double[] x = input.data();
        int levels = 1 << bits;
        SpikeTrain.Builder b = new SpikeTrain.Builder(input.shape(), false, numSteps, dtMs);
        for (int s = 0; s < numSteps; s++) {
            int bit = bits - 1 - s % bits;
            for (int c = 0; c < x.length; c++) {
                int q = (int) Math.min(Math.floor(x[c] * levels), levels - 1);
                if ((q >>> bit & 1) != 0) b.add(s, c);
            }
        }
        return b.build();
    }

    /**
     * Decodes a raster {@code (steps, shape...)} to values {@code (shape...)}: the weighted spike sum
     * over the complete periods, divided by their number.
     */
    public NdArray decode(NdArray raster) {
        Checks.series("phase decoder", raster);
        int periods = raster.dim(0) / bits;
        if (periods == 0) throw new IllegalArgumentException("phase decoder: the raster has " + raster.dim(0) + " steps, less than one period of " + bits);
        int n = raster.sliceSize();
        double[] d = raster.data();
        double[] out = new double[n];
        for (int s = 0; s < periods * bits; s++) {
            double w = weight(s);
            for (int c = 0; c < n; c++) if (d[s * n + c] != 0) out[c] += w;
        }
        for (int c = 0; c < n; c++) out[c] /= periods;
        return new NdArray(out, raster.sliceShape());
    }
}
