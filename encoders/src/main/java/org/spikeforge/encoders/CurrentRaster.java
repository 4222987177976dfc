package org.spikeforge.encoders;

import java.util.Arrays;

/**
 * Currents in pA injected into a group of channels (neurons), one value per channel per step:
 * {@code current(step, channel)} flows during step {@code step} of {@code dt} ms. Channels are the
 * flattened feature {@link #shape()} in C order.
 */
public final class CurrentRaster implements Encoding {
    private final int[] shape;
    private final int channels;
    private final int steps;
    private final double dtMs;
    private final double[] pA; // steps x channels

    /**
     * @param shape  feature shape
     * @param steps  number of steps
     * @param dtMs   step length in ms
     * @param pA     {@code steps · product(shape)} currents, step-major (not copied)
     */
    public CurrentRaster(int[] shape, int steps, double dtMs, double[] pA) {
        this.shape = shape.clone();
        this.channels = NdArray.product(shape);
        if ((long) steps * channels != pA.length) {
            throw new IllegalArgumentException(pA.length + " current values do not fill " + steps + " steps x " + channels + " channels");
        }
        if (!(dtMs > 0)) throw new IllegalArgumentException("dt must be a positive ms value, was " + dtMs);
        for (int i = 0; i < pA.length; i++) {
            if (!Double.isFinite(pA[i])) throw new IllegalArgumentException("current " + pA[i] + " pA at step " + i / Math.max(1, channels) + " is not finite");
        }
        this.steps = steps;
        this.dtMs = dtMs;
        this.pA = pA;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int channels() {
        return channels;
    }

    public int steps() {
        return steps;
    }

    public double dtMs() {
        return dtMs;
    }

    /** The current of {@code channel} during {@code step}, in pA. */
    public double currentPa(int step, int channel) {
        return pA[step * channels + channel];
    }

    /** Dense array {@code (steps, shape...)} in pA. */
    @Override
    public NdArray toArray() {
        return new NdArray(pA.clone(), NdArray.prepend(steps, shape));
    }

    /**
     * One engine {@link CurrentSource} per channel: piecewise constant, changing only at the steps
     * where this channel's current changes, and 0 after the last step. Inject source {@code c} into
     * the neuron fed by channel {@code c}.
     */
    public CurrentSource[] toCurrentSources() {
        CurrentSource[] out = new CurrentSource[channels];
        long[] start = new long[steps + 1];
        double[] amp = new double[steps + 1];
        for (int c = 0; c < channels; c++) {
            int m = 0;
            double prev = Double.NaN;
            for (int s = 0; s < steps; s++) {
                double a = pA[s * channels + c];
                if (m == 0 || a != prev) {
                    start[m] = s;
                    amp[m++] = a;
                    prev = a;
                }
            }
            if (m == 0 || prev != 0) {
                start[m] = steps;
                amp[m++] = 0;
            }
            out[c] = new CurrentSource(Arrays.copyOf(start, m), Arrays.copyOf(amp, m));
        }
        return out;
    }

    @Override
    public String toString() {
        return "CurrentRaster(shape " + Arrays.toString(shape) + ", " + steps + " steps of " + dtMs + " ms)";
    }
}
