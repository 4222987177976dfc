package org.spikeforge.simulations.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class SpikeTrainDistanceTest {

    @Test
    void oneSpikeAgainstNoneIsOneOverRootTwo() {
        assertEquals(Math.sqrt(0.5), SpikeTrainDistance.vanRossum(new double[] {3.0}, new double[0], 10), 1e-15);
        assertEquals(0.0, SpikeTrainDistance.vanRossum(new double[0], new double[0], 10));
    }

    @Test
    void identicalTrainsAreAtDistanceZero() {
        double[] t = {1, 4, 4.5, 20, 33};
        assertEquals(0.0, SpikeTrainDistance.vanRossum(t, t.clone(), 5), 1e-7);
    }

    @Test
    void twoSingleSpikesDeltaApartFollowTheClosedForm() {
        // D² = ½(1 + 1 − 2e^{−Δ/τ}) = 1 − e^{−Δ/τ}
        for (double delta : new double[] {0.1, 1, 5, 30}) {
            assertEquals(Math.sqrt(1 - Math.exp(-delta / 10)), SpikeTrainDistance.vanRossum(new double[] {7}, new double[] {7 + delta}, 10), 1e-13);
        }
    }

    @Test
    void linearTimeSumEqualsTheDoubleSumOnRandomTrains() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5);
        for (int trial = 0; trial < 50; trial++) {
            double[] a = sortedRandom(rng, rng.nextInt(30)), b = sortedRandom(rng, rng.nextInt(30));
            if (trial % 7 == 0 && a.length > 0 && b.length > 0) {
                b[0] = a[0]; // ties between the trains
                java.util.Arrays.sort(b);
            }
            double tau = 0.5 + 20 * rng.nextDouble();
            double d2 = 0.5 * (brute(a, a, tau) + brute(b, b, tau) - 2 * brute(a, b, tau));
            assertEquals(Math.sqrt(Math.max(d2, 0)), SpikeTrainDistance.vanRossum(a, b, tau), 1e-9);
        }
    }

    private static double[] sortedRandom(UniformRandomProvider rng, int n) {
        double[] t = new double[n];
        for (int k = 0; k < n; k++) t[k] = Math.rint(1000 * rng.nextDouble()) / 10; // on a 0.1 ms grid
        java.util.Arrays.sort(t);
        return t;
    }

    private static double brute(double[] a, double[] b, double tau) {
        double s = 0;
        for (double x : a) for (double y : b) s += Math.exp(-Math.abs(x - y) / tau);
        return s;
    }
}
