package org.spikeforge.encoders.rate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.math3.distribution.ExponentialDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.SpikeSource;
import org.spikeforge.encoders.SpikeTrain;

/**
 * Poisson trains against the Poisson process: rate, Fano factor, ISI CV and the exponential ISI
 * distribution (Kolmogorov–Smirnov), each within a stated statistical bound. Seeds are fixed, so
 * each check is deterministic; the bounds are 4–5 standard errors (or p > 0.001 for KS), so a
 * correct sampler passes them for all but a negligible share of seeds.
 */
class PoissonCodeTest {

    static final double RATE_HZ = 40;
    static final int CHANNELS = 50;
    static final int STEPS = 20_000; // 20 s at 1 ms

    static SpikeTrain train(double refractoryMs, long seed) {
        double[] x = new double[CHANNELS];
        Arrays.fill(x, 0.4); // gain 100 Hz -> 40 Hz
        return new PoissonCode(100, 0, STEPS, 1.0, refractoryMs, seed).encode(NdArray.vector(x));
    }

    static double[] isisMs(SpikeTrain t) {
        double[] all = new double[t.spikeCount()];
        int n = 0;
        for (int c = 0; c < t.channels(); c++) {
            double[] s = t.timesMs(c);
            for (int k = 1; k < s.length; k++) all[n++] = s[k] - s[k - 1];
        }
        return Arrays.copyOf(all, n);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double d : v) s += d;
        return s / v.length;
    }

    static double cv(double[] v) {
        double m = mean(v), ss = 0;
        for (double d : v) ss += (d - m) * (d - m);
        return Math.sqrt(ss / (v.length - 1)) / m;
    }

    @Test
    void meanRateMatchesRequestedRateWithinFourStandardErrors() {
        SpikeTrain t = train(0, 1);
        double seconds = STEPS * 1e-3;
        double expected = RATE_HZ * seconds * CHANNELS;
        // total count of a Poisson process: variance = mean
        assertEquals(expected, t.spikeCount(), 4 * Math.sqrt(expected));
    }

    @Test
    void isiDistributionIsExponentialByKolmogorovSmirnov() {
        double[] isi = isisMs(train(0, 2));
        assertTrue(isi.length > 30_000, "enough intervals for a sharp test: " + isi.length);
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new ExponentialDistribution(null, 1e3 / RATE_HZ), isi);
        assertTrue(p > 1e-3, "KS p-value against Exp(mean 25 ms) was " + p);
        // and the test has power: the same intervals are far from an exponential of a 10 % different rate
        double pWrong = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new ExponentialDistribution(null, 1.1e3 / RATE_HZ), isi);
        assertTrue(pWrong < 1e-6, "KS should reject a wrong mean, p = " + pWrong);
    }

    @Test
    void isiCoefficientOfVariationIsOne() {
        double[] isi = isisMs(train(0, 3));
        // for exponential intervals the sample CV has standard error 1/sqrt(n) (delta method)
        assertEquals(1.0, cv(isi), 5 / Math.sqrt(isi.length));
    }

    @Test
    void fanoFactorOfCountsIsOne() {
        SpikeTrain t = train(0, 4);
        int windowSteps = 500; // 0.5 s windows, mean count 20
        int windows = STEPS / windowSteps;
        double[] counts = new double[windows * CHANNELS];
        for (int k = 0; k < t.spikeCount(); k++) counts[t.channelOf(k) * windows + t.stepOf(k) / windowSteps]++;
        double m = mean(counts), ss = 0;
        for (double c : counts) ss += (c - m) * (c - m);
        double fano = ss / (counts.length - 1) / m;
        // sample variance / mean of N Poisson counts: standard error ~ sqrt(2/(N-1) + 1/m/N)
        double se = Math.sqrt(2.0 / (counts.length - 1) + 1.0 / (m * counts.length));
        assertEquals(1.0, fano, 5 * se);
    }

    @Test
    void deadTimeKeepsTheRateAndSetsCvToOneMinusRateTimesDeadTime() {
        double tau = 10; // ms; r·tau = 0.4
        SpikeTrain t = train(tau, 5);
        double seconds = STEPS * 1e-3;
        double expected = RATE_HZ * seconds * CHANNELS;
        // a renewal process has count variance ~ CV^2 · mean; 5 SE with CV^2 = 0.36
        assertEquals(expected, t.spikeCount(), 5 * Math.sqrt(0.36 * expected));
        double[] isi = isisMs(t);
        assertTrue(Arrays.stream(isi).min().getAsDouble() >= tau, "no interval shorter than the dead time");
        assertEquals(1 - RATE_HZ * tau * 1e-3, cv(isi), 5 / Math.sqrt(isi.length));
        // the excess over the dead time is exponential with hazard r / (1 - r tau)
        double[] excess = Arrays.stream(isi).map(v -> v - tau).toArray();
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new ExponentialDistribution(null, (1 - 0.4) / (RATE_HZ * 1e-3)), excess);
        assertTrue(p > 1e-3, "KS p-value of the excess intervals was " + p);
    }

    @Test
    void stepsHoldTheExactTimesAndTheSourceReplaysThem() {
        SpikeTrain t = new PoissonCode(100, 0, 1000, 0.1, 0, 9).encode(NdArray.vector(1.0, 0.0, 2.0));
        assertTrue(t.hasExactTimes());
        assertEquals(0, t.counts()[1], "rate 0 never fires");
        for (int k = 0; k < t.spikeCount(); k++) {
            assertEquals(Math.floor(t.timeMsOf(k) / 0.1 + 1e-9), t.stepOf(k), "event " + k + " lies in its step");
        }
        SpikeSource src = t.toSource();
        int[] out = new int[3];
        int replayed = 0;
        for (long s = 0; s < 1000; s++) replayed += src.spikes(s, out);
        assertEquals(t.spikeCount(), replayed, "dt 0.1 ms with 100-200 Hz: no two spikes of a channel share a step here");
    }

    @Test
    void sameSeedSameTrainOtherSeedOtherTrain() {
        NdArray x = NdArray.vector(0.5, 0.5, 0.5);
        PoissonCode a = new PoissonCode(100, 0, 1000, 1, 0, 42);
        assertArrayEquals(a.encode(x).toArray().data(), a.encode(x).toArray().data());
        PoissonCode b = new PoissonCode(100, 0, 1000, 1, 0, 43);
        assertTrue(!Arrays.equals(a.encode(x).toArray().data(), b.encode(x).toArray().data()));
    }

    @Test
    void negativeRateIsRejectedNamingTheValue() {
        PoissonCode c = new PoissonCode(100, -10, 100, 1, 0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.encode(NdArray.vector(0.5, 0.05)));
        assertTrue(e.getMessage().contains("rate must be >= 0 Hz, but gain·x + offset = -5.0 Hz for x = 0.05 at flat index 1"), e.getMessage());
    }

    @Test
    void rateAboveTheDeadTimeLimitIsRejected() {
        PoissonCode c = new PoissonCode(1000, 0, 100, 1, 2, 0); // 1000 Hz with 2 ms dead time
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.encode(NdArray.vector(1.0)));
        assertTrue(e.getMessage().contains("must be below 1/refractory = 500.0 Hz"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PoissonCode(1, 0, 100, 1, -1, 0));
        assertEquals("refractory must be >= 0 ms, was -1.0", e.getMessage());
    }
}
