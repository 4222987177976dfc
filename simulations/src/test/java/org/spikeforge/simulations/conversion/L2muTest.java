package org.spikeforge.simulations.conversion;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spikeforge.hardware.NetworkGraph;
import org.spikeforge.simulations.Network;

/**
 * The LMU of har_lmu_weights.npz converted to spiking populations (L2MU) and run on the engine:
 * window by window, the values decoded from the spike counts of u, m and h must follow the float64
 * LMU, and the class must match the LMU's. The windows are cut to their first 50 samples so the
 * test stays fast (the LMU reference is computed on the same cut windows). Accuracy on the full
 * test set is reported by {@link HarReport}: LIF 81.9 %, CuBa-LIF 83.4 % against the LMU's 84.0 %.
 */
class L2muTest {
    static LmuModel model;
    static List<double[]> calibration, test;

    @BeforeAll
    static void load() throws IOException {
        model = HarFixtures.model();
        calibration = HarFixtures.trainWindows(120);
        test = HarFixtures.testWindows(681);
    }

    /** {mean |decoded − LMU| / mean |LMU| for u, m, h; windows whose class matches the LMU's}. */
    static double[] track(L2mu snn, int from, int count, int stride, int samples) {
        double[] err = new double[3], ref = new double[3];
        int agree = 0;
        for (int k = 0; k < count; k++) {
            double[] window = java.util.Arrays.copyOf(test.get(from + k * stride), samples * model.inputs());
            LmuModel.Trace tr = model.forward(model.standardise(window));
            L2mu.Result r = snn.run(window, 7, true);
            double[][] a = {r.u(), r.m(), r.h()}, b = {tr.u(), tr.m(), tr.h()};
            for (int p = 0; p < 3; p++) {
                for (int i = 0; i < a[p].length; i++) {
                    err[p] += Math.abs(a[p][i] - b[p][i]);
                    ref[p] += Math.abs(b[p][i]);
                }
            }
            if (r.predicted() == ConvertedSnn.argmax(tr.logits())) agree++;
        }
        return new double[] {err[0] / ref[0], err[1] / ref[1], err[2] / ref[2], agree};
    }

    @Test
    void lifPopulationsFollowTheLmuAndAgreeOnTheClass() {
        L2mu snn = L2mu.convert(model, calibration, L2mu.Options.lif());
        double[] r = track(snn, 3, 12, 55, 50);
        // Measured: u 0.29, m 0.23, h 0.39 (delta synapses pass the shot noise of the tonic pairs to h); 12/12.
        assertTrue(r[0] < 0.4 && r[1] < 0.3 && r[2] < 0.5, "relative errors u, m, h: " + r[0] + ", " + r[1] + ", " + r[2]);
        assertTrue(r[3] >= 11, "class agrees with the LMU on " + r[3] + " of 12 windows");
    }

    @Test
    void cubaLifPopulationsFollowTheLmuCloserThanLif() {
        L2mu snn = L2mu.convert(model, calibration, L2mu.Options.cubaLif());
        double[] r = track(snn, 5, 12, 55, 50);
        // Measured: u 0.10, m 0.13, h 0.13; 12/12.
        assertTrue(r[0] < 0.15 && r[1] < 0.18 && r[2] < 0.18, "relative errors u, m, h: " + r[0] + ", " + r[1] + ", " + r[2]);
        assertTrue(r[3] >= 11, "class agrees with the LMU on " + r[3] + " of 12 windows");
    }

    @Test
    void networkHasOnePairPopulationPerLmuVariableAndStepAlignedDelays() {
        L2mu.Options o = L2mu.Options.cubaLif();
        L2mu snn = L2mu.convert(model, calibration.subList(0, 10), o);
        Network net = snn.toNetwork(test.get(0), 1);
        NetworkGraph g = net.graph();
        int R = o.memoryReplicas(), K = o.substeps(), L = snn.hopLatency();
        assertEquals(1 + (int) Math.round(o.synapseTauMs() / o.dtMs()), L);
        assertEquals(2 * R, g.populations().get(net.population("u")).size());
        assertEquals(2 * 8 * R, g.populations().get(net.population("m")).size());
        assertEquals(2 * 64, g.populations().get(net.population("h")).size());
        assertEquals(5, g.populations().get(net.population("out")).size());
        java.util.Map<String, Integer> delay = new java.util.HashMap<>();
        for (NetworkGraph.Projection p : g.projections()) delay.put(p.name().split("\\.")[0], p.delaySteps()); // A_d.exc, A_d.inh → A_d
        // A window's spikes must land in the window of the next LMU step: 0, L, 2L are the offsets of u, m, h.
        assertEquals(K - L + 1, delay.get("A_d"));
        assertEquals(K - L + 1, delay.get("W_h"));
        assertEquals(K - 2 * L + 1, delay.get("e_m"));
        assertEquals(K - 3 * L + 1, delay.get("e_h"));
        assertEquals(1, delay.get("B_d"));
        assertEquals(1, delay.get("W_m"));
        assertEquals(100L * K + 2L * L + 1, snn.steps(100));
        // The tanh pair fits tanh at the rate level; the linear decoders invert the pair's gain.
        assertTrue(snn.tanhFit().rms() < 0.03, "tanh fit rms " + snn.tanhFit().rms());
    }

    @Test
    void rejectsBadOptionsAndCalibrationWithClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> L2mu.Options.lif().withSubsteps(2));
        assertTrue(e.getMessage().contains("substeps") && e.getMessage().contains("2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> L2mu.convert(model, List.of(new double[7]), L2mu.Options.lif()));
        assertTrue(e.getMessage().contains("calibration window 0") && e.getMessage().contains("6 channels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> L2mu.convert(model, List.of(), L2mu.Options.lif()));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }
}
