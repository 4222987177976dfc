package org.spikeforge.encoders.current;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.spikeforge.encoders.CurrentRaster;
import org.spikeforge.encoders.CurrentSource;
import org.spikeforge.encoders.NdArray;

/** Direct current injection: scaled values, held per sample, and the engine's CurrentSource view. */
class DirectCurrentTest {

    @Test
    void staticValuesAreScaledAndHeldForNumSteps() {
        CurrentRaster r = new DirectCurrent(200, 50, 4, 0.5, 0).encode(NdArray.vector(0.0, 1.0, -0.5));
        assertArrayEquals(new int[] {4, 3}, r.toArray().shape());
        for (int s = 0; s < 4; s++) {
            assertEquals(50, r.currentPa(s, 0));
            assertEquals(250, r.currentPa(s, 1));
            assertEquals(-50, r.currentPa(s, 2));
        }
    }

    @Test
    void seriesIsHeldPerSampleOnTheFinerStepGrid() {
        // 4 samples at 250 Hz (4 ms each) on a 1 ms grid: each sample lasts 4 steps; 16 steps in all
        NdArray series = new NdArray(new double[] {1, 2, 3, 4}, 4, 1);
        CurrentRaster r = new DirectCurrent(10, 0, 0, 1, 250).encode(series);
        assertEquals(16, r.steps());
        for (int s = 0; s < 16; s++) assertEquals(10.0 * (1 + s / 4), r.currentPa(s, 0), "step " + s);
        // asked for longer than the series: 0 pA after it ends
        CurrentRaster longer = new DirectCurrent(10, 0, 20, 1, 250).encode(series);
        assertEquals(0, longer.currentPa(17, 0));
    }

    @Test
    void currentSourcesReproduceTheRasterStepByStep() {
        NdArray series = new NdArray(new double[] {1, 0, 1, 1, 3, 1, 0, 0}, 4, 2);
        CurrentRaster r = new DirectCurrent(5, 1, 0, 1, 1000).encode(series);
        CurrentSource[] src = r.toCurrentSources();
        assertEquals(2, src.length);
        for (int c = 0; c < 2; c++) {
            for (int s = 0; s < r.steps(); s++) assertEquals(r.currentPa(s, c), src[c].amplitudeAt(s), "channel " + c + " step " + s);
            assertEquals(0, src[c].amplitudeAt(r.steps()), "no current after the raster");
        }
        // channel 0 is 6, 6, 16, 1 pA: changes at steps 0, 2, 3 and the end, not at step 1
        assertEquals(false, src[0].changesAt(1));
        assertEquals(true, src[0].changesAt(2));
    }

    @Test
    void rejectsStaticInputWithoutSteps() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DirectCurrent(1, 0, 0, 1, 0));
        assertEquals("num_steps must be >= 1 for a static input (sample_rate = 0)", e.getMessage());
    }
}
