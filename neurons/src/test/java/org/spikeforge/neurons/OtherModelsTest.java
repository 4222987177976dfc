package org.spikeforge.neurons;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class OtherModelsTest {

    @Test
    void integrateAndFireRampsExactlyAndFiresAtPredictedStep() {
        // C dv/dt = I: v(t) = I·t/C. With I = 250 pA, C = 250 pF: 1 mV/ms; threshold 1 mV → crosses after 10 steps of 0.1 ms.
        IntegrateAndFire m = new IntegrateAndFire(250, 0.0, 1.0, 0.0, ResetMode.SUBTRACT);
        KernelHarness h = new KernelHarness(m, 1, 0.1);
        h.state.iExt[0] = 250.0;
        int first = -1;
        int spikes = 0;
        for (int s = 0; s < 1000; s++) {
            if (h.step() > 0) {
                spikes++;
                if (first < 0) first = s;
            }
        }
        // v after step s is (s+1)·0.1 mV (up to rounding): first v > 1 is at s = 10 (v = 1.1).
        assertEquals(10, first);
        // With reset by subtraction no charge is lost: 100 mV in total over threshold 1 mV → 99 or 100 spikes.
        assertTrue(spikes == 99 || spikes == 100, "spikes " + spikes);
        assertEquals(100.0 - spikes, h.state.vars[0][0], 1e-9, "charge conservation");
    }

    @Test
    void cobaRelaxesToLeakReversalWithMembraneTimeConstant() {
        CobaLif m = new CobaLif(200, 10, -60, 0, -80, 5, 10, -60, -50, 5, ResetMode.TO_VALUE);
        KernelHarness h = new KernelHarness(m, 1, 0.1);
        h.state.vars[0][0] = -70;
        for (int s = 1; s <= 300; s++) {
            h.step();
            assertEquals(-60 - 10 * Math.exp(-s * 0.1 / 20.0), h.state.vars[0][0], 1e-10); // τ = C/g_L = 20 ms
        }
    }

    @Test
    void cobaConductancePspConvergesToFineStepSolution() {
        // Exponential Euler is first order in the conductance change per step: error shrinks ~10x when dt does.
        double ref = cobaPeak(0.001);
        double e1 = Math.abs(cobaPeak(0.1) - ref);
        double e2 = Math.abs(cobaPeak(0.01) - ref);
        assertTrue(e1 > 0, "coarse step differs");
        assertTrue(e2 < e1 / 5, "error " + e1 + " -> " + e2);
        assertTrue(ref > -60 && ref < -50, "an excitatory PSP from rest stays subthreshold: " + ref);
    }

    @Test
    void cobaEulerFollowsTheForwardEulerRecurrenceInClosedForm() {
        // Without synaptic input forward Euler on C dv/dt = g_L(E_L − v) + I is v_n = v∞ + (v_0 − v∞)(1 − dt·g_L/C)^n,
        // v∞ = E_L + I/g_L: the closed form of the recurrence, computed here independently of the kernel.
        CobaLif m = new CobaLif(200, 10, -60, 0, -80, 5, 10, -60, -50, 5, ResetMode.TO_VALUE).withMethod("euler");
        assertEquals(CobaLif.Method.EULER, m.method());
        KernelHarness h = new KernelHarness(m, 1, 0.1);
        h.state.vars[0][0] = -70;
        h.state.iExt[0] = 50; // pA: v∞ = −55 mV, below threshold
        double q = 1 - 0.1 * 10 / 200.0, vInf = -60 + 50 / 10.0;
        for (int s = 1; s <= 2000; s++) {
            h.step();
            assertEquals(vInf + (-70 - vInf) * Math.pow(q, s), h.state.vars[0][0], 1e-9, "step " + s);
        }
        // and it is not the exponential-Euler value (which the same test with Math.exp would give)
        assertNotEquals(vInf + (-70 - vInf) * Math.exp(-2000 * 0.1 / 20.0), vInf + (-70 - vInf) * Math.pow(q, 2000), 1e-9);
    }

    @Test
    void cobaEulerConvergesAtFirstOrderToTheSameSolutionAsExponentialEuler() {
        double ref = cobaPeak(0.001, "exponential_euler");
        double e1 = Math.abs(cobaPeak(0.1, "euler") - ref);
        double e2 = Math.abs(cobaPeak(0.05, "euler") - ref);
        double e3 = Math.abs(cobaPeak(0.025, "euler") - ref);
        // first order: halving dt halves the error (ratio 2 within 25 %)
        assertEquals(2.0, e1 / e2, 0.5, "errors " + e1 + ", " + e2);
        assertEquals(2.0, e2 / e3, 0.5, "errors " + e2 + ", " + e3);
        // and at dt = 0.1 ms it is within 2 % of the PSP's amplitude (5.35 mV from rest; 0.06 mV off)
        assertTrue(e1 < 0.02 * (ref + 60), "coarse-step error of the PSP peak " + e1 + " mV, peak " + ref);
    }

    @Test
    void methodsAreListedAndUnknownOnesRefused() {
        CobaLif m = new CobaLif(200, 10, -60, 0, -80, 5, 10, -60, -50, 5, ResetMode.TO_VALUE);
        assertEquals(java.util.List.of("exponential_euler", "euler"), m.methods());
        assertEquals(CobaLif.Method.EXPONENTIAL_EULER, m.method());
        assertEquals(m, m.withMethod("euler").withMethod("exponential_euler"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.withMethod("rk4"));
        assertTrue(e.getMessage().contains("exponential_euler, euler"), e.getMessage());
        Lif lif = new Lif(20, -65, -65, -50, 1, 2, ResetMode.TO_VALUE);
        assertTrue(lif.methods().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> lif.withMethod("euler"));
        assertEquals(java.util.List.of("coba_lif"), NeuronModels.kindsWithMethods());
    }

    private static double cobaPeak(double dt) {
        return cobaPeak(dt, "exponential_euler");
    }

    private static double cobaPeak(double dt, String method) {
        CobaLif m = new CobaLif(200, 10, -60, 0, -80, 5, 10, -60, -50, 5, ResetMode.TO_VALUE).withMethod(method);
        KernelHarness h = new KernelHarness(m, 1, dt);
        h.input(0, 0, 6.0);
        double peak = -1e9;
        for (int s = 0; s < Math.round(30 / dt); s++) {
            h.step();
            peak = Math.max(peak, h.state.vars[0][0]);
        }
        return peak;
    }

    @Test
    void registryBuildsEveryModelWithDefaults() {
        for (String kind : NeuronModels.kinds()) {
            NeuronModel m = NeuronModels.get(kind).create(java.util.Map.of(), ResetMode.TO_VALUE);
            assertEquals(kind, m.kind());
            assertEquals("v", m.stateVariables().get(0));
            assertEquals(m.stateVariables().size(), m.restingState().length);
            assertEquals(m.stateVariables().size(), m.stateDimensions().size());
        }
        assertTrue(NeuronModels.kinds().containsAll(java.util.List.of("lif", "cuba_lif", "coba_lif", "if")));
    }
}
