package org.spikeforge.synapses.device;

import static org.junit.jupiter.api.Assertions.*;

import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class StochasticSwitchingTest {

    @Test
    void fractionSwitchedOnFollowsTheGeometricLawWithinBinomialBounds() {
        StochasticSwitching sw = new StochasticSwitching(0.2, 0.0, 1.0);
        int n = 100_000;
        float[] w = new float[n];
        for (int pulses : new int[] {1, 3, 10}) {
            int on = sw.program(w, 0, n, pulses, RandomSource.XO_RO_SHI_RO_128_PP.create(31L + pulses));
            double p = 1 - Math.pow(0.8, pulses);
            assertEquals(p, sw.onProbability(pulses), 1e-15);
            assertEquals(n * p, on, 5 * Math.sqrt(n * p * (1 - p)), pulses + " pulses");
            int count = 0;
            for (float v : w) {
                assertTrue(v == 0.0f || v == 1.0f, "binary weights");
                if (v == 1.0f) count++;
            }
            assertEquals(on, count);
        }
    }

    @Test
    void rejectsProbabilityOutsideTheUnitIntervalWithClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StochasticSwitching(1.2, 0, 1));
        assertTrue(e.getMessage().contains("p_switch") && e.getMessage().contains("1.2"), e.getMessage());
    }
}
