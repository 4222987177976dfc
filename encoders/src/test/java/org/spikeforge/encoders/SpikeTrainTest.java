package org.spikeforge.encoders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The sparse spike train: ordering, dense round trip, bipolar layout, replay as an engine source. */
class SpikeTrainTest {

    @Test
    void eventsAddedOutOfOrderAreSortedByStepThenChannel() {
        SpikeTrain t = new SpikeTrain.Builder(new int[] {3}, false, 5, 1).add(4, 0).add(1, 2).add(1, 0).add(3, 1).build();
        int[][] expected = {{1, 0}, {1, 2}, {3, 1}, {4, 0}};
        for (int k = 0; k < 4; k++) {
            assertEquals(expected[k][0], t.stepOf(k));
            assertEquals(expected[k][1], t.channelOf(k));
        }
    }

    @Test
    void denseRoundTripKeepsCountsAndSigns() {
        NdArray raster = new NdArray(new double[] {1, 0, -1, 0, 2, 0, 0, 0, 1, -2, 0, 1}, 3, 2, 2);
        SpikeTrain t = SpikeTrain.fromArray(raster, 0.5, true);
        assertEquals(8, t.channels(), "4 features, on and off");
        assertArrayEquals(raster.data(), t.toArray().data());
        assertArrayEquals(raster.shape(), t.toArray().shape());
        int[] c = t.counts();
        assertEquals(1 + 2 + 1, c[0], "feature 0: one, two and one on spikes");
        assertEquals(1, c[4 + 2], "the off spike of feature 2 at step 0");
        assertEquals(2, c[4 + 1], "two off spikes of feature 1 at step 2");
    }

    @Test
    void sourceReportsEachChannelOncePerStepAndCanRewind() {
        SpikeTrain t = SpikeTrain.fromArray(new NdArray(new double[] {2, 1, 0, 0, 0, 1}, 3, 2), 1, false);
        SpikeSource s = t.toSource();
        int[] out = new int[2];
        assertEquals(2, s.spikes(0, out));
        assertArrayEquals(new int[] {0, 1}, out);
        assertEquals(0, s.spikes(1, out));
        assertEquals(1, s.spikes(2, out));
        assertEquals(1, out[0]);
        assertEquals(2, s.spikes(0, out), "asking for an earlier step again");
        s.reset();
        assertEquals(1, s.spikes(2, out), "skipping steps");
    }

    @Test
    void resamplingMovesEventsToTheCoarserGrid() {
        SpikeTrain.Builder b = new SpikeTrain.Builder(new int[] {1}, false, 10, 0.1);
        b.addAt(0.05, 0);
        b.addAt(0.35, 0);
        b.addAt(0.99, 0);
        SpikeTrain coarse = b.build().resampled(0.25, 4);
        assertEquals(3, coarse.spikeCount());
        assertEquals(0, coarse.stepOf(0));
        assertEquals(1, coarse.stepOf(1));
        assertEquals(3, coarse.stepOf(2));
        assertEquals(0.99, coarse.timeMsOf(2), 0.0, "exact times survive");
    }

    @Test
    void rejectsBadRastersAndIndices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpikeTrain.fromArray(new NdArray(new double[] {0, -1}, 2, 1), 1, false));
        assertTrue(e.getMessage().contains("is negative; only bipolar (on/off) codes have off spikes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SpikeTrain.fromArray(new NdArray(new double[] {0.5}, 1, 1), 1, false));
        assertTrue(e.getMessage().contains("0.5 at step 0, channel 0 is not a spike count"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SpikeTrain.Builder(new int[] {2}, false, 3, 1).add(3, 0));
        assertEquals("spike step 3 outside [0, 3)", e.getMessage());
    }
}
