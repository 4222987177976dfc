package org.spikeforge.encoders.rate;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.spikeforge.encoders.Checks;
import org.spikeforge.encoders.Encoder;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.SpikeTrain;

/**
 * Bernoulli rate code, as snnTorch's {@code spikegen.rate}: in each step each feature spikes with
 * probability {@code p = clamp(gain · x + offset, 0, 1)}, independently. Steps before
 * {@code first_spike_time} are silent. With {@code time_varying} the input's first axis is time
 * and each step uses its own values (snnTorch's {@code time_var_input}); the train then has
 * {@code first_spike_time + T} steps, the silent steps prepended as snnTorch does.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>gain</td><td>1</td><td>1</td><td>probability per unit of input</td></tr>
 *   <tr><td>offset</td><td>1</td><td>0</td><td>probability at input 0</td></tr>
 *   <tr><td>num_steps</td><td>steps</td><td>100</td><td>length of the train (static input)</td></tr>
 *   <tr><td>first_spike_time</td><td>steps</td><td>0</td><td>leading silent steps</td></tr>
 *   <tr><td>time_varying</td><td></td><td>false</td><td>input is a series, time first</td></tr>
 *   <tr><td>dt</td><td>ms</td><td>1</td><td>step length</td></tr>
 *   <tr><td>seed</td><td>1</td><td>0</td><td>seed of the random stream</td></tr>
 * </table>
 *
 * <p>The rate in Hz is {@code p / dt}. Draws are taken step by step, features in flat order, from
 * one XO_RO_SHI_RO_128_PP stream (the same seed gives the same train; it does not reproduce
 * PyTorch's random numbers).
 */
public record BernoulliCode(double gain, double offset, int numSteps, int firstSpikeTime, boolean timeVarying,
                            double dtMs, long seed) implements Encoder {

    public BernoulliCode {
        Checks.finite("gain", gain);
        Checks.finite("offset", offset);
        Checks.atLeast("num_steps", numSteps, 1);
        Checks.atLeast("first_spike_time", firstSpikeTime, 0);
        if (!timeVarying && firstSpikeTime > numSteps - 1) {
            throw new IllegalArgumentException("first_spike_time (" + firstSpikeTime + ") must be <= num_steps - 1 (" + (numSteps - 1) + ")");
        }
        Checks.positive("dt", dtMs, "ms");
    }

    @Override
    public SpikeTrain encode(NdArray input) {
        Checks.finiteValues("bernoulli", input);
        int[] shape = timeVarying ? sliceShapeOf(input) : input.shape();
        int n = timeVarying ? input.sliceSize() : input.size();
        int inputSteps = timeVarying ? input.dim(0) : numSteps;
        int steps = timeVarying ? firstSpikeTime + inputSteps : numSteps;
        SpikeTrain.Builder b = new SpikeTrain.Builder(shape, false, steps, dtMs);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] x = input.data();
        for (int s = 0; s < inputSteps; s++) {
            int outStep = timeVarying ? s + firstSpikeTime : s;
            boolean silent = !timeVarying && s < firstSpikeTime;
            int base = timeVarying ? s * n : 0;
            for (int c = 0; c < n; c++) {
                double p = Math.min(1, Math.max(0, gain * x[base + c] + offset));
                if (rng.nextDouble() < p && !silent) b.add(outStep, c);
            }
        }
        return b.build();
    }

    private static int[] sliceShapeOf(NdArray input) {
        Checks.series("bernoulli (time_varying)", input);
        return input.sliceShape();
    }
}
