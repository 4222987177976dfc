package org.spikeforge.encoders.decoders;

import org.spikeforge.encoders.Checks;
import org.spikeforge.encoders.Decoder;
import org.spikeforge.encoders.NdArray;

/**
 * Firing-rate readout: spikes in a window divided by its duration,
 * {@code r = count / ((to − from) · dt)}, in Hz. Input: raster {@code (steps, shape...)}; output
 * rates {@code (shape...)}.
 */
public record RateReadout(Window window, double dtMs) implements Decoder {

    public RateReadout {
        Checks.positive("dt", dtMs, "ms");
    }

    @Override
    public NdArray decode(NdArray raster) {
        Window.requireSeries("rate", raster);
        int end = window.end("rate", raster.dim(0));
        if (end == window.from()) throw new IllegalArgumentException("rate: the window [" + window.from() + ", " + end + ") is empty");
        NdArray counts = new SpikeCount(window).decode(raster);
        double seconds = (end - window.from()) * dtMs * 1e-3;
        double[] c = counts.data();
        for (int i = 0; i < c.length; i++) c[i] /= seconds;
        return counts;
    }
}
