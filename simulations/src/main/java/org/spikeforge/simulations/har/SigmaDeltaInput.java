package org.spikeforge.simulations.har;

import org.spikeforge.encoders.SpikeSource;

/**
 * Spike encoder of one standardised window: each channel {@code c} drives two integrate-and-fire
 * channels, {@code c} for its positive part and {@code C + c} for its negative part (push-pull rate
 * code). Every step, channel {@code k} integrates {@code a_k += gain·max(0, ±x_c(t))} and spikes when
 * {@code a_k ≥ 1}, subtracting 1 (a first-order sigma-delta modulator, so its rate tracks the input:
 * {@code gain·|x|} spikes per step, at most one). Sample {@code t} is held for {@code stepsPerSample}
 * steps; after the last sample the encoder is silent.
 */
public final class SigmaDeltaInput implements SpikeSource {
    private final float[] window;
    private final int length;
    private final int channels;
    private final double gain;
    private final int stepsPerSample;
    private final double[] charge;

    /** {@code window}: {@code length × channels} standardised values, time-major. */
    public SigmaDeltaInput(float[] window, int length, int channels, double gain, int stepsPerSample) {
        if (window.length != length * channels) throw new IllegalArgumentException(window.length + " values for " + length + " x " + channels);
        this.window = window;
        this.length = length;
        this.channels = channels;
        this.gain = gain;
        this.stepsPerSample = stepsPerSample;
        this.charge = new double[2 * channels];
    }

    @Override
    public int size() {
        return 2 * channels;
    }

    @Override
    public int spikes(long step, int[] out) {
        long t = step / stepsPerSample;
        if (t >= length) return 0;
        int n = 0;
        int base = (int) t * channels;
        for (int k = 0; k < 2 * channels; k++) {
            double x = window[base + (k % channels)];
            double drive = k < channels ? Math.max(0, x) : Math.max(0, -x);
            charge[k] += gain * drive;
            if (charge[k] >= 1) {
                charge[k] -= 1;
                out[n++] = k;
            }
        }
        return n;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(charge, 0);
    }
}
