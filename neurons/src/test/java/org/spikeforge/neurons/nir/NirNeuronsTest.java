package org.spikeforge.neurons.nir;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikeforge.neurons.NeuronKernel;
import org.spikeforge.neurons.NeuronModel;
import org.spikeforge.neurons.NeuronModels;
import org.spikeforge.neurons.PopulationState;
import org.spikeforge.neurons.ResetMode;

/**
 * The NIR neuron models against their equations: snnTorch's step equations for the Euler
 * discretisation with its exported parameters, the analytic solutions under constant input for
 * the exact one, and the reset conventions (immediate as in NIR and Norse, delayed as in snnTorch).
 */
class NirNeuronsTest {
    static final double DT_MS = 0.1, DT = 1e-4;

    /** One population driven directly through its kernel: input x per step as injected current. */
    static final class Harness {
        final NeuronModel model;
        final PopulationState s;
        final NeuronKernel kernel;
        final int[] spikes;
        int lastCount;

        Harness(NeuronModel model, int size) {
            this.model = model;
            this.s = new PopulationState(size, model.stateVariables().size(), model.receptors().size(), 1);
            double[] rest = model.restingState();
            for (int k = 0; k < rest.length; k++) java.util.Arrays.fill(s.vars[k], rest[k]);
            this.kernel = model.kernel(DT_MS);
            this.spikes = new int[size];
        }

        /** One step with input {@code x} (as current) to every neuron; returns neuron 0's membrane. */
        double step(double x) {
            java.util.Arrays.fill(s.iExt, x);
            lastCount = kernel.step(s, 0, 0, s.size, spikes, 0);
            return s.vars[0][0];
        }

        boolean spiked() { return lastCount > 0 && spikes[0] == 0; }
    }

    static NirLif snnTorchLeaky(double beta, ResetMode reset, boolean delayed) {
        double tau = DT / (1 - beta);
        return new NirLif(tau, tau / DT, 0, 1, 0, NirDiscretisation.EULER, reset, delayed);
    }

    @Test
    void eulerLifWithSnnTorchParametersStepsAsSnnTorchLeakyWithDelayedSubtract() {
        Harness h = new Harness(snnTorchLeaky(0.9, ResetMode.SUBTRACT, true), 1);
        double[] x = {0.6, 0.7, 0.2, 0.0, 1.3, 0.1, 0.0, 0.0};
        double mem = 0, spk = 0;
        for (double xi : x) {
            // snnTorch Leaky: mem[t] = beta·mem[t−1] + x[t] − thr·spk[t−1]; spk[t] = mem[t] > thr
            mem = 0.9 * mem + xi - spk;
            spk = mem > 1 ? 1 : 0;
            assertEquals(mem, h.step(xi), 1e-12);
            assertEquals(spk == 1, h.spiked());
            assertEquals(spk, h.s.vars[1][0], "spk holds this step's spike for the next step's reset");
        }
    }

    @Test
    void immediateSubtractResetsBeforeTheNextDecayAsNorse() {
        Harness h = new Harness(snnTorchLeaky(0.9, ResetMode.SUBTRACT, false), 1);
        double[] x = {0.6, 0.7, 0.2, 0.0, 1.3, 0.1, 0.0};
        double v = 0;
        boolean sawSpike = false;
        for (double xi : x) {
            double pre = 0.9 * v + xi;             // recorded: the membrane at the threshold test
            boolean fired = pre > 1;
            v = fired ? pre - 1 : pre;             // reset at once
            sawSpike |= fired;
            assertEquals(pre, h.step(xi), 1e-12);
            assertEquals(fired, h.spiked());
        }
        assertTrue(sawSpike);
    }

    @Test
    void delayedZeroResetOfCubaLifLeavesExactlyTheResetValueAfterASpike() {
        double alpha = 0.5, beta = 0.5;
        double tauSyn = DT / (1 - alpha), tauMem = DT / (1 - beta);
        Harness h = new Harness(new NirCubaLif(tauMem, tauSyn, tauMem / DT, 0, 1, 0, tauSyn / DT, NirDiscretisation.EULER,
                ResetMode.TO_VALUE, true), 1);
        double syn = 0, mem = 0, spk = 0;
        double[] x = {1.5, 0.3, 0.0, 0.0, 2.0, 0.0};
        int spikes = 0;
        for (double xi : x) {
            // snnTorch Synaptic, zero reset: syn ← α·syn + x; mem ← (1 − spk)·(β·mem + syn)
            syn = alpha * syn + xi;
            mem = spk == 1 ? 0.0 : beta * mem + syn;
            double v = h.step(xi);
            if (spk == 1) assertEquals(0.0, v, 0.0, "exactly v_reset in the step after a spike");
            assertEquals(mem, v, 1e-12);
            assertEquals(syn, h.s.vars[1][0], 1e-12);
            spk = mem > 1 ? 1 : 0;
            assertEquals(spk == 1, h.spiked());
            spikes += (int) spk;
        }
        assertTrue(spikes >= 2, "the probe spikes twice, got " + spikes);
    }

    @Test
    void eulerCubaLifDrivesTheMembraneWithTheUpdatedCurrent() {
        double alpha = 0.8, beta = 0.9;
        double tauSyn = DT / (1 - alpha), tauMem = DT / (1 - beta);
        Harness h = new Harness(new NirCubaLif(tauMem, tauSyn, tauMem / DT, 0, 1e9, 0, tauSyn / DT, null, null, false), 1);
        double syn = 0, mem = 0;
        for (int t = 0; t < 40; t++) {
            double xi = t % 3 == 0 ? 0.4 : 0.1;
            syn = alpha * syn + xi;
            mem = beta * mem + syn;
            assertEquals(mem, h.step(xi), 1e-12 * Math.max(1, Math.abs(mem)));
        }
    }

    @Test
    void exactLifFollowsTheAnalyticSolutionUnderConstantInput() {
        double tau = 0.01, r = 2, vLeak = 0.3, x = 0.7;
        Harness h = new Harness(new NirLif(tau, r, vLeak, 1e9, 0, NirDiscretisation.EXACT, null, false), 1);
        double vInf = vLeak + r * x;
        for (int k = 1; k <= 200; k++) {
            double v = h.step(x);
            assertEquals(vInf + (vLeak - vInf) * Math.exp(-k * DT / tau), v, 1e-12);
        }
    }

    @Test
    void exactCubaLifFollowsTheTwoExponentialSolution() {
        double tauMem = 0.004, tauSyn = 0.0015, r = 1.5, wIn = 0.8, x = 0.9;
        Harness h = new Harness(new NirCubaLif(tauMem, tauSyn, r, 0, 1e9, 0, wIn, NirDiscretisation.EXACT, null, false), 1);
        for (int k = 1; k <= 300; k++) {
            double t = k * DT;
            double v = h.step(x);
            double i = wIn * x * (1 - Math.exp(-t / tauSyn));
            double vExact = r * wIn * x * (1 + (tauSyn * Math.exp(-t / tauSyn) - tauMem * Math.exp(-t / tauMem)) / (tauMem - tauSyn));
            assertEquals(i, h.s.vars[1][0], 1e-12, "I at step " + k);
            assertEquals(vExact, v, 1e-12, "v at step " + k);
        }
    }

    @Test
    void integrateAndFireWithSubtractCountsInputLikeARateCoder() {
        // R·dt = 1e4/s · 1e-4 s = 1: v ← v + x; with x = 1/4 a spike every 4 steps after the first 5
        Harness h = new Harness(new NirIf(1e4, 1, 0, ResetMode.SUBTRACT, false), 1);
        int spikes = 0;
        for (int t = 0; t < 100; t++) {
            h.step(0.25);
            if (h.spiked()) {
                spikes++;
                assertEquals(0, (t - 4) % 4, "spike at step " + t);
            }
        }
        assertEquals(24, spikes);
    }

    @Test
    void nonSpikingIntegratorsRelaxOrSumAndNeverSpike() {
        Harness li = new Harness(new NirLi(0.002, 1, -0.5, NirDiscretisation.EXACT), 1);
        li.s.vars[0][0] = 1.0;
        for (int k = 1; k <= 50; k++) {
            assertEquals(-0.5 + 1.5 * Math.exp(-k * DT / 0.002), li.step(0.0), 1e-12);
            assertEquals(0, li.lastCount);
        }
        Harness integrator = new Harness(new NirI(2e4), 1);
        double v = 0;
        for (int k = 0; k < 30; k++) {
            double x = 0.125 * (k % 5);
            v += 2.0 * x;                        // R·dt = 2
            assertEquals(v, integrator.step(x), 0.0);
            assertEquals(0, integrator.lastCount);
        }
        Harness cubaLi = new Harness(new NirCubaLi(0.001, 0.0005, 10, 0, 2, NirDiscretisation.EULER), 1);
        double syn = 0, mem = 0;
        for (int k = 0; k < 30; k++) {
            syn = 0.8 * syn + 0.2 * 2 * 0.3;     // aS = 1 − dt/τ_syn, gS = dt/τ_syn·w_in
            mem = 0.9 * mem + 1.0 * syn;         // R·dt/τ_mem = 1
            assertEquals(mem, cubaLi.step(0.3), 1e-12);
        }
    }

    @Test
    void perNeuronParametersStepEachNeuronAsItsOwnModel() {
        double[] tau = {0.001, 0.002, 0.0005}, vLeak = {0.0, -0.3, 0.2}, th = {1.0, 0.5, 0.8};
        NirLif three = new NirLif(tau, new double[] {10}, vLeak, th, new double[] {0}, NirDiscretisation.EXACT, ResetMode.SUBTRACT, true);
        assertEquals(3, three.neurons());
        Harness all = new Harness(three, 3);
        System.arraycopy(vLeak, 0, all.s.vars[0], 0, 3);
        Harness[] one = new Harness[3];
        for (int k = 0; k < 3; k++) {
            one[k] = new Harness(new NirLif(tau[k], 10, vLeak[k], th[k], 0, NirDiscretisation.EXACT, ResetMode.SUBTRACT, true), 1);
        }
        int spikes = 0;
        for (int t = 0; t < 80; t++) {
            double x = 0.05 + 0.1 * (t % 7);
            all.step(x);
            spikes += all.lastCount;
            for (int k = 0; k < 3; k++) {
                one[k].step(x);
                assertEquals(Double.doubleToRawLongBits(one[k].s.vars[0][0]), Double.doubleToRawLongBits(all.s.vars[0][k]), "neuron " + k);
            }
        }
        assertTrue(spikes > 10, "the neurons spike, got " + spikes);
    }

    @Test
    void registryBuildsTheNirModelsFromEngineUnits() {
        assertTrue(NeuronModels.kinds().containsAll(List.of("nir_lif", "nir_cuba_lif", "nir_if", "nir_li", "nir_cuba_li", "nir_i")));
        NeuronModel m = NeuronModels.get("nir_lif").create(Map.of("tau", 1.0, "r", 10.0, "reset_delay", 1.0), ResetMode.SUBTRACT);
        NirLif lif = (NirLif) m;
        assertEquals(0.001, lif.tau()[0], 0.0, "1 ms in the registry is NIR's 0.001 s");
        assertTrue(lif.delayedReset());
        assertEquals(NirDiscretisation.EULER, lif.discretisation());
        NirCubaLif c = (NirCubaLif) NeuronModels.get("nir_cuba_lif").create(Map.of("exact", 1.0), ResetMode.TO_VALUE);
        assertEquals(NirDiscretisation.EXACT, c.discretisation());
        assertEquals(0.010, c.tauMem()[0], 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NeuronModels.get("nir_lif").create(Map.of("exact", 0.5), ResetMode.TO_VALUE));
        assertTrue(e.getMessage().contains("exact must be 0 or 1"), e.getMessage());
    }

    @Test
    void rejectsBadParametersWithTheFieldAndValue() {
        IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class, () -> new NirLif(new double[] {1e-3, 2e-3},
                new double[] {1, 1, 1}, new double[] {0}, new double[] {1}, new double[] {0}, null, null, false));
        assertTrue(lengths.getMessage().contains("nir_lif: parameter r has 3 values but tau has 2"), lengths.getMessage());
        IllegalArgumentException tau = assertThrows(IllegalArgumentException.class,
                () -> new NirCubaLi(new double[] {1e-3, 0.0}, new double[] {1e-3}, new double[] {1}, new double[] {0}, new double[] {1}, null));
        assertTrue(tau.getMessage().contains("nir_cuba_li: tau_mem must be a positive s value, was 0.0 (neuron 1)"), tau.getMessage());
        NirLif two = new NirLif(new double[] {1e-3, 2e-3}, new double[] {1}, new double[] {0}, new double[] {1}, new double[] {0}, null, null, false);
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> two.checkPopulationSize(5));
        assertTrue(size.getMessage().contains("parameters for 2 neurons, not for a population of 5"), size.getMessage());
        two.checkPopulationSize(2);
        new NirLif(1e-3, 1, 0, 1, 0, null, null, false).checkPopulationSize(1000);
    }
}
