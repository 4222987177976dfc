package org.spikeforge.encoders.temporal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spikeforge.encoders.NdArray;
import org.spikeforge.encoders.SpikeTrain;

/** Latency code beyond the snnTorch fixture: the docstring example, exact-time mode, inversion, errors. */
class LatencyCodeTest {

    @Test
    void reproducesTheSnntorchDocstringExample() {
        // spikegen.latency(tensor([0.02, 0.5, 1]), num_steps=5, normalize=True, linear=True)
        // -> feature 2 fires at step 0, feature 1 at step 2, feature 0 at step 4 (times 3.92, 2.0, 0.0)
        LatencyCode c = new LatencyCode(5, 1, 0.01, 1e-7, 0, true, true, false, false, true, 1);
        NdArray x = NdArray.vector(0.02, 0.5, 1);
        double[] t = c.spikeTimes(x);
        assertArrayEquals(new double[] {3.92, 2.0, 0.0}, t, 1e-6);
        assertArrayEquals(new double[] {0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0}, c.encode(x).toArray().data());
    }

    @Test
    void logarithmicTimeIsTheRcChargingTime() {
        // tau ln(x / (x - θ)) is when an RC circuit driven by x reaches θ: x (1 - e^{-t/τ}) = θ
        LatencyCode c = new LatencyCode(200, 10, 0.3, 1e-7, 0, false, false, false, false, false, 0.5);
        double[] t = c.spikeTimes(NdArray.vector(0.4, 0.9));
        for (int i = 0; i < 2; i++) {
            double x = i == 0 ? 0.4 : 0.9;
            assertEquals(0.3, x * (1 - Math.exp(-t[i] / 10)), 1e-12);
        }
    }

    @Test
    void exactModeKeepsContinuousTimesInTheirSteps() {
        LatencyCode c = new LatencyCode(100, 10, 0.3, 1e-7, 0, false, false, false, false, false, 0.5);
        NdArray x = NdArray.vector(0.4, 0.9);
        SpikeTrain train = c.encode(x);
        double[] t = c.spikeTimes(x);
        assertTrue(train.hasExactTimes());
        for (int k = 0; k < train.spikeCount(); k++) {
            int ch = train.channelOf(k);
            assertEquals(t[ch] * 0.5, train.timeMsOf(k), 1e-12, "exact time t·dt");
            assertEquals((int) Math.floor(t[ch]), train.stepOf(k), "the step containing it");
        }
    }

    @Test
    void valueAtInvertsTheUnnormalizedCodes() {
        for (boolean linear : new boolean[] {false, true}) {
            LatencyCode c = new LatencyCode(100, 20, 0.05, 1e-7, 3, linear, false, false, false, false, 1);
            double[] xs = {0.06, 0.2, 0.5, 0.99};
            double[] t = c.spikeTimes(NdArray.vector(xs));
            for (int i = 0; i < xs.length; i++) assertEquals(xs[i], c.valueAt(t[i]), 1e-9, (linear ? "linear" : "log") + " x = " + xs[i]);
        }
    }

    @Test
    void clipSilencesValuesBelowThresholdAndOtherwiseTheyFireLast() {
        NdArray x = NdArray.vector(0.0, 0.5);
        LatencyCode noClip = new LatencyCode(20, 1, 0.2, 1e-7, 0, true, true, false, false, true, 1);
        LatencyCode clip = new LatencyCode(20, 1, 0.2, 1e-7, 0, true, true, true, false, true, 1);
        assertEquals(2, noClip.encode(x).spikeCount());
        assertEquals(1, clip.encode(x).spikeCount());
        assertEquals(1, clip.encode(x).channelOf(0));
    }

    @Test
    void numStepsTooSmallForTheLatencyRangeIsAClearError() {
        // x = 0 clamps to θ + ε: t = 5 ln((0.01 + 1e-7)/1e-7) = 57.6 -> step 58, beyond 49
        LatencyCode c = new LatencyCode(50, 5, 0.01, 1e-7, 0, false, false, false, false, true, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.encode(NdArray.vector(0.0, 0.5)));
        assertTrue(e.getMessage().startsWith("latency: num_steps = 50 is too small for this input: its latest spike falls at step 58"), e.getMessage());
        assertTrue(e.getMessage().contains("use num_steps >= 59"), e.getMessage());
        // with bypass the late spike is dropped, as snnTorch does
        LatencyCode bypass = new LatencyCode(50, 5, 0.01, 1e-7, 0, false, false, false, true, true, 1);
        assertEquals(1, bypass.encode(NdArray.vector(0.0, 0.5)).spikeCount());
    }

    @Test
    void rejectsBadParametersNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LatencyCode(50, 1, 0, 1e-7, 0, false, false, false, false, true, 1));
        assertEquals("threshold must be in (0.0, 1.0), was 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LatencyCode(50, 1, -0.2, 1e-7, 0, false, false, false, false, true, 1));
        assertEquals("threshold must be in (0.0, 1.0), was -0.2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LatencyCode(50, 0, 0.01, 1e-7, 0, false, false, false, false, true, 1));
        assertEquals("tau must be > 0 steps, was 0.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new LatencyCode(10, 1, 0.01, 1e-7, 12, false, false, false, false, true, 1));
        assertEquals("num_steps = 10 is too small for first_spike_time = 12: it must be at least first_spike_time + 1 = 13", e.getMessage());
        LatencyCode c = LatencyCode.snntorchDefaults(20);
        e = assertThrows(IllegalArgumentException.class, () -> c.encode(NdArray.vector(0.5, 1.5)));
        assertEquals("latency input must be in [0.0, 1.0], found 1.5 at flat index 1", e.getMessage());
    }
}
