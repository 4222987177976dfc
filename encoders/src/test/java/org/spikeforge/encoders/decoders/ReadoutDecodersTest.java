package org.spikeforge.encoders.decoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikeforge.encoders.NdArray;

/** Count, rate, first-spike, membrane and population-vector readouts. */
class ReadoutDecodersTest {

    // steps x 3 channels
    static final NdArray RASTER = new NdArray(new double[] {
            0, 1, 0,
            1, 0, 0,
            1, 1, 0,
            0, 1, 0,
            1, 0, 0}, 5, 3);

    @Test
    void spikeCountOverAllStepsAndOverAWindow() {
        assertArrayEquals(new double[] {3, 3, 0}, new SpikeCount(Window.ALL).decode(RASTER).data());
        assertArrayEquals(new double[] {2, 1, 0}, new SpikeCount(new Window(1, 3)).decode(RASTER).data());
    }

    @Test
    void rateIsCountOverWindowDurationInHertz() {
        // 3 spikes in 5 steps of 2 ms = 10 ms -> 300 Hz
        assertArrayEquals(new double[] {300, 300, 0}, new RateReadout(Window.ALL, 2).decode(RASTER).data(), 1e-9);
        // window [2, 4): 4 ms; channel 0 has 1 spike (250 Hz), channel 1 has 2 (500 Hz)
        assertArrayEquals(new double[] {250, 500, 0}, new RateReadout(new Window(2, 4), 2).decode(RASTER).data(), 1e-9);
    }

    @Test
    void firstSpikeTimeInMsOrNaN() {
        double[] t = new FirstSpike(0.5).decode(RASTER).data();
        assertEquals(0.5, t[0]);
        assertEquals(0.0, t[1]);
        assertTrue(Double.isNaN(t[2]));
    }

    @Test
    void membraneReadoutMaxMeanLast() {
        NdArray v = new NdArray(new double[] {-70, -65, -60, -50, -55, -80}, 3, 2);
        assertArrayEquals(new double[] {-55, -50}, new MembraneReadout(MembraneReadout.Mode.MAX, Window.ALL).decode(v).data());
        assertArrayEquals(new double[] {-185.0 / 3, -65}, new MembraneReadout(MembraneReadout.Mode.MEAN, Window.ALL).decode(v).data(), 1e-12);
        assertArrayEquals(new double[] {-55, -80}, new MembraneReadout(MembraneReadout.Mode.LAST, Window.ALL).decode(v).data());
        assertArrayEquals(new double[] {-60, -50}, new MembraneReadout(MembraneReadout.Mode.LAST, new Window(0, 2)).decode(v).data());
    }

    @Test
    void populationVectorOfCosineTunedNeuronsPointsAtTheStimulus() {
        // Georgopoulos: counts n_i = r0 + r1 cos(θ - θ_i) over m >= 3 evenly spaced preferred directions;
        // Σ n_i (cos θ_i, sin θ_i) = (m r1 / 2)(cos θ, sin θ), so the population vector is exactly θ
        int m = 8;
        for (double theta : new double[] {0.3, 2.0, 4.0, 6.1}) {
            double[] counts = new double[m];
            for (int i = 0; i < m; i++) counts[i] = 20 + 10 * Math.cos(theta - 2 * Math.PI * i / m);
            double got = new PopulationVector(0, 2 * Math.PI, true).decode(new NdArray(counts, 1, m)).get(0);
            assertEquals(theta, got, 1e-12);
        }
    }

    @Test
    void linearPopulationVectorIsTheWeightedMeanOfPreferences() {
        // preferences 0, 0.5, 1; counts 1, 2, 3 -> (0 + 1 + 3) / 6
        NdArray r = new NdArray(new double[] {1, 2, 3}, 1, 3);
        assertEquals(4.0 / 6, new PopulationVector(0, 1, false).decode(r).get(0), 1e-15);
        assertTrue(Double.isNaN(new PopulationVector(0, 1, false).decode(new NdArray(new double[3], 1, 3)).get(0)));
    }

    @Test
    void windowsMustFitTheInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SpikeCount(new Window(2, 9)).decode(RASTER));
        assertEquals("count: window [2, 9) exceeds the 5 steps of the input", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Window(4, 2));
        assertEquals("to_step (2) must be >= from_step (4) or -1 for the end", e.getMessage());
    }
}
