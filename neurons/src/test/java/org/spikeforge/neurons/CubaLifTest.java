package org.spikeforge.neurons;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class CubaLifTest {

    /** Analytic PSP of τ_m dv/dt = −v + R·w·e^{−t/τ_s}: R·w·τ_s/(τ_s − τ_m)(e^{−t/τ_s} − e^{−t/τ_m}). */
    private static double psp(double t, double w, double r, double tauM, double tauS) {
        return r * w * tauS / (tauS - tauM) * (Math.exp(-t / tauS) - Math.exp(-t / tauM));
    }

    @Test
    void singleInputFollowsDifferenceOfExponentials() {
        double tauM = 20, tauE = 5, r = 0.04, w = 500, vRest = -70;
        CubaLif m = new CubaLif(tauM, tauE, 10, vRest, vRest, 0.0, r, 2.0, ResetMode.TO_VALUE);
        double dt = 0.1;
        KernelHarness h = new KernelHarness(m, 1, dt);
        h.input(0, 0, w); // arrives at step 0: i_e jumps at t = 0
        double maxRel = 0;
        for (int s = 1; s <= 1000; s++) {
            h.step();
            double expect = psp(s * dt, w, r, tauM, tauE);
            double got = h.state.vars[0][0] - vRest;
            maxRel = Math.max(maxRel, Math.abs(got - expect) / Math.abs(expect));
            assertEquals(w * Math.exp(-s * dt / tauE), h.state.vars[1][0], 1e-9 * w, "synaptic current");
        }
        assertTrue(maxRel < 1e-5, "max relative error " + maxRel);
    }

    @Test
    void inhibitoryReceptorUsesItsOwnTimeConstant() {
        double tauM = 10, tauI = 3, r = 0.1, w = -200;
        CubaLif m = new CubaLif(tauM, 1.0, tauI, 0.0, 0.0, 50.0, r, 0.0, ResetMode.TO_VALUE);
        KernelHarness h = new KernelHarness(m, 1, 0.05);
        h.input(1, 0, w);
        for (int s = 1; s <= 400; s++) {
            h.step();
            double expect = psp(s * 0.05, w, r, tauM, tauI);
            assertEquals(expect, h.state.vars[0][0], 1e-6 * Math.abs(expect) + 1e-12);
        }
    }

    @Test
    void equalTimeConstantsUseTheAlphaLimit() {
        // τ_s = τ_m: v(t) = R·w·(t/τ)·e^{−t/τ}.
        double tau = 10, r = 0.1, w = 100;
        CubaLif m = new CubaLif(tau, tau, tau, 0.0, 0.0, 50.0, r, 0.0, ResetMode.TO_VALUE);
        KernelHarness h = new KernelHarness(m, 1, 0.1);
        h.input(0, 0, w);
        for (int s = 1; s <= 500; s++) {
            h.step();
            double t = s * 0.1;
            assertEquals(r * w * t / tau * Math.exp(-t / tau), h.state.vars[0][0], 1e-10);
        }
    }

    @Test
    void currentsKeepDecayingWhileMembraneIsClamped() {
        CubaLif m = new CubaLif(10, 5, 5, 0.0, 0.0, 1.0, 1.0, 1.0, ResetMode.TO_VALUE);
        KernelHarness h = new KernelHarness(m, 1, 0.1);
        h.input(0, 0, 100.0);
        int fired = 0;
        while (fired == 0) fired = h.step();
        double iAtSpike = h.state.vars[1][0];
        h.step();
        assertEquals(0.0, h.state.vars[0][0], "clamped at reset");
        assertEquals(iAtSpike * Math.exp(-0.1 / 5), h.state.vars[1][0], 1e-12);
    }
}
