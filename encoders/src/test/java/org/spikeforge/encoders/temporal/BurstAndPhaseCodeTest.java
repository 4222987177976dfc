package org.spikeforge.encoders.temporal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.SpikeTrain;

/** Burst and phase codes: their spike patterns follow the papers' formulas and their decoders invert them. */
class BurstAndPhaseCodeTest {

    static double[] grid(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = i / (double) (n - 1);
        return x;
    }

    @Test
    void burstHasCeilNmaxXSpikesAtMultiplesOfTheInterval() {
        BurstCode c = new BurstCode(100, 5, 2, 20, 1);
        SpikeTrain t = c.encode(NdArray.vector(0.0, 0.1, 0.5, 1.0));
        assertEquals(0, t.timesMs(0).length);
        assertArrayEquals(new double[] {0}, t.timesMs(1)); // ceil(0.5) = 1 spike
        // x = 0.5: ceil(2.5) = 3 spikes, ISI = ceil(20 - 18 · 0.5) = 11
        assertArrayEquals(new double[] {0, 11, 22}, t.timesMs(2));
        // x = 1: 5 spikes, ISI = 2
        assertArrayEquals(new double[] {0, 2, 4, 6, 8}, t.timesMs(3));
    }

    @Test
    void burstDecoderRecoversValuesWithinHalfTheConsistentInterval() {
        BurstCode c = new BurstCode(100, 5, 2, 20, 1);
        double[] x = grid(1001);
        NdArray decoded = c.decode(c.encode(NdArray.vector(x)).toArray());
        for (int i = 0; i < x.length; i++) {
            int n = c.spikesFor(x[i]);
            // the (count, ISI) pair pins x to an interval of width <= 1/N_max, and <= 1/(isi_max - isi_min) once there are 2+ spikes
            double bound = n == 0 ? 0 : n == 1 ? 0.5 / 5 : 0.5 / 18;
            assertEquals(x[i], decoded.get(i), bound + 1e-12, "x = " + x[i]);
        }
    }

    @Test
    void burstRejectsNumStepsTooShortForTheLongestBurst() {
        // for N = 4 spikes x just above 0.6: ISI = ceil(20 - 18·0.6) = 10 (9.2 rounded up), last spike at 3·10 = 30
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BurstCode(30, 5, 2, 20, 1));
        assertEquals("num_steps = 30 is too small for bursts of up to 5 spikes with isi_max 20: the latest spike falls at step 30; use num_steps >= 31",
                e.getMessage());
        BurstCode ok = new BurstCode(31, 5, 2, 20, 1);
        double[] x = grid(2001);
        assertTrue(ok.encode(NdArray.vector(x)).spikeCount() > 0, "the bound is tight but sufficient for every x");
    }

    @Test
    void phaseCodeSpikesAreTheBinaryDigitsMostSignificantFirst() {
        PhaseCode c = new PhaseCode(4, 8, 1);
        // 0.8125 = 0.1101b -> phases 0, 1, 3 in each period
        SpikeTrain t = c.encode(NdArray.vector(0.8125));
        assertArrayEquals(new double[] {0, 1, 3, 4, 5, 7}, t.timesMs(0));
    }

    @Test
    void phaseDecoderRecoversTheQuantisedValue() {
        PhaseCode c = new PhaseCode(6, 18, 1);
        double[] x = grid(997);
        NdArray decoded = c.decode(c.encode(NdArray.vector(x)).toArray());
        for (int i = 0; i < x.length; i++) {
            double q = Math.min(Math.floor(x[i] * 64), 63) / 64;
            assertEquals(q, decoded.get(i), 1e-15, "x = " + x[i]);
            assertTrue(x[i] - decoded.get(i) < 1.0 / 64 + 1e-12);
        }
    }

    @Test
    void phaseRejectsTooFewSteps() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PhaseCode(8, 7, 1));
        assertEquals("num_steps = 7 is too small for a phase code of 8 bits: it needs at least one full period, num_steps >= 8", e.getMessage());
    }
}
