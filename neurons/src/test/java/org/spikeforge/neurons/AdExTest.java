package org.spikeforge.neurons;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class AdExTest {

    @Test
    void subthresholdSteadyStateSolvesTheFixedPointEquations() {
        AdEx m = AdEx.bretteGerstner2005();
        double i = 400.0;
        Sim sim = new Sim(m, 0.1);
        sim.state.iExt[0] = i;
        assertTrue(sim.run(40000).isEmpty(), "below rheobase");
        // Fixed point: −g_L(v − E_L) + g_L Δ_T e^{(v − V_T)/Δ_T} − a(v − E_L) + I = 0, lower (stable) root.
        double lo = m.eL(), hi = m.vT();
        for (int k = 0; k < 200; k++) {
            double mid = 0.5 * (lo + hi);
            double f = -m.gL() * (mid - m.eL()) + m.gL() * m.deltaT() * Math.exp((mid - m.vT()) / m.deltaT())
                    - m.a() * (mid - m.eL()) + i;
            if (f > 0) lo = mid; else hi = mid;
        }
        double vStar = 0.5 * (lo + hi);
        assertEquals(vStar, sim.v(), 1e-6);
        assertEquals(m.a() * (vStar - m.eL()), sim.var("w"), 1e-6);
    }

    @Test
    void showsSpikeFrequencyAdaptationUnderAConstantCurrent() {
        AdEx m = AdEx.bretteGerstner2005();
        Sim sim = new Sim(m, 0.1);
        sim.state.iExt[0] = 1000.0;
        double[] isi = Sim.isis(sim.run(10000));
        assertTrue(isi.length > 8);
        for (int k = 1; k < isi.length; k++) assertTrue(isi[k] >= isi[k - 1] - 0.1, "intervals never shorten at " + k);
        assertTrue(isi[isi.length - 1] > 2 * isi[0], "adapted " + isi[isi.length - 1] + " vs first " + isi[0]);
        assertTrue(Sim.cv(isi, isi.length - 4, isi.length) < 0.01, "reaches a steady rate");
    }

    @Test
    void adaptationCurrentJumpsByBAtASpike() {
        AdEx m = AdEx.bretteGerstner2005();
        Sim sim = new Sim(m, 0.1);
        sim.state.iExt[0] = 1000.0;
        double before = 0;
        while (true) {
            before = sim.var("w");
            if (sim.step()) break;
        }
        // w moved by at most one step of its ODE besides the jump: |Δw − b| ≤ dt/τ_w·|a(v − E_L) − w|.
        double bound = 0.1 / m.tauW() * (Math.abs(m.a() * (m.vPeak() - m.eL())) + Math.abs(before)) + 1e-9;
        assertEquals(m.b(), sim.var("w") - before, bound);
        assertEquals(m.vReset(), sim.v(), 0.0);
    }

    @Test
    void rejectsPeakBelowThresholdWithClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AdEx(281, 30, -70.6, -50.4, 2, 144, 4, 80.5, -70.6, -60, 2, 2, 0));
        assertTrue(e.getMessage().contains("v_peak"), e.getMessage());
    }
}
