package org.spikeforge.simulations.analysis;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The analysis figures against hand-computed values and against the known statistics of Poisson and regular trains. */
class SpikeStatisticsTest {

    /** Spikes as parallel arrays in step order from per-neuron step lists. */
    private static int[][] merge(int[][] perNeuron) {
        List<int[]> all = new ArrayList<>();
        for (int n = 0; n < perNeuron.length; n++) for (int s : perNeuron[n]) all.add(new int[] {s, n});
        all.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        int[] steps = new int[all.size()], neurons = new int[all.size()];
        for (int k = 0; k < all.size(); k++) {
            steps[k] = all.get(k)[0];
            neurons[k] = all.get(k)[1];
        }
        return new int[][] {steps, neurons};
    }

    @Test
    void cvOfHandComputedTrains() {
        // neuron 0: ISIs 10, 20 -> mean 15, sd (divisor n) 5 -> CV 1/3
        // neuron 1: regular, every 10 steps -> CV 0
        // neuron 2: one spike -> no interval -> undefined
        // neuron 3: ISIs 1, 1, 4 -> mean 2, sd sqrt(((1-2)^2 + (1-2)^2 + (4-2)^2) / 3) = sqrt(2) -> CV sqrt(2)/2
        int[][] s = merge(new int[][] {{0, 10, 30}, {5, 15, 25, 35, 45}, {7}, {3, 4, 5, 9}});
        double[] cv = SpikeStatistics.cvIsi(4, s[0], s[1]);
        assertEquals(1.0 / 3, cv[0], 1e-12);
        assertEquals(0.0, cv[1], 0.0);
        assertTrue(Double.isNaN(cv[2]));
        assertEquals(Math.sqrt(2) / 2, cv[3], 1e-12);
        // pooled intervals: n0 10, 20; n1 10 four times; n3 1, 1, 4
        int[] isis = SpikeStatistics.isis(4, s[0], s[1]);
        java.util.Arrays.sort(isis);
        assertArrayEquals(new int[] {1, 1, 4, 10, 10, 10, 10, 10, 20}, isis);
    }

    @Test
    void fanoFactorAndCountsOfHandComputedTrain() {
        // Windows of 10 steps from step 0, four windows. Neuron 0 counts [2, 0, 1, 1]: mean 1, var 0.5 -> F = 0.5.
        // Neuron 1 counts [1, 1, 1, 1]: var 0 -> F = 0. Neuron 2 silent -> undefined.
        // A spike at step 40 lies outside the four windows and is ignored.
        int[][] s = merge(new int[][] {{1, 8, 25, 33, 40}, {0, 10, 20, 30}, {}});
        int[] c = SpikeStatistics.windowCounts(3, s[0], s[1], 0, 10, 4);
        assertArrayEquals(new int[] {2, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0}, c);
        double[] f = SpikeStatistics.fanoFactors(3, c, 4);
        assertEquals(0.5, f[0], 1e-12);
        assertEquals(0.0, f[1], 0.0);
        assertTrue(Double.isNaN(f[2]));
    }

    @Test
    void correlationOfIdenticalTrainsIsOneAndOfOppositeTrainsIsMinusOne() {
        int[][] s = merge(new int[][] {{1, 2, 25, 41, 43, 44}, {1, 2, 25, 41, 43, 44}, {12, 33, 34, 35}});
        int[] c = SpikeStatistics.windowCounts(3, s[0], s[1], 0, 10, 5);
        // counts: n0 = n1 = [2, 0, 1, 0, 3]; n2 = [0, 1, 0, 3, 0]
        assertEquals(1.0, SpikeStatistics.countCorrelation(c, 5, 0, 1), 1e-12);
        // Pearson by hand: x = [2,0,1,0,3] (mean 1.2), y = [0,1,0,3,0] (mean 0.8)
        // sum dx*dy = (0.8)(-0.8) + (-1.2)(0.2) + (-0.2)(-0.8) + (-1.2)(2.2) + (1.8)(-0.8) = -4.8
        // sum dx^2 = 6.8, sum dy^2 = 6.8 -> r = -4.8 / 6.8
        assertEquals(-4.8 / 6.8, SpikeStatistics.countCorrelation(c, 5, 0, 2), 1e-12);
        SpikeStatistics.Correlation m = SpikeStatistics.meanPairwiseCorrelation(3, c, 5, 100);
        assertEquals(3, m.pairs());
        assertEquals((1.0 - 4.8 / 6.8 - 4.8 / 6.8) / 3, m.mean(), 1e-12);
    }

    @Test
    void populationRateOfHandComputedTrain() {
        // 4 neurons, dt 0.5 ms, bins of 4 steps (2 ms): spikes per bin [3, 0, 2] -> 3/(4*0.002 s) = 375 Hz, 0, 250 Hz
        int[][] s = merge(new int[][] {{0, 9}, {1}, {3, 10}, {}});
        double[] r = SpikeStatistics.populationRate(4, s[0], 0, 4, 3, 0.5);
        assertArrayEquals(new double[] {375, 0, 250}, r, 1e-9);
    }

    @Test
    void poissonTrainsHaveCvAndFanoNearOneAndNoCorrelation() {
        // Bernoulli spiking with p = rate*dt per step is the discrete Poisson process: ISIs are geometric,
        // CV = sqrt(1 - p); window counts are binomial, F = 1 - p (times (K-1)/K for the divisor-K variance).
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
        int neurons = 100, steps = 20_000;
        double p = 0.02; // 20 Hz at dt = 1 ms, 20 s
        List<int[]> spikes = new ArrayList<>();
        for (int s = 0; s < steps; s++) for (int n = 0; n < neurons; n++) if (rng.nextDouble() < p) spikes.add(new int[] {s, n});
        int[] st = spikes.stream().mapToInt(a -> a[0]).toArray(), ne = spikes.stream().mapToInt(a -> a[1]).toArray();

        PopulationAnalysis a = Analysis.population("poisson", neurons, st, ne, 0, steps, 1.0, new Analysis.Settings(100, 10, 100));
        assertEquals(20.0, a.meanRateHz(), 0.5);
        // Each neuron has ~400 ISIs: sd of its CV about 0.035, of the mean over 100 neurons about 0.004.
        assertEquals(Math.sqrt(1 - p), a.cvIsiMean(), 0.02);
        assertEquals(100, a.cvIsiNeurons());
        // 200 windows of 100 ms: sd of a neuron's F about 0.1, of the mean about 0.01.
        assertEquals(200, a.windows());
        assertEquals((1 - p) * 199 / 200, a.fanoFactorMean(), 0.05);
        // Independent trains: r of a pair has sd 1/sqrt(200) = 0.07; the mean over 4950 pairs is near 0.
        assertEquals(4950, a.correlationPairs());
        assertEquals(0.0, a.correlationMean(), 0.01);
        assertEquals(2000, a.populationRateHz().length);
    }

    @Test
    void regularTrainsHaveCvZeroAndFanoZero() {
        int neurons = 10, steps = 10_000;
        List<int[]> sp = new ArrayList<>();
        for (int s = 0; s < steps; s++) for (int n = 0; n < neurons; n++) if ((s + 7 * n) % 50 == 0) sp.add(new int[] {s, n});
        int[] st = sp.stream().mapToInt(a -> a[0]).toArray(), ne = sp.stream().mapToInt(a -> a[1]).toArray();
        PopulationAnalysis a = Analysis.population("regular", neurons, st, ne, 0, steps, 0.1, new Analysis.Settings(10, 1, 100));
        assertEquals(0.0, a.cvIsiMean(), 1e-12);
        assertEquals(0.0, a.fanoFactorMean(), 1e-12, "10 ms windows hold exactly 2 spikes of a 200 Hz regular train");
        assertEquals(200.0, a.meanRateHz(), 1e-9);
        assertTrue(Double.isNaN(a.correlationMean()), "constant counts have no correlation");
        long isiTotal = a.isiHistogram().total();
        assertEquals(st.length - neurons, isiTotal);
    }

    @Test
    void integerHistogramHasWholeNumberBins() {
        // values 0..9, at most 4 bins -> k = 3 integers per bin: [0,3) [3,6) [6,9) [9,12)
        Histogram h = Histogram.ofIntegers(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9}, 4, 0.5);
        assertArrayEquals(new long[] {3, 3, 3, 2}, h.counts());
        assertArrayEquals(new double[] {0, 1.5, 3, 4.5, 6}, h.edges(), 0);
    }
}
