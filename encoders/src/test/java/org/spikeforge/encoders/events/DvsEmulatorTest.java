package org.spikeforge.encoders.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.spikeforge.encoders.NdArray;

/** The DVS emulator against the log-intensity model it implements. */
class DvsEmulatorTest {

    /** Frames (T, h, w) of pixel intensities ramping linearly in time from lo[p] to hi[p]. */
    static NdArray ramp(double[] lo, double[] hi, int frames, int h, int w) {
        double[] d = new double[frames * h * w];
        for (int k = 0; k < frames; k++) {
            double f = k / (double) (frames - 1);
            for (int p = 0; p < h * w; p++) d[k * h * w + p] = lo[p] + f * (hi[p] - lo[p]);
        }
        return new NdArray(d, frames, h, w);
    }

    @Test
    void onEventsOfARampMatchLogIntensityChangeOverThreshold() {
        int h = 3, w = 4, n = h * w;
        double c = 0.15, eps = 0.1;
        double[] lo = new double[n], hi = new double[n];
        for (int p = 0; p < n; p++) {
            lo[p] = 0.05 + 0.03 * p;
            hi[p] = lo[p] * (1.3 + 0.9 * p);
        }
        DvsEmulator dvs = new DvsEmulator(c, c, 0, 0, 0, eps, 1000, 0);
        EventStream ev = dvs.encode(ramp(lo, hi, 50, h, w));
        double[] counts = ev.counts().data();
        for (int p = 0; p < n; p++) {
            double ratio = (Math.log(hi[p] + eps) - Math.log(lo[p] + eps)) / c;
            double frac = ratio - Math.floor(ratio);
            assertTrue(frac > 1e-6 && frac < 1 - 1e-6, "precondition: pixel " + p + " is not on a threshold boundary");
            assertEquals(Math.floor(ratio), counts[n + p], "on events of pixel " + p + " = floor(Δ ln(I + ε) / C)");
            assertEquals(0, counts[p], "no off events on a rising ramp");
        }
        // and a falling ramp gives the off events
        double[] offCounts = dvs.encode(ramp(hi, lo, 50, h, w)).counts().data();
        for (int p = 0; p < n; p++) {
            assertEquals(Math.floor((Math.log(hi[p] + eps) - Math.log(lo[p] + eps)) / c), offCounts[p], "off events of pixel " + p);
        }
    }

    @Test
    void eventTimesAreTheInterpolatedCrossingTimes() {
        // one pixel, ln(I + ε) rising linearly: I + ε = e^{a t}; with ε folded in, I = e^{a t} - ε
        double eps = 0.1, c = 0.2, a = 0.05; // per ms
        int frames = 103; // ΔL = 0.05 · 102 = 5.1: 25 crossings, clear of the 26th
        double[] d = new double[frames];
        for (int k = 0; k < frames; k++) d[k] = Math.exp(a * k) - eps;
        EventStream ev = new DvsEmulator(c, c, 0, 0, 0, eps, 1000, 0).encode(new NdArray(d, frames, 1, 1));
        assertEquals(25, ev.size(), "floor(5.1 / 0.2) crossings");
        for (int i = 0; i < ev.size(); i++) assertEquals((i + 1) * c / a, ev.timeMs(i), 1e-9, "event " + i);
    }

    @Test
    void stillImageGivesNoEventsWithoutNoise() {
        double[] d = new double[30 * 5 * 5];
        for (int i = 0; i < d.length; i++) d[i] = (i % 25) / 25.0;
        EventStream ev = new DvsEmulator(0.1, 0.1, 0.03, 1, 0, 0.1, 1000, 3).encode(new NdArray(d, 30, 5, 5));
        assertEquals(0, ev.size());
    }

    @Test
    void noiseEventsArriveAtTheRequestedRate() {
        double[] d = new double[1001 * 10 * 10];
        Arrays.fill(d, 0.5);
        EventStream ev = new DvsEmulator(0.2, 0.2, 0, 0, 5, 0.1, 1000, 11).encode(new NdArray(d, 1001, 10, 10));
        double expected = 5 * 1.0 * 100; // 5 Hz x 1 s x 100 pixels
        assertEquals(expected, ev.size(), 4 * Math.sqrt(expected));
        double[] c = ev.counts().data();
        double on = 0;
        for (int p = 100; p < 200; p++) on += c[p];
        assertEquals(ev.size() / 2.0, on, 4 * Math.sqrt(ev.size() / 4.0), "polarity is a fair coin");
    }

    @Test
    void refractoryPeriodSpacesEachPixelsEvents() {
        double[] lo = {0.01, 0.02}, hi = {5, 9};
        NdArray frames = ramp(lo, hi, 11, 1, 2); // a fast rise in 10 ms
        EventStream free = new DvsEmulator(0.05, 0.05, 0, 0, 0, 0.01, 1000, 0).encode(frames);
        EventStream refractory = new DvsEmulator(0.05, 0.05, 0, 0.5, 0, 0.01, 1000, 0).encode(frames);
        assertTrue(refractory.size() < free.size(), "refractoriness drops events: " + refractory.size() + " vs " + free.size());
        double[] last = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < refractory.size(); i++) {
            int x = refractory.x(i);
            assertTrue(refractory.timeMs(i) - last[x] >= 0.5 - 1e-12, "event " + i + " respects the 0.5 ms dead time");
            last[x] = refractory.timeMs(i);
        }
    }

    @Test
    void saccadeTurnsA28By28DigitIntoA34By34StreamThatClosesItsLoop() {
        // a synthetic "digit": a bright ring on a dark background
        double[] img = new double[28 * 28];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                double r = Math.hypot(y - 13.5, x - 13.5);
                img[y * 28 + x] = Math.abs(r - 8) < 2.5 ? 1.0 : 0.0;
            }
        }
        DvsEmulator dvs = DvsEmulator.ideal(0.2);
        EventStream ev = dvs.saccade(new NdArray(img, 28, 28), 6, 100);
        assertEquals(34, ev.width());
        assertEquals(34, ev.height());
        assertTrue(ev.size() > 1000, "a moving edge makes many events: " + ev.size());
        assertTrue(ev.lastTimeMs() <= 300, "three saccades of 100 ms");
        // the path returns to its start, so each pixel's log intensity does too; with equal thresholds the
        // reference then sits within one threshold of where it began, which forces on count = off count
        double[] c = ev.counts().data();
        int px = 34 * 34;
        for (int p = 0; p < px; p++) assertEquals(c[p], c[px + p], "pixel " + p + ": on and off events balance");
        // every saccade moves the ring, so events fill all three 100 ms thirds
        NdArray thirds = ev.toFrames(100, 300);
        double[] t = thirds.data();
        for (int b = 0; b < 3; b++) {
            double s = 0;
            for (int i = 0; i < 2 * px; i++) s += t[b * 2 * px + i];
            assertTrue(s > 100, "saccade " + b + " has events: " + s);
        }
    }

    @Test
    void saccadeFramesKeepTheImageWhenTheOffsetIsWhole() {
        double[] img = {1, 2, 3, 4};
        NdArray f = DvsEmulator.ideal(0.2).saccadeFrames(new NdArray(img, 2, 2), 2, 10);
        assertArrayEquals(new int[] {31, 4, 4}, f.shape());
        // frame 0 sits at offset (-1, -1) on a canvas with margin 1: the image occupies rows 0-1, columns 0-1
        double[] d = f.data();
        assertArrayEquals(new double[] {1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, Arrays.copyOf(d, 16));
    }

    @Test
    void rejectsBadParametersAndInputs() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DvsEmulator(0, 0.2, 0, 0, 0, 0.1, 1000, 0));
        assertEquals("threshold_on must be > 0, was 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DvsEmulator.ideal(0.2).encode(new NdArray(new double[4], 2, 2)));
        assertEquals("dvs input must be frames (T, height, width) with T >= 1, got shape [2, 2]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DvsEmulator.ideal(0.2).encode(new NdArray(new double[] {1, -1}, 2, 1, 1)));
        assertEquals("dvs input intensities must be finite and >= 0, found -1.0 in frame 1 at (y, x) = (0, 0)", e.getMessage());
    }
}
