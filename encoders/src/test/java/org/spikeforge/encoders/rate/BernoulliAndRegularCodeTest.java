package org.spikeforge.encoders.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.SpikeTrain;

/** The Bernoulli code follows snnTorch's spikegen.rate semantics; the regular code is exact. */
class BernoulliAndRegularCodeTest {

    @Test
    void bernoulliSpikesWithTheClampedProbabilityPerStep() {
        // snnTorch clamps gain·x + offset to [0, 1]: -0.5 -> 0, 0.25, 0.7, 3 -> 1
        NdArray x = NdArray.vector(-0.5, 0.25, 0.7, 3.0);
        int steps = 20_000;
        SpikeTrain t = new BernoulliCode(1, 0, steps, 0, false, 1, 7).encode(x);
        int[] c = t.counts();
        assertEquals(0, c[0]);
        assertEquals(steps, c[3]);
        for (int i = 1; i <= 2; i++) {
            double p = x.get(i);
            assertEquals(p * steps, c[i], 4 * Math.sqrt(steps * p * (1 - p)), "binomial count of channel " + i);
        }
    }

    @Test
    void bernoulliGainAndOffsetScaleTheProbability() {
        int steps = 20_000;
        SpikeTrain t = new BernoulliCode(0.5, 0.1, steps, 0, false, 1, 8).encode(NdArray.vector(0.6)); // p = 0.4
        assertEquals(0.4 * steps, t.counts()[0], 4 * Math.sqrt(steps * 0.24));
    }

    @Test
    void bernoulliIsSilentBeforeTheFirstSpikeTime() {
        SpikeTrain t = new BernoulliCode(1, 0, 50, 10, false, 1, 1).encode(NdArray.vector(1.0, 1.0));
        for (int k = 0; k < t.spikeCount(); k++) assertTrue(t.stepOf(k) >= 10);
        assertEquals(80, t.spikeCount(), "p = 1 fires in each of the 40 remaining steps");
    }

    @Test
    void bernoulliTimeVaryingInputUsesOneRowPerStepAndPrependsSilence() {
        NdArray series = NdArray.matrix(new double[][] {{1, 0}, {0, 1}, {1, 1}});
        SpikeTrain t = new BernoulliCode(1, 0, 1, 2, true, 1, 1).encode(series);
        assertEquals(5, t.steps());
        // p = 1 or 0 makes the draws deterministic: two silent steps, then the series row by row
        double[] d = t.toArray().data();
        double[] expected = {0, 0, 0, 0, 1, 0, 0, 1, 1, 1};
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, d);
    }

    @Test
    void bernoulliRejectsAFirstSpikeTimePastTheEnd() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BernoulliCode(1, 0, 10, 10, false, 1, 0));
        assertEquals("first_spike_time (10) must be <= num_steps - 1 (9)", e.getMessage());
    }

    @Test
    void regularTrainHasExactIntervalsAndCount() {
        // 0.25 · 100 Hz = 25 Hz over 1 s: spikes at 0, 40, ..., 960 ms
        SpikeTrain t = new RegularCode(100, 0, 1000, 1, 0).encode(NdArray.vector(0.25, 0.0));
        double[] s = t.timesMs(0);
        assertEquals(25, s.length);
        for (int k = 0; k < s.length; k++) assertEquals(40.0 * k, s[k], 1e-9);
        assertEquals(0, t.timesMs(1).length);
        SpikeTrain shifted = new RegularCode(100, 0, 1000, 1, 0.5).encode(NdArray.vector(0.25));
        assertEquals(20.0, shifted.timesMs(0)[0], 1e-9);
    }

    @Test
    void regularRejectsNegativeRatesAndBadPhase() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RegularCode(-100, 0, 10, 1, 0).encode(NdArray.vector(0.1)));
        assertTrue(e.getMessage().startsWith("regular: rate must be >= 0 Hz"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RegularCode(100, 0, 10, 1, 1));
        assertEquals("phase must be in [0, 1), was 1.0", e.getMessage());
    }
}
