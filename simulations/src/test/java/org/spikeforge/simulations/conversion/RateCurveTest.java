package org.spikeforge.simulations.conversion;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.spikeforge.neurons.IntegrateAndFire;
import org.spikeforge.neurons.Lif;
import org.spikeforge.neurons.ResetMode;

class RateCurveTest {

    /**
     * Closed form for the discrete LIF with reset to 0 (engine semantics): after a spike the membrane
     * is clamped for R−1 steps, then integrates from 0 as v_m = J·(1 − p^m); the interval is
     * max(R, 1) − 1 + the first m with v_m &gt; 1.
     */
    static double lifRate(double j, double dt, double tau, int refSteps) {
        if (j <= 1) return 0;
        double p = Math.exp(-dt / tau);
        int m = 1;
        while (j * (1 - Math.pow(p, m)) <= 1) m++;
        return 1.0 / (Math.max(refSteps, 1) - 1 + m);
    }

    @Test
    void lifRateCurveMatchesTheClosedFormInterspikeInterval() {
        double dt = 0.625, tau = 12.5, tRef = 1.875; // 3 refractory steps
        Lif lif = new Lif(tau, 0, 0, 1, 1, tRef, ResetMode.TO_VALUE);
        RateCurve c = RateCurve.measure(lif, dt, 0, 20, 401, 200, 20000);
        for (double j : new double[] {0.5, 1.2, 1.7, 3.3, 6.1, 11.9, 19.0}) {
            double expected = lifRate(j, dt, tau, 3);
            // Measured over 20000 steps: the count is within one interval of T/ISI.
            assertEquals(expected, c.at(j), 2.0 / 20000 + 1e-12, "J = " + j);
        }
        assertEquals(0.0, c.at(-5.0), 0.0, "below the grid: held at the first point");
    }

    @Test
    void integrateAndFirePairIsLinearAndItsDecoderInvertsTheGain() {
        // IF with subtraction fires J·dt/C per step on average; a pair b ± g·x differs by 2·g·x·dt/C per step.
        double dt = 1.0, cm = 1.0;
        IntegrateAndFire ifn = new IntegrateAndFire(cm, 0, 1, 0, ResetMode.SUBTRACT);
        RateCurve c = RateCurve.measure(ifn, dt, 0, 1, 201, 0, 4000);
        int K = 32;
        double b = 0.5, g = 0.1, xMax = 4;
        double d = c.linearDecoder(b, g, xMax, K);
        assertEquals(1 / (2 * g * K), d, 1e-3 / (2 * g * K));
        for (double x : new double[] {-4, -1.5, 0, 2.5}) assertEquals(x, d * c.pairCount(b, g, x, K), 2e-3);
    }

    @Test
    void oddFitOfTanhWithAPairOfRefractoryLifNeuronsIsClose() {
        double dt = 0.625;
        Lif lif = new Lif(12.5, 0, 0, 1, 1, 1.875, ResetMode.SUBTRACT);
        RateCurve c = RateCurve.measure(lif, dt, 0, 400, 4001, 200, 4000);
        double[] xs = new double[161], ws = new double[161];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = -4 + 8.0 * i / 160;
            ws[i] = 1;
        }
        RateCurve.PairFit free = c.fitOdd(Math::tanh, xs, ws, 32, 0, 50);
        RateCurve.PairFit tonic = c.fitOdd(Math::tanh, xs, ws, 32, 2, 50);
        double maxErr = 0;
        for (double x : xs) maxErr = Math.max(maxErr, Math.abs(free.value(c, x, 32) - Math.tanh(x)));
        assertTrue(free.rms() < 0.03 && maxErr < 0.08, "rms " + free.rms() + ", max " + maxErr);
        assertTrue(tonic.bias() >= 2 && tonic.rms() >= free.rms() && tonic.rms() < 0.05, "tonic fit " + tonic);
        // At saturation the pair fires K/R spikes more on one side than the other: S·K/3 ≈ tanh(∞) = 1.
        assertEquals(1.0, free.scale() * (32.0 / 3), 0.1);
    }
}
