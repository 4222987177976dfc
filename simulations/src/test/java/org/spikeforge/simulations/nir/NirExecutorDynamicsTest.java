package org.spikeforge.simulations.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikeforge.neurons.ResetMode;
import org.spikeforge.simulations.nir.NirRunOptions.Discretisation;

/** Step semantics of the executor against analytic solutions of the NIR equations. */
class NirExecutorDynamicsTest {

    private static final double DT = 1e-4;

    private static NirTensor v(double x) { return NirTensor.vector(NirTensor.DType.FLOAT64, x); }

    private static NirGraph chain(NirNode node) {
        return NirGraph.builder().node("input", new NirNode.Input(1)).node("n", node).node("output", new NirNode.Output(1))
                .chain("input", "n", "output").build();
    }

    private static double[] constant(double x, int steps) {
        double[] a = new double[steps];
        java.util.Arrays.fill(a, x);
        return a;
    }

    @Test
    void exactLifFollowsTheAnalyticChargingCurve() {
        double tau = 2e-3, r = 3.0, x = 0.5;
        NirGraph g = chain(new NirNode.LIF(v(tau), v(r), v(0), v(100), v(0), Map.of()));
        NirRecording rec = NirExecutor.compile(g, NirRunOptions.defaults().withDt(DT).withDiscretisation(Discretisation.EXACT))
                .run(constant(x, 50), 1, 50);
        for (int t = 0; t < 50; t++) {
            double analytic = r * x * (1 - Math.exp(-(t + 1) * DT / tau));
            assertEquals(analytic, rec.get("n", "v").at(0, t, 0), 1e-6, "step " + t);
        }
    }

    @Test
    void eulerLifIsTheGeometricSeriesOfForwardEuler() {
        double tau = 2e-3, r = 3.0, x = 0.5, a = 1 - DT / tau;
        NirGraph g = chain(new NirNode.LIF(v(tau), v(r), v(0), v(100), v(0), Map.of()));
        NirRecording rec = NirExecutor.compile(g, NirRunOptions.defaults().withDt(DT)).run(constant(x, 50), 1, 50);
        for (int t = 0; t < 50; t++) {
            assertEquals(r * x * (1 - Math.pow(a, t + 1)), rec.get("n", "v").at(0, t, 0), 1e-6, "step " + t);
        }
    }

    @Test
    void exactCubaLifFollowsTheTwoExponentialSolution() {
        double tauSyn = 1e-3, tauMem = 4e-3, r = 2.0, wIn = 1.5, x = 1.0;
        NirGraph g = chain(new NirNode.CubaLIF(v(tauSyn), v(tauMem), v(r), v(0), v(100), v(0), v(wIn), Map.of()));
        NirRecording rec = NirExecutor.compile(g, NirRunOptions.defaults().withDt(DT).withDiscretisation(Discretisation.EXACT))
                .run(constant(x, 80), 1, 80);
        for (int t = 0; t < 80; t++) {
            double s = (t + 1) * DT, iInf = wIn * x;
            double i = iInf * (1 - Math.exp(-s / tauSyn));
            double vv = r * iInf * (1 - (tauMem * Math.exp(-s / tauMem) - tauSyn * Math.exp(-s / tauSyn)) / (tauMem - tauSyn));
            assertEquals(i, rec.get("n", "i").at(0, t, 0), 1e-6, "I at step " + t);
            assertEquals(vv, rec.get("n", "v").at(0, t, 0), 1e-6, "v at step " + t);
        }
    }

    @Test
    void integrateAndFireResetsToValueOrBySubtraction() {
        // v += R·x·dt = 0.3 per step, threshold 1.
        NirGraph g = chain(new NirNode.IF(v(0.3 / DT), v(1.0), v(0.0), Map.of()));
        NirRecording zero = NirExecutor.compile(g, NirRunOptions.defaults().withDt(DT)).run(constant(1, 12), 1, 12);
        NirRecording sub = NirExecutor.compile(g, NirRunOptions.defaults().withDt(DT).withReset(ResetMode.SUBTRACT)).run(constant(1, 12), 1, 12);
        float[] zeroSpikes = zero.get("n", "spk").data(), subSpikes = sub.get("n", "spk").data();
        // zero: 0.3 0.6 0.9 1.2* | 0.3 …: every 4th step. subtract: 1.2* → 0.2, 0.5, 0.8, 1.1* → 0.1, 0.4, 0.7, 1.0 (not > 1), 1.3*
        assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1}, zeroSpikes);
        assertArrayEquals(new float[] {0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0}, subSpikes);
        assertEquals(1.2f, sub.get("n", "v").at(0, 3, 0), 1e-6f, "recorded v is taken before the reset");
    }

    @Test
    void delayShiftsBySeconds() {
        NirGraph g = chain(new NirNode.Delay(v(3 * DT), Map.of()));
        double[] in = {1, 2, 3, 4, 5, 6};
        NirRecording rec = NirExecutor.compile(g, NirRunOptions.defaults().withDt(DT)).run(in, 1, 6);
        assertArrayEquals(new float[] {0, 0, 0, 1, 2, 3}, rec.output().data());
    }

    @Test
    void thresholdAndScaleAreElementwise() {
        NirGraph g = NirGraph.builder().node("input", new NirNode.Input(2))
                .node("th", new NirNode.Threshold(NirTensor.vector(NirTensor.DType.FLOAT64, 0.5, 2.0), Map.of()))
                .node("s", new NirNode.Scale(NirTensor.vector(NirTensor.DType.FLOAT64, 3.0, -1.0), Map.of()))
                .node("output", new NirNode.Output(2)).chain("input", "th", "s", "output").build();
        NirRecording rec = NirExecutor.compile(g, NirRunOptions.defaults()).run(new double[] {0.5, 2.5, 0.6, 1.0}, 1, 2);
        assertArrayEquals(new float[] {0, -1, 3, 0}, rec.output().data());
    }

    @Test
    void recurrentEdgeDeliversThePreviousStep() {
        // An integrator fed by itself: v[t] = v[t-1] + (x[t] + v[t-1]) doubles each step after a single pulse.
        NirGraph g = NirGraph.builder().node("input", new NirNode.Input(1)).node("acc", new NirNode.I(v(1 / DT), Map.of()))
                .node("output", new NirNode.Output(1)).chain("input", "acc", "output").edge("acc", "acc").build();
        NirExecutor exec = NirExecutor.compile(g, NirRunOptions.defaults().withDt(DT));
        assertEquals(java.util.List.of(new NirEdge("acc", "acc")), exec.delayedEdges());
        NirRecording rec = exec.run(new double[] {1, 0, 0, 0, 0}, 1, 5);
        assertArrayEquals(new float[] {1, 2, 4, 8, 16}, rec.get("acc", "v").data());
    }

    @Test
    void batchElementsAreIndependent() {
        NirGraph g = chain(new NirNode.LIF(v(1e-3), v(10), v(0), v(1), v(0), Map.of()));
        NirExecutor exec = NirExecutor.compile(g, NirRunOptions.snntorch());
        double[] a = {1, 0, 0.3, 2, 0, 0}, b = {0, 0.5, 0.5, 0.5, 3, 0};
        double[] both = new double[12];
        System.arraycopy(a, 0, both, 0, 6);
        System.arraycopy(b, 0, both, 6, 6);
        float[] together = exec.run(both, 2, 6).get("n", "v").data();
        float[] alone = new float[12];
        System.arraycopy(exec.run(a, 1, 6).get("n", "v").data(), 0, alone, 0, 6);
        System.arraycopy(exec.run(b, 1, 6).get("n", "v").data(), 0, alone, 6, 6);
        assertArrayEquals(alone, together);
    }

    @Test
    void resetForAnUnknownNodeIsRefusedListingTheSpikingNodes() {
        NirGraph g = chain(new NirNode.LIF(v(1e-3), v(10), v(0), v(1), v(0), Map.of()));
        NirFormatException e = assertThrows(NirFormatException.class,
                () -> NirExecutor.compile(g, NirRunOptions.defaults().withResetArgument("lif=subtract")));
        assertEquals("reset given for 'lif', which is not a spiking node of the graph (spiking nodes: n)", e.getMessage());
    }

    @Test
    void badOptionsAreRefusedWithOneLineMessages() {
        assertEquals("dt must be a positive number of seconds, found -1.0",
                assertThrows(NirFormatException.class, () -> NirRunOptions.defaults().withDt(-1)).getMessage());
        assertEquals("reset must be 'zero' or 'subtract', found 'half'",
                assertThrows(NirFormatException.class, () -> NirRunOptions.defaults().withResetArgument("n=half")).getMessage());
        assertEquals("flavor must be 'nir' or 'snntorch', found 'lava'",
                assertThrows(NirFormatException.class, () -> NirRunOptions.Flavor.parse("lava")).getMessage());
        assertEquals(ResetMode.SUBTRACT, NirRunOptions.defaults().withResetArgument("a.b=subtract").resetOf("a.b"));
    }
}
