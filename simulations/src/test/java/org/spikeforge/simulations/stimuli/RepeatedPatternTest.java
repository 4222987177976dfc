package org.spikeforge.simulations.stimuli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The input of Masquelier et al. (2008): a frozen pattern in equally dense noise. */
class RepeatedPatternTest {

    private static RepeatedPattern paper(double jitterMs) {
        return new RepeatedPattern(2000, 1000, 50, 0.25, 0, 90, 10, 50, jitterMs, 0.1, 7);
    }

    @Test
    void ratesAreEqualInsideAndOutsideThePatternAndMatchThePaper() {
        RepeatedPattern p = paper(1);
        RepeatedPattern.Source src = p.source();
        int steps = 20_000; // 2 s
        boolean[] win = p.patternWindows(steps / p.patternSteps() + 1);
        int[] out = new int[2000];
        long patternIn = 0, patternOut = 0, others = 0, stepsIn = 0;
        for (int s = 0; s < steps; s++) {
            int n = src.spikes(s, out);
            boolean in = win[s / p.patternSteps()];
            if (in) stepsIn++;
            for (int k = 0; k < n; k++) {
                if (k > 0) assertTrue(out[k] > out[k - 1], "ascending, each afferent once");
                if (out[k] >= 1000) others++;
                else if (in) patternIn++;
                else patternOut++;
            }
        }
        double rIn = patternIn / 1000.0 / (stepsIn * 1e-4), rOut = patternOut / 1000.0 / ((steps - stepsIn) * 1e-4);
        double rOther = others / 1000.0 / (steps * 1e-4);
        // paper: about 54 Hz of background plus 10 Hz of noise, the same inside and outside the pattern
        assertEquals(64, rOther, 3);
        assertEquals(rOut, rIn, 4, "pattern afferents in the pattern vs outside");
    }

    @Test
    void patternWindowsTakeAFifthOfTheTimeAndNeverFollowEachOther() {
        boolean[] w = paper(0).patternWindows(100_000);
        int n = 0;
        for (int k = 0; k < w.length; k++) {
            if (w[k]) n++;
            if (k > 0) assertTrue(!(w[k] && w[k - 1]), "two pattern windows in a row at " + k);
        }
        // a window holds the pattern with p = 0.25 unless the last one did: stationary share p/(1+p) = 0.2
        assertEquals(0.2, n / 100_000.0, 0.006);
    }

    @Test
    void everyPresentationReplaysTheSameSpikesWithoutJitter() {
        RepeatedPattern p = paper(0);
        RepeatedPattern.Source src = p.source();
        int len = p.patternSteps();
        boolean[] win = p.patternWindows(120);
        List<Set<Long>> shown = new ArrayList<>();
        int[] out = new int[2000];
        Set<Long> current = null;
        for (int s = 0; s < 120 * len; s++) {
            int n = src.spikes(s, out);
            if (s % len == 0) {
                current = win[s / len] ? new HashSet<>() : null;
                if (current != null) shown.add(current);
            }
            if (current != null) for (int k = 0; k < n; k++) if (out[k] < 1000) current.add((long) (s % len) * 10_000 + out[k]);
        }
        assertTrue(shown.size() >= 20, "presentations " + shown.size());
        Set<Long> common = new HashSet<>(shown.get(0));
        for (Set<Long> x : shown) common.retainAll(x);
        // the frozen segment (~54 Hz x 1000 afferents x 50 ms ≈ 2700 spikes) recurs in every presentation;
        // only the 10 Hz noise (≈ 500 spikes) differs
        assertTrue(common.size() > 2400, "spikes common to all presentations: " + common.size());
        for (Set<Long> x : shown) assertTrue(x.size() - common.size() < 800, "noise spikes " + (x.size() - common.size()));
    }

    @Test
    void restartingAndSkippingAheadGiveTheSameSpikes() {
        RepeatedPattern.Source a = paper(1).source(), b = paper(1).source();
        int[] x = new int[2000], y = new int[2000];
        for (int s = 0; s < 3000; s++) a.spikes(s, x);
        int n = a.spikes(3000, x);
        int m = b.spikes(3000, y); // b generates steps 0 … 2999 on the way
        assertArrayEquals(java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, m));
        a.reset();
        int n0 = a.spikes(0, x), m0 = paper(1).source().spikes(0, y);
        assertArrayEquals(java.util.Arrays.copyOf(x, n0), java.util.Arrays.copyOf(y, m0));
    }

    @Test
    void badParametersAreRefusedNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RepeatedPattern(10, 11, 50, 0.25, 0, 90, 10, 50, 0, 0.1, 1))
                .getMessage().startsWith("pattern_size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RepeatedPattern(10, 5, 50, 1.5, 0, 90, 10, 50, 0, 0.1, 1))
                .getMessage().startsWith("pattern_probability"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RepeatedPattern(10, 5, 50, 0.2, 50, 40, 10, 50, 0, 0.1, 1))
                .getMessage().startsWith("rate_max"));
    }
}
