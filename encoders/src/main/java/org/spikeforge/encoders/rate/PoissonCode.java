package org.spikeforge.encoders.rate;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.spikeforge.encoders.Checks;
import org.spikeforge.encoders.Encoder;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.SpikeTrain;

/**
 * Poisson rate code: each feature {@code x} drives an independent Poisson spike train of rate
 * {@code r = gain · x + offset}, optionally with an absolute refractory period (dead time).
 *
 * <p>Spike times are drawn in continuous time and kept exactly; each falls in step
 * {@code floor(t / dt)}. Without a refractory period the inter-spike intervals are exponential
 * with mean {@code 1/r} (CV = 1, Fano factor = 1). With a refractory period {@code τ} each interval
 * is {@code τ + Exp(λ)} with {@code λ = r / (1 − r·τ)}, so the mean rate stays {@code r} and the
 * ISI CV is {@code 1 − r·τ} (a dead-time Poisson process; needs {@code r·τ < 1}). Trains start in
 * the stationary state: the first spike time follows the forward-recurrence distribution
 * (uniform over the dead time with probability {@code r·τ}, else {@code τ + Exp(λ)}), so the
 * rate is {@code r} from {@code t = 0}.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>gain</td><td>Hz</td><td>100</td><td>rate per unit of input</td></tr>
 *   <tr><td>offset</td><td>Hz</td><td>0</td><td>rate at input 0</td></tr>
 *   <tr><td>num_steps</td><td>steps</td><td>100</td><td>length of the train</td></tr>
 *   <tr><td>dt</td><td>ms</td><td>1</td><td>step length</td></tr>
 *   <tr><td>refractory</td><td>ms</td><td>0</td><td>dead time after each spike</td></tr>
 *   <tr><td>seed</td><td>1</td><td>0</td><td>seed of the random stream</td></tr>
 * </table>
 *
 * <p>Input: any shape; output: a {@link SpikeTrain} of shape {@code (num_steps, shape...)}.
 * Channels draw from one XO_RO_SHI_RO_128_PP stream in flat order.
 */
public record PoissonCode(double gainHz, double offsetHz, int numSteps, double dtMs, double refractoryMs, long seed)
        implements Encoder {

    public PoissonCode {
        Checks.finite("gain", gainHz);
        Checks.finite("offset", offsetHz);
        Checks.atLeast("num_steps", numSteps, 1);
        Checks.positive("dt", dtMs, "ms");
        Checks.nonNegative("refractory", refractoryMs, "ms");
    }

    @Override
    public SpikeTrain encode(NdArray input) {
        double[] x = input.data();
        double durationMs = numSteps * dtMs;
        SpikeTrain.Builder b = new SpikeTrain.Builder(input.shape(), false, numSteps, dtMs);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        for (int c = 0; c < x.length; c++) {
            double r = RateMap.rateHz("poisson", gainHz, offsetHz, x[c], c) * 1e-3; // per ms
            if (r == 0) continue;
            double tau = refractoryMs;
            if (r * tau >= 1) {
                throw new IllegalArgumentException("poisson: rate " + r * 1e3 + " Hz at flat index " + c + " cannot be reached with refractory "
                        + tau + " ms; it must be below 1/refractory = " + 1e3 / tau + " Hz");
            }
            double lambda = r / (1 - r * tau); // hazard after the dead time
            double t; // first spike: forward-recurrence time of the stationary process
            if (tau > 0 && rng.nextDouble() < r * tau) t = rng.nextDouble() * tau;
            else t = tau + exp(rng, lambda);
            while (t < durationMs) {
                b.addAt(t, c);
                t += tau + exp(rng, lambda);
            }
        }
        return b.build();
    }

    private static double exp(UniformRandomProvider rng, double rate) {
        return -Math.log1p(-rng.nextDouble()) / rate;
    }
}
