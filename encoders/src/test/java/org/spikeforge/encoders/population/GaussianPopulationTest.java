package org.spikeforge.encoders.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.SpikeTrain;

/** Gaussian receptive fields after Bohte et al. (2002), and the decoder's accuracy across the range. */
class GaussianPopulationTest {

    @Test
    void centresAndWidthFollowBohte() {
        // Bohte et al.: m neurons on [I_min, I_max], μ_i = I_min + (2i-3)/2 · (I_max-I_min)/(m-2), σ = (I_max-I_min)/(β (m-2))
        GaussianPopulation p = new GaussianPopulation(6, 0, 4, 1.5, 10, 0.1, 1);
        double[] mu = {-0.5, 0.5, 1.5, 2.5, 3.5, 4.5};
        for (int i = 0; i < 6; i++) assertEquals(mu[i], p.centre(i), 1e-12);
        assertEquals(1.0 / 1.5, p.sigma(), 1e-12);
    }

    @Test
    void theNeuronCentredOnTheValueFiresFirstAndWeakOnesStaySilent() {
        GaussianPopulation p = new GaussianPopulation(6, 0, 4, 1.5, 101, 0.1, 1);
        SpikeTrain t = p.encode(NdArray.vector(1.5));
        assertEquals(1, t.timesMs(2).length);
        assertEquals(0.0, t.timesMs(2)[0], "response 1 fires at step 0");
        // neighbours at one spacing: a = exp(-1.5²/2) = 0.3247 -> step round(0.6753 · 100) = 68
        assertEquals(68.0, t.timesMs(1)[0]);
        assertEquals(68.0, t.timesMs(3)[0]);
        // two spacings: a = exp(-4.5) = 0.011 < 0.1: silent
        assertEquals(0, t.timesMs(0).length);
        assertEquals(0, t.timesMs(4).length);
        assertEquals(new int[] {101, 1, 6}.length, t.toArray().rank(), "shape (steps, values, neurons)");
    }

    @Test
    void decoderRecoversValuesAcrossTheRangeWithinTheQuantisationBound() {
        int m = 10, steps = 101;
        double lo = -1, hi = 2;
        GaussianPopulation p = new GaussianPopulation(m, lo, hi, 1.5, steps, 0.1, 1);
        int n = 601;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = lo + (hi - lo) * i / (n - 1);
        NdArray decoded = p.decode(p.encode(NdArray.vector(x)).toArray());
        double delta = 0.5 / (steps - 1); // rounding a spike to a step changes the read response by at most this
        double worst = 0;
        for (int i = 0; i < n; i++) {
            // least squares moves x by Σ g'_i ε_i / Σ g'_i² to first order; with |ε_i| <= δ that is at most δ Σ|g'_i| / Σ g'_i²
            double num = 0, den = 0;
            for (int k = 0; k < m; k++) {
                double a = p.response(k, x[i]);
                if (a < 0.1) continue;
                double g = a * (p.centre(k) - x[i]) / (p.sigma() * p.sigma());
                num += Math.abs(g);
                den += g * g;
            }
            double bound = delta * num / den;
            double err = Math.abs(decoded.get(i) - x[i]);
            worst = Math.max(worst, err / bound);
            assertTrue(err <= 1.25 * bound + 1e-9, "x = " + x[i] + ": error " + err + " > 1.25 × first-order bound " + bound);
        }
        // a stated absolute tolerance as well: 1 % of the centre spacing
        double spacing = (hi - lo) / (m - 2);
        for (int i = 0; i < n; i++) assertEquals(x[i], decoded.get(i), 0.01 * spacing, "x = " + x[i]);
        assertTrue(worst > 0.05, "the bound is not vacuous: worst error reached " + worst + " of it");
    }

    @Test
    void rejectsValuesOutsideTheRangeAndTooFewNeurons() {
        GaussianPopulation p = new GaussianPopulation(5, 0, 1, 1.5, 50, 0.1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.encode(NdArray.vector(0.5, 1.2)));
        assertEquals("gaussian_population input must be in [0.0, 1.0], found 1.2 at flat index 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GaussianPopulation(2, 0, 1, 1.5, 50, 0.1, 1));
        assertEquals("neurons must be >= 3, was 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GaussianPopulation(5, 1, 1, 1.5, 50, 0.1, 1));
        assertEquals("max (1.0) must be greater than min (1.0)", e.getMessage());
    }
}
