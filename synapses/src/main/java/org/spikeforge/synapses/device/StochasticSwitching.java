package org.spikeforge.synapses.device;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Stochastic binary switching of resistive memory cells: a cell is in its high-resistance state
 * (conductance {@code g_off}) or its low-resistance state ({@code g_on}); one SET pulse switches an
 * off cell on with probability {@code p} (the intrinsic randomness of filament formation), so after
 * {@code k} pulses a cell is on with probability {@code 1 − (1 − p)^k}. Programming a whole array
 * this way yields random binary weights for free, which is how Lin et al. 2025 draw the fixed
 * random reservoir of a liquid state machine on a 40 nm in-memory-computing macro.
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><th>name</th><th>unit</th><th>meaning</th></tr>
 *   <tr><td>p_switch</td><td>1</td><td>switching probability of one SET pulse, in [0, 1]</td></tr>
 *   <tr><td>g_off</td><td>weight</td><td>read-out weight of an off (high-resistance) cell</td></tr>
 *   <tr><td>g_on</td><td>weight</td><td>read-out weight of an on (low-resistance) cell</td></tr>
 * </table>
 *
 * <p>Reference: Y. Lin et al., Resistive memory-based zero-shot liquid state machine for
 * multimodal event data learning, Nature Computational Science (2025), arXiv 2307.00771.
 */
public record StochasticSwitching(double pSwitch, double gOff, double gOn) {

    public StochasticSwitching {
        if (!(pSwitch >= 0 && pSwitch <= 1)) throw new IllegalArgumentException("p_switch must be in [0, 1], was " + pSwitch);
        if (!Double.isFinite(gOff) || !Double.isFinite(gOn)) {
            throw new IllegalArgumentException("g_off and g_on must be finite, got " + gOff + " and " + gOn);
        }
    }

    /** Probability that a cell is on after {@code pulses} SET pulses from off. */
    public double onProbability(int pulses) {
        return 1 - Math.pow(1 - pSwitch, pulses);
    }

    /**
     * Resets cells {@code [from, to)} of {@code w} to off, then applies {@code pulses} SET pulses to
     * each, drawing every switching event from {@code rng}. Returns the number of cells that ended on.
     */
    public int program(float[] w, int from, int to, int pulses, UniformRandomProvider rng) {
        if (pulses < 0) throw new IllegalArgumentException("pulses must be >= 0, was " + pulses);
        int on = 0;
        for (int k = from; k < to; k++) {
            boolean state = false;
            for (int p = 0; p < pulses && !state; p++) state = rng.nextDouble() < pSwitch;
            w[k] = (float) (state ? gOn : gOff);
            if (state) on++;
        }
        return on;
    }
}
