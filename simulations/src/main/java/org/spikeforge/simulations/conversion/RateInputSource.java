package org.spikeforge.simulations.conversion;

import org.spikeforge.encoders.SpikeSource;

/**
 * The input layer of a converted network as a spike source: channel {@code i} integrates its value
 * {@code x_i ∈ [0, 1]} every step and spikes when the sum exceeds 1, subtracting 1 (an IF neuron with
 * reset by subtraction, so the count after t steps is within one of {@code t·x_i}). Deterministic;
 * {@link #setInput} replaces the sample between trials without recompiling the network.
 */
public final class RateInputSource implements SpikeSource {
    private final int size;
    private final double[] x;
    private final double[] v;

    public RateInputSource(int size) {
        this.size = size;
        this.x = new double[size];
        this.v = new double[size];
    }

    /** Sets the values of the next trial (copied), and restarts the integrators. */
    public void setInput(double[] values) {
        if (values.length != size) {
            throw new IllegalArgumentException("input has " + values.length + " values, the network's input layer has " + size);
        }
        System.arraycopy(values, 0, x, 0, size);
        reset();
    }

    @Override public int size() { return size; }

    @Override public void reset() { java.util.Arrays.fill(v, 0.0); }

    @Override
    public int spikes(long step, int[] out) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            double u = v[i] + x[i];
            if (u > 1.0) {
                u -= 1.0;
                out[n++] = i;
            }
            v[i] = u;
        }
        return n;
    }
}
