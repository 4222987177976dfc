package org.spikeforge.encoders.decoders;

import org.spikeforge.encoders.Decoder;
import org.spikeforge.encoders.NdArray;

/**
 * Spike-count readout: the number of spikes of each channel within a window of steps. Input: a
 * raster {@code (steps, shape...)} of counts (or ±1 of a bipolar code, counted by magnitude);
 * output: counts {@code (shape...)}. The class with the most spikes is the usual decision.
 */
public record SpikeCount(Window window) implements Decoder {

    @Override
    public NdArray decode(NdArray raster) {
        Window.requireSeries("count", raster);
        int end = window.end("count", raster.dim(0));
        int n = raster.sliceSize();
        double[] d = raster.data();
        double[] out = new double[n];
        for (int s = window.from(); s < end; s++) {
            for (int c = 0; c < n; c++) out[c] += Math.abs(d[s * n + c]);
        }
        return new NdArray(out, raster.sliceShape());
    }
}
