package org.spikeforge.synapses.device;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The PCM statistical model, estimated over 10⁵ simulated devices, against its formulas (within 2 %). */
class PcmNoiseTest {
    private static final int N = 100_000;
    private static final PcmNoise PCM = PcmNoise.DEFAULTS;

    @Test
    void formulasGiveTheDocumentedValues() {
        // Hand-evaluated from the device reference: at g_T = 0.1 and 0.5.
        assertEquals(-0.0155 * Math.log(0.1) + 0.0244, PcmNoise.driftMean(0.1), 1e-15);
        assertEquals(0.0600901, PcmNoise.driftMean(0.1), 1e-7);
        assertEquals(0.049, PcmNoise.driftMean(0.5), 0.0, "clipped at its floor");
        assertEquals(0.0228, PcmNoise.driftSigma(0.1), 1e-4);
        assertEquals(0.008, PcmNoise.driftSigma(0.9), 0.0, "clipped at its floor");
        assertEquals(-1.1731 * 0.25 + 1.9650 * 0.5 + 0.2635, PcmNoise.programmingSigma(0.5), 1e-15);
        assertEquals(0.0088 / Math.pow(0.5, 0.65), PcmNoise.readNoiseScale(0.5), 1e-15);
        assertEquals(0.2, PcmNoise.readNoiseScale(1e-4), 0.0, "capped at 0.2");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.25, 0.6})
    void driftExponentEstimatedFromDriftedConductancesMatchesItsDistribution(double gT) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(17L);
        double[] target = new double[N], gProg = new double[N], nu = new double[N], g = new double[N];
        Arrays.fill(target, gT);
        Arrays.fill(gProg, gT * PCM.gMaxMicroS()); // noise-free programming isolates the drift
        PCM.driftExponents(target, nu, rng);
        double t = 3600.0 * 24;
        PCM.drift(gProg, nu, t, g);
        double s = 0, s2 = 0;
        for (int k = 0; k < N; k++) {
            double est = -Math.log(g[k] / gProg[k]) / Math.log(t / PCM.t0Seconds());
            s += est;
            s2 += est * est;
        }
        double mean = s / N, sd = Math.sqrt(s2 / N - mean * mean);
        assertEquals(PcmNoise.driftMean(gT), mean, 0.02 * PcmNoise.driftMean(gT), "mean ν at g_T = " + gT);
        assertEquals(PcmNoise.driftSigma(gT), sd, 0.02 * PcmNoise.driftSigma(gT), "σ_ν at g_T = " + gT);
    }

    @Test
    void programmingNoiseHasItsStandardDeviation() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(23L);
        double gT = 0.4;
        double[] target = new double[N], gProg = new double[N];
        Arrays.fill(target, gT);
        PCM.program(target, gProg, rng);
        double s = 0, s2 = 0;
        for (double v : gProg) {
            s += v;
            s2 += v * v;
        }
        double mean = s / N, sd = Math.sqrt(s2 / N - mean * mean);
        assertEquals(gT * 25.0, mean, 0.02 * PcmNoise.programmingSigma(gT));
        assertEquals(PcmNoise.programmingSigma(gT), sd, 0.02 * PcmNoise.programmingSigma(gT));
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 3600.0, 1e6})
    void readNoiseHasTheAccumulatedOneOverFSpread(double t) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(29L);
        double gT = 0.3;
        double[] target = new double[N], g = new double[N], read = new double[N];
        Arrays.fill(target, gT);
        Arrays.fill(g, gT * 25.0);
        PCM.read(g, target, t, read, rng);
        double s = 0, s2 = 0;
        for (int k = 0; k < N; k++) {
            double rel = (read[k] - g[k]) / g[k];
            s += rel;
            s2 += rel * rel;
        }
        double mean = s / N, sd = Math.sqrt(s2 / N - mean * mean);
        double expected = PcmNoise.readNoiseScale(gT) * Math.sqrt(Math.log((t + 250e-9) / (2 * 250e-9)));
        assertEquals(expected, PCM.readNoiseRelativeSigma(gT, t), 1e-15);
        assertEquals(expected, sd, 0.02 * expected, "relative read-noise σ at t = " + t + " s");
        assertEquals(0.0, mean, 0.02 * expected);
    }

    @Test
    void noDriftBeforeTheReferenceTime() {
        double[] g = {10.0}, nu = {0.1}, out = new double[1];
        PCM.drift(g, nu, 5.0, out);
        assertEquals(10.0, out[0], 0.0);
        PCM.drift(g, nu, 200.0, out);
        assertEquals(10.0 * Math.pow(10, -0.1), out[0], 1e-12);
    }
}
