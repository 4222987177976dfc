package org.spikeforge.encoders.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikeforge.encoders.Fixtures;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.SpikeSource;
import org.spikeforge.encoders.SpikeTrain;
import org.spikeforge.encoders.io.Npy;
import org.spikeforge.encoders.io.NpyArray;

/** Reading (t, x, y, p) events from NPY and CSV, binning them to frames and replaying them as spikes. */
class EventStreamTest {

    @TempDir
    Path tmp;

    static NpyArray npy(String name) throws IOException {
        try (InputStream in = Fixtures.open("npy/" + name)) {
            return Npy.read(in, name);
        }
    }

    @Test
    void readsTonicStyleStructuredNpyWrittenByNumpy() throws IOException {
        // fields x, y, t (µs), p (bool), in that order
        EventStream e = EventReader.fromNpy(npy("events_structured.npy"), "events_structured.npy", TimeUnit.US, 0, 0);
        assertEquals(4, e.size());
        assertEquals(34, e.width(), "inferred: largest x is 33");
        assertEquals(34, e.height());
        assertArrayEquals(new double[] {0.010, 0.020, 0.035, 1000.0}, new double[] {e.timeMs(0), e.timeMs(1), e.timeMs(2), e.timeMs(3)}, 1e-12);
        assertEquals(33, e.x(1));
        assertEquals(33, e.y(2));
        assertEquals(1, e.polarity(0));
        assertEquals(0, e.polarity(1));
    }

    @Test
    void readsAnNBy4ArraySortingByTimeAndMappingMinusOneToOff() throws IOException {
        EventStream e = EventReader.fromNpy(npy("events_n4.npy"), "events_n4.npy", TimeUnit.MS, 4, 3);
        assertEquals(3, e.size());
        assertEquals(1.5, e.timeMs(0));
        assertEquals(0, e.polarity(0), "-1 is off");
        assertEquals(5.0, e.timeMs(1));
        assertEquals(12.25, e.timeMs(2));
        assertEquals(3, e.x(2));
    }

    @Test
    void readsCsvWithAndWithoutHeader() throws IOException {
        String withHeader = "# recorded 2026\nx,y,p,timestamp\n1,2,1,100\n0,0,0,50\n\n3,1,1,300\n";
        EventStream a = EventReader.readCsv(new StringReader(withHeader), "a.csv", TimeUnit.US, 0, 0);
        assertEquals(3, a.size());
        assertEquals(0.05, a.timeMs(0), 1e-12);
        assertEquals(1, a.x(1));
        assertEquals(2, a.y(1));
        String plain = "0.001 3 4 1\n0.002 0 1 0\n";
        Path f = tmp.resolve("e.csv");
        Files.writeString(f, plain);
        EventStream b = EventReader.readCsv(f, TimeUnit.S, 8, 8);
        assertEquals(2.0, b.timeMs(1), 1e-12);
        assertEquals(8, b.width());
    }

    @Test
    void badEventFilesGiveErrorsNamingFileAndLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventReader.readCsv(new StringReader("t,x,y,p\n1,2,3,1\n2,2\n"), "bad.csv", TimeUnit.US, 0, 0));
        assertEquals("bad.csv line 3: expected 4 fields (t, x, y, p), found 2: 2,2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EventReader.readCsv(new StringReader("1,2.5,3,1\n"), "frac.csv", TimeUnit.US, 0, 0));
        assertEquals("frac.csv line 1: x = 2.5 must be a whole number >= 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EventReader.readCsv(new StringReader("1,9,3,1\n"), "wide.csv", TimeUnit.US, 8, 8));
        assertEquals("wide.csv line 1: x = 9 outside the sensor width 8", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> EventReader.fromNpy(NpyArray.ofFloats(new float[6], 2, 3), "three.npy", TimeUnit.US, 0, 0));
        assertTrue(e.getMessage().startsWith("three.npy: expected structured events or an (n, 4) array"), e.getMessage());
    }

    static EventStream sample() {
        return new EventStream(new double[] {0.2, 1.0, 1.7, 2.0, 5.9}, new int[] {0, 1, 1, 0, 2}, new int[] {0, 0, 1, 1, 1},
                new byte[] {1, 0, 1, 1, 0}, 3, 2);
    }

    @Test
    void framesCountEventsPerBinPolarityAndPixel() {
        NdArray f = sample().toFrames(2.0); // bins [0,2), [2,4), [4,6)
        assertArrayEquals(new int[] {3, 2, 2, 3}, f.shape());
        double[] d = f.data();
        int frame = 2 * 2 * 3;
        // bin 0: on (0,0) at 0.2, off (1,0) at 1.0, on (1,1) at 1.7
        assertEquals(1, d[(1 * 2 + 0) * 3 + 0]);
        assertEquals(1, d[(0 * 2 + 0) * 3 + 1]);
        assertEquals(1, d[(1 * 2 + 1) * 3 + 1]);
        // bin 1: on (0,1) at 2.0; bin 2: off (2,1) at 5.9
        assertEquals(1, d[frame + (1 * 2 + 1) * 3 + 0]);
        assertEquals(1, d[2 * frame + (0 * 2 + 1) * 3 + 2]);
        double total = 0;
        for (double v : d) total += v;
        assertEquals(5, total, "every event lands in exactly one frame");
    }

    @Test
    void spikesKeepExactEventTimes() {
        SpikeTrain t = sample().toSpikeTrain(0.5);
        assertEquals(12, t.features());
        assertEquals(12, t.steps(), "long enough for the event at 5.9 ms");
        assertTrue(t.hasExactTimes());
        assertEquals(5.9, t.timeMsOf(4), 0);
        assertEquals(11, t.stepOf(4));
        SpikeSource s = t.toSource();
        int[] out = new int[12];
        assertEquals(1, s.spikes(3, out)); // 1.7 ms -> step 3, on (1,1): channel (1·2 + 1)·3 + 1
        assertEquals(10, out[0]);
    }

    @Test
    void structuredNpyRoundTrip() throws IOException {
        Path f = tmp.resolve("ev.npy");
        Npy.write(f, sample().toNpy());
        EventStream back = EventReader.readNpy(f, TimeUnit.US, 3, 2);
        assertArrayEquals(sample().toArray().data(), back.toArray().data(), 1e-9);
    }
}
