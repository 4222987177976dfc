package org.spikeforge.encoders.decoders;

import java.util.Locale;
import org.spikeforge.encoders.Decoder;
import org.spikeforge.encoders.NdArray;

/**
 * Membrane-potential readout of non-spiking (or spiking) output neurons, the common readout of
 * surrogate-gradient networks: over a window of a recorded trace {@code (steps, shape...)} take,
 * per neuron, the maximum, the mean or the last value. Output {@code (shape...)} in the trace's unit.
 */
public record MembraneReadout(Mode mode, Window window) implements Decoder {

    /** How the trace is reduced. */
    public enum Mode {
        MAX, MEAN, LAST;

        public static Mode parse(String s) {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        }
    }

    @Override
    public NdArray decode(NdArray trace) {
        Window.requireSeries("membrane", trace);
        int end = window.end("membrane", trace.dim(0));
        int from = window.from();
        if (end == from) throw new IllegalArgumentException("membrane: the window [" + from + ", " + end + ") is empty");
        int n = trace.sliceSize();
        double[] d = trace.data();
        double[] out = new double[n];
        switch (mode) {
            case LAST -> System.arraycopy(d, (end - 1) * n, out, 0, n);
            case MAX -> {
                java.util.Arrays.fill(out, Double.NEGATIVE_INFINITY);
                for (int s = from; s < end; s++) for (int c = 0; c < n; c++) out[c] = Math.max(out[c], d[s * n + c]);
            }
            case MEAN -> {
                for (int s = from; s < end; s++) for (int c = 0; c < n; c++) out[c] += d[s * n + c];
                for (int c = 0; c < n; c++) out[c] /= end - from;
            }
        }
        return new NdArray(out, trace.sliceShape());
    }
}
