package org.spikeforge.synapses.device;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * The statistical PCM inference model of Nandakumar et al. 2019 and Joshi et al. 2020, as in IBM
 * aihwkit's {@code inference/noise/pcm.py}: programming noise, conductance drift with a
 * device-specific exponent, and accumulated 1/f read noise. Conductances are in µS;
 * {@code g_T} is a target conductance as a fraction of {@code g_max}.
 *
 * <pre>
 *   programming:  g_prog = g_T·g_max + σ_prog·ξ,   σ_prog = max(−1.1731·g_T² + 1.9650·g_T + 0.2635, 0) µS
 *   drift:        g(t) = g_prog·(t/t0)^(−ν)  for t &gt; t0 (g_prog before),   ν = |μ_ν + σ_ν·ξ|
 *                 μ_ν = clip(−0.0155·ln g_T + 0.0244, 0.049, 0.1)
 *                 σ_ν = clip(−0.0125·ln g_T − 0.0059, 0.008, 0.045)
 *   read noise:   g_read = g(t) + |g(t)|·Q_s·√(ln((t + t_read)/(2·t_read)))·ξ,   Q_s = min(0.0088/g_T^0.65, 0.2)
 * </pre>
 *
 * <p>Here t is the time since programming, in seconds; ξ ~ N(0, 1) independent per device and
 * draw. g_T is floored at 10⁻⁶ inside the logarithms and powers. (aihwkit takes Q_s from the
 * programmed rather than the target conductance; the device reference of this project, which the
 * tests follow, takes it from g_T.)
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>g_max</td><td>µS</td><td>25</td><td>conductance of a fully set device</td></tr>
 *   <tr><td>t0</td><td>s</td><td>20</td><td>drift reference time</td></tr>
 *   <tr><td>t_read</td><td>s</td><td>250·10⁻⁹</td><td>duration of one read</td></tr>
 * </table>
 *
 * <p>References: S. R. Nandakumar et al., J Appl Phys 124:152135 (2018) and ISCAS 2019;
 * V. Joshi et al., Accurate deep neural network inference using computational phase-change
 * memory, Nat Commun 11:2473 (2020).
 */
public record PcmNoise(double gMaxMicroS, double t0Seconds, double tReadSeconds) {

    /** The defaults above. */
    public static final PcmNoise DEFAULTS = new PcmNoise(25.0, 20.0, 250e-9);

    private static final double G_FLOOR = 1e-6;

    public PcmNoise {
        if (!(gMaxMicroS > 0) || !Double.isFinite(gMaxMicroS)) throw new IllegalArgumentException("g_max must be > 0 µS, was " + gMaxMicroS);
        if (!(t0Seconds > 0) || !Double.isFinite(t0Seconds)) throw new IllegalArgumentException("t0 must be > 0 s, was " + t0Seconds);
        if (!(tReadSeconds > 0) || !Double.isFinite(tReadSeconds)) throw new IllegalArgumentException("t_read must be > 0 s, was " + tReadSeconds);
    }

    /** Programming-noise standard deviation σ_prog in µS for target fraction {@code gT}. */
    public static double programmingSigma(double gT) {
        return Math.max((-1.1731 * gT + 1.9650) * gT + 0.2635, 0.0);
    }

    /** Mean drift exponent μ_ν for target fraction {@code gT}. */
    public static double driftMean(double gT) {
        return Math.min(Math.max(-0.0155 * Math.log(Math.max(gT, G_FLOOR)) + 0.0244, 0.049), 0.1);
    }

    /** Spread σ_ν of the drift exponent for target fraction {@code gT}. */
    public static double driftSigma(double gT) {
        return Math.min(Math.max(-0.0125 * Math.log(Math.max(gT, G_FLOOR)) - 0.0059, 0.008), 0.045);
    }

    /** Read-noise scale Q_s for target fraction {@code gT}. */
    public static double readNoiseScale(double gT) {
        return Math.min(0.0088 / Math.pow(Math.max(gT, G_FLOOR), 0.65), 0.2);
    }

    /** Relative read-noise standard deviation {@code Q_s·√(ln((t + t_read)/(2·t_read)))} at time {@code t} (s). */
    public double readNoiseRelativeSigma(double gT, double tSeconds) {
        double l = Math.log((tSeconds + tReadSeconds) / (2 * tReadSeconds));
        return l > 0 ? readNoiseScale(gT) * Math.sqrt(l) : 0.0;
    }

    /** Programs devices to targets {@code gT[k]} (fractions of g_max): writes g_prog in µS to {@code gProg}. */
    public void program(double[] gT, double[] gProg, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int k = 0; k < gT.length; k++) gProg[k] = gT[k] * gMaxMicroS + programmingSigma(gT[k]) * g.sample();
    }

    /** Draws each device's drift exponent ν = |μ_ν(g_T) + σ_ν(g_T)·ξ| into {@code nu}. */
    public void driftExponents(double[] gT, double[] nu, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int k = 0; k < gT.length; k++) nu[k] = Math.abs(driftMean(gT[k]) + driftSigma(gT[k]) * g.sample());
    }

    /** The drifted conductances {@code g_prog·(t/t0)^(−ν)} at time {@code tSeconds} after programming. */
    public void drift(double[] gProg, double[] nu, double tSeconds, double[] out) {
        if (!(tSeconds > t0Seconds)) {
            System.arraycopy(gProg, 0, out, 0, gProg.length);
            return;
        }
        double lr = Math.log(tSeconds / t0Seconds);
        for (int k = 0; k < gProg.length; k++) out[k] = gProg[k] * Math.exp(-nu[k] * lr);
    }

    /** One read of drifted conductances {@code g} at time {@code tSeconds}: adds the accumulated 1/f read noise. */
    public void read(double[] g, double[] gT, double tSeconds, double[] out, UniformRandomProvider rng) {
        ZigguratSampler.NormalizedGaussian n = ZigguratSampler.NormalizedGaussian.of(rng);
        for (int k = 0; k < g.length; k++) {
            out[k] = g[k] + Math.abs(g[k]) * readNoiseRelativeSigma(gT[k], tSeconds) * n.sample();
        }
    }
}
