package org.spikeforge.simulations.conversion;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Each spiking Transformer operator, fed with spike-encoded inputs (IF rate coding, so that
 * S_t/t → x with an error of at most one quantum per t), converges to its ANN function as T grows.
 */
class SpikingOperatorsTest {
    private static final int[] TS = {4, 16, 64, 256};

    /** Rate-codes x (per element) with IF neurons of threshold λ: returns the spike increments over T steps. */
    private static double[][] encode(double[] x, int T, double lambda) {
        double[] v = new double[x.length];
        double[][] d = new double[T][x.length];
        for (int t = 0; t < T; t++) {
            // signed IF: positive and negative parts, each reset by subtraction
            for (int i = 0; i < x.length; i++) {
                v[i] += x[i] / lambda;
                if (v[i] > 1) { v[i] -= 1; d[t][i] = lambda; }
                else if (v[i] < -1) { v[i] += 1; d[t][i] = -lambda; }
            }
        }
        return d;
    }

    /** Runs an expectation-compensating operator on encoded input; returns max |S_out/T − f(x)| at each T of TS. */
    private static double[] errors(SpikingOperators.VectorFunction f, double[] x) {
        double[] exact = new double[x.length];
        f.apply(x.clone(), exact);
        double[] err = new double[TS.length];
        int T = TS[TS.length - 1];
        double[][] d = encode(x, T, maxAbs(x) * 1.01); // rate ≤ 1 spike a step: no saturation
        double[] s = new double[x.length], prev = new double[x.length], out = new double[x.length];
        double[] cumOut = new double[x.length], sc1 = new double[x.length], sc2 = new double[x.length];
        int k = 0;
        for (int t = 1; t <= T; t++) {
            for (int i = 0; i < x.length; i++) s[i] += d[t - 1][i];
            SpikingOperators.step(f, s, t, prev, out, sc1, sc2);
            for (int i = 0; i < x.length; i++) cumOut[i] += out[i];
            if (t == TS[k]) {
                double m = 0;
                for (int i = 0; i < x.length; i++) m = Math.max(m, Math.abs(cumOut[i] / t - exact[i]));
                err[k++] = m;
            }
        }
        return err;
    }

    private static void assertConverges(double[] err, double finalBound) {
        for (int k = 1; k < err.length; k++) assertTrue(err[k] <= err[k - 1] + 1e-12, java.util.Arrays.toString(err));
        assertTrue(err[err.length - 1] < finalBound, java.util.Arrays.toString(err));
        assertTrue(err[0] > 3 * err[err.length - 1], "the error really shrinks: " + java.util.Arrays.toString(err));
    }

    private static double maxAbs(double[] x) {
        double m = 0;
        for (double v : x) m = Math.max(m, Math.abs(v));
        return m;
    }

    private static double[] randomVector(int n, long seed, double scale) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = scale * (2 * r.nextDouble() - 1);
        return x;
    }

    @Test
    void spikingSoftmaxConverges() {
        assertConverges(errors(SpikingOperators.softmax(8), randomVector(32, 1, 2.0)), 0.01);
    }

    @Test
    void spikingLayerNormConverges() {
        double[] g = randomVector(16, 2, 1.0), b = randomVector(16, 3, 0.5);
        assertConverges(errors(SpikingOperators.layerNorm(16, 1e-5, g, b), randomVector(48, 4, 1.5)), 0.05);
    }

    @Test
    void spikingMatmulOfTwoSpikingOperandsConverges() {
        int n = 3, k = 5, m = 4;
        double[] a = randomVector(n * k, 5, 1.0), bm = randomVector(k * m, 6, 1.0);
        double[] exact = new double[n * m];
        for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) for (int q = 0; q < k; q++) exact[i * m + j] += a[i * k + q] * bm[q * m + j];
        int T = TS[TS.length - 1];
        double[][] da = encode(a, T, maxAbs(a) * 1.01), db = encode(bm, T, maxAbs(bm) * 1.01);
        double[] sa = new double[a.length], sb = new double[bm.length], prev = new double[n * m], out = new double[n * m], cum = new double[n * m];
        List<Double> err = new ArrayList<>();
        int c = 0;
        for (int t = 1; t <= T; t++) {
            for (int i = 0; i < a.length; i++) sa[i] += da[t - 1][i];
            for (int i = 0; i < bm.length; i++) sb[i] += db[t - 1][i];
            SpikingOperators.matmulStep(sa, sb, n, k, m, t, prev, out);
            for (int i = 0; i < out.length; i++) cum[i] += out[i];
            if (t == TS[c]) {
                double e = 0;
                for (int i = 0; i < out.length; i++) e = Math.max(e, Math.abs(cum[i] / t - exact[i]));
                err.add(e);
                c++;
            }
        }
        assertConverges(err.stream().mapToDouble(Double::doubleValue).toArray(), 0.05);
    }

    @Test
    void multiThresholdNeuronsApproximateSiluAndGelu() {
        for (var f : List.<java.util.function.DoubleUnaryOperator>of(SpikingOperators.MultiThreshold::silu, SpikingOperators.MultiThreshold::gelu)) {
            SpikingOperators.MultiThreshold m = SpikingOperators.MultiThreshold.fit("f", f, -4, 4, 33);
            double fitErr = 0;
            for (double x = -6; x <= 6; x += 0.01) fitErr = Math.max(fitErr, Math.abs(m.value(x) - f.applyAsDouble(x)));
            assertTrue(fitErr < 0.02, "piecewise fit error " + fitErr);
            // spiking run on constant inputs: |S_T/T − f(x)| shrinks with T
            double[] err = new double[TS.length];
            for (int k = 0; k < TS.length; k++) {
                for (double x = -3; x <= 3; x += 0.37) {
                    err[k] = Math.max(err[k], Math.abs(SpikingOperators.multiThresholdRun(m, x, TS[k], 7.5) / TS[k] - f.applyAsDouble(x)));
                }
            }
            assertTrue(err[TS.length - 1] < 0.05 && err[0] > 2 * err[TS.length - 1], java.util.Arrays.toString(err));
        }
    }
}
