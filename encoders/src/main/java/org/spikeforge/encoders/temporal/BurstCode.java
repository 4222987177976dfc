package org.spikeforge.encoders.temporal;

import org.spikeforge.encoders.Checks;
import org.spikeforge.encoders.Encoder;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.SpikeTrain;

/**
 * Burst code (Park, Kim, Na and Yoon, "Fast and efficient information transmission with burst
 * spikes in deep spiking neural networks", DAC 2019): a feature {@code x ∈ [0, 1]} fires a burst of
 * {@code N = ⌈N_max · x⌉} spikes whose inter-spike interval shrinks as {@code x} grows,
 * {@code ISI = ⌈isi_max − (isi_max − isi_min) · x⌉} steps; the burst starts at step 0 and its spikes
 * fall at steps {@code 0, ISI, 2·ISI, …, (N − 1)·ISI}. Both the count and the interval carry the
 * value, so {@link #decode} recovers it to within half the width of the interval of values that
 * give the same (count, ISI) pair. ({@code ⌈·⌉} forgives 1e-9 of rounding in {@code N_max · x}.)
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>num_steps</td><td>steps</td><td>100</td><td>length of the train</td></tr>
 *   <tr><td>max_spikes</td><td>1</td><td>5</td><td>{@code N_max}, spikes of a burst at x = 1</td></tr>
 *   <tr><td>isi_min</td><td>steps</td><td>2</td><td>interval at x = 1</td></tr>
 *   <tr><td>isi_max</td><td>steps</td><td>20</td><td>interval as x approaches 0</td></tr>
 *   <tr><td>dt</td><td>ms</td><td>1</td><td>step length</td></tr>
 * </table>
 *
 * The constructor rejects a {@code num_steps} too short for the longest possible burst.
 */
public record BurstCode(int numSteps, int maxSpikes, int isiMin, int isiMax, double dtMs) implements Encoder {

    public BurstCode {
        Checks.atLeast("num_steps", numSteps, 1);
        Checks.atLeast("max_spikes", maxSpikes, 1);
        Checks.atLeast("isi_min", isiMin, 1);
        if (isiMax < isiMin) throw new IllegalArgumentException("isi_max (" + isiMax + ") must be >= isi_min (" + isiMin + ")");
        Checks.positive("dt", dtMs, "ms");
        int last = longestBurst(maxSpikes, isiMin, isiMax);
        if (last > numSteps - 1) {
            throw new IllegalArgumentException("num_steps = " + numSteps + " is too small for bursts of up to " + maxSpikes
                    + " spikes with isi_max " + isiMax + ": the latest spike falls at step " + last + "; use num_steps >= " + (last + 1));
        }
    }

    /** Last spike step over all x in [0, 1]: for N spikes the interval is longest just above x = (N − 1)/N_max. */
    private static int longestBurst(int nMax, int isiMin, int isiMax) {
        int last = 0;
        for (int n = 2; n <= nMax; n++) {
            double x = Math.nextUp((n - 1) / (double) nMax);
            last = Math.max(last, (n - 1) * isi(x, isiMin, isiMax));
        }
        return last;
    }

    public int spikesFor(double x) {
        return (int) Math.ceil(maxSpikes * x - 1e-9);
    }

    public int isiFor(double x) {
        return isi(x, isiMin, isiMax);
    }

    private static int isi(double x, int isiMin, int isiMax) {
        return (int) Math.ceil(isiMax - (isiMax - isiMin) * x - 1e-9);
    }

    @Override
    public SpikeTrain encode(NdArray input) {
        Checks.valuesIn("burst", input, 0, 1);
        double[] x = input.data();
        SpikeTrain.Builder b = new SpikeTrain.Builder(input.shape(), false, numSteps, dtMs);
        for (int c = 0; c < x.length; c++) {
            int n = spikesFor(x[c]);
            int isi = isiFor(x[c]);
            for (int k = 0; k < n; k++) b.add(k * isi, c);
        }
        return b.build();
    }

    /**
     * Decodes a raster {@code (steps, shape...)} to values {@code (shape...)}: the midpoint of the
     * values consistent with each channel's spike count and (for two spikes or more) its first
     * interval. A silent channel decodes to 0.
     */
    public NdArray decode(NdArray raster) {
        Checks.series("burst decoder", raster);
        int steps = raster.dim(0);
        int n = raster.sliceSize();
        double[] d = raster.data();
        double[] out = new double[n];
        for (int c = 0; c < n; c++) {
            int count = 0, first = -1, second = -1;
            for (int s = 0; s < steps; s++) {
                if (d[s * n + c] == 0) continue;
                count++;
                if (first < 0) first = s;
                else if (second < 0) second = s;
            }
            if (count == 0) continue;
            double lo = (count - 1) / (double) maxSpikes, hi = Math.min(1, count / (double) maxSpikes);
            if (count >= 2 && isiMax > isiMin) {
                int isi = second - first;
                double span = isiMax - isiMin; // ceil(isi_max − span·x) = isi  ⇔  x ∈ [(isi_max − isi)/span, (isi_max − isi + 1)/span)
                lo = Math.max(lo, (isiMax - isi) / span);
                hi = Math.min(hi, (isiMax - isi + 1) / span);
            }
            out[c] = 0.5 * (lo + hi);
        }
        return new NdArray(out, raster.sliceShape());
    }
}
