package org.spikeforge.encoders.decoders;

import org.spikeforge.encoders.Checks;
import org.spikeforge.encoders.Decoder;
import org.spikeforge.encoders.NdArray;

/**
 * First-spike-time readout (time-to-first-spike decisions): the time in ms of each channel's first
 * non-zero step, {@code step · dt}, or NaN for a channel that never spikes. Input: raster
 * {@code (steps, shape...)}; output {@code (shape...)}.
 */
public record FirstSpike(double dtMs) implements Decoder {

    public FirstSpike {
        Checks.positive("dt", dtMs, "ms");
    }

    @Override
    public NdArray decode(NdArray raster) {
        Window.requireSeries("first_spike", raster);
        int steps = raster.dim(0);
        int n = raster.sliceSize();
        double[] d = raster.data();
        double[] out = new double[n];
        java.util.Arrays.fill(out, Double.NaN);
        int left = n;
        for (int s = 0; s < steps && left > 0; s++) {
            for (int c = 0; c < n; c++) {
                if (d[s * n + c] != 0 && Double.isNaN(out[c])) {
                    out[c] = s * dtMs;
                    left--;
                }
            }
        }
        return new NdArray(out, raster.sliceShape());
    }
}
