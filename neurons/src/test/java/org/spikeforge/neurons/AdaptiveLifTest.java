package org.spikeforge.neurons;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdaptiveLifTest {

    private static AdaptiveLif model() {
        return new AdaptiveLif(10.0, 2.0, 2.0, 100.0, 50.0, -65.0, -65.0, -50.0, 0.04, 2.0, ResetMode.TO_VALUE);
    }

    @Test
    void subthresholdMembraneFollowsAnalyticSolutionWithDecayingAdaptationCurrent() {
        AdaptiveLif m = model();
        double dt = 0.1, i = 200.0, w0 = 120.0;
        Sim sim = new Sim(m, dt);
        sim.state.iExt[0] = i;
        sim.state.vars[3][0] = w0;
        double vInf = m.vRest() + m.r() * i, tm = m.tauM(), tw = m.tauW();
        for (int s = 1; s <= 3000; s++) {
            assertFalse(sim.step(), "stays below threshold");
            double t = s * dt;
            // v(t) = v∞ + (v0 − v∞)e^{−t/τm} − R·w0·τw/(τw − τm)·(e^{−t/τw} − e^{−t/τm})
            double v = vInf + (m.vRest() - vInf) * Math.exp(-t / tm)
                    - m.r() * w0 * tw / (tw - tm) * (Math.exp(-t / tw) - Math.exp(-t / tm));
            assertEquals(v, sim.v(), 1e-9, "v at t = " + t);
            assertEquals(w0 * Math.exp(-t / tw), sim.var("w"), 1e-9, "w at t = " + t);
        }
    }

    @Test
    void firstSpikeAtLifPassageTimeThenAdaptationIncrementsAndLengthensIntervals() {
        AdaptiveLif m = model();
        double dt = 0.1, i = 500.0;
        Sim sim = new Sim(m, dt);
        sim.state.iExt[0] = i;
        // Before the first spike w = 0, so the passage time is the LIF's: t* = −τm ln(1 − θ/(R I)).
        double tStar = -m.tauM() * Math.log(1 - (m.vTh() - m.vRest()) / (m.r() * i));
        long expectedStep = (long) Math.ceil(tStar / dt) - 1; // state after step s is at (s+1)·dt
        long firstStep = -1;
        while (firstStep < 0) {
            long at = sim.step;
            if (sim.step()) firstStep = at;
        }
        assertEquals(expectedStep, firstStep);
        assertEquals(m.b(), sim.var("w"), 1e-12, "w jumps by b at the spike");
        List<Double> t = sim.run(20000);
        double[] isi = Sim.isis(t);
        assertTrue(isi.length > 10, "keeps firing");
        for (int k = 1; k < isi.length; k++) assertTrue(isi[k] >= isi[k - 1] - dt - 1e-9, "intervals never shorten by more than a step: " + k);
        assertTrue(isi[isi.length - 1] > 1.5 * isi[0], "adapted interval " + isi[isi.length - 1] + " vs first " + isi[0]);
    }

    @Test
    void rejectsNonPositiveAdaptationTimeConstantWithClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AdaptiveLif(10, 2, 2, 0, 50, -65, -65, -50, 0.04, 2, ResetMode.TO_VALUE));
        assertTrue(e.getMessage().contains("tau_w"), e.getMessage());
    }
}
