package org.spikeforge.synapses.plasticity;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** One synapse 0 → 0, stepped through the rule's static update methods. */
class PairStdpTest {
    private static final double DT = 0.1;
    private static final int[] ROW = {0, 1}, TGT = {0}, COL = {0, 1}, SYN = {0}, SRC = {0};

    /** Runs the rule on a single synapse with the given pre and post spike steps; returns the final weight. */
    static double run(PairStdp rule, double w0, long[] preSteps, long[] postSteps, long steps) {
        float[] w = {(float) w0};
        double[] x = new double[1], y = new double[1];
        double fx = Math.exp(-DT / rule.tauPlusMs()), fy = Math.exp(-DT / rule.tauMinusMs());
        int[] one = {0};
        for (long s = 0; s < steps; s++) {
            PairStdp.decay(x, fx);
            PairStdp.decay(y, fy);
            rule.onPre(one, contains(preSteps, s) ? 1 : 0, ROW, TGT, w, x, y);
            rule.onPost(one, contains(postSteps, s) ? 1 : 0, COL, SYN, SRC, w, x, y);
        }
        return w[0];
    }

    static boolean contains(long[] a, long s) {
        for (long v : a) if (v == s) return true;
        return false;
    }

    private static PairStdp additive(PairStdp.Pairing pairing) {
        return new PairStdp(0.01, 0.012, 16.8, 33.7, new WeightBounds(0, 1), PairStdp.WeightDependence.ADDITIVE, pairing);
    }

    @Test
    void singlePairFollowsTheExponentialWindow() {
        PairStdp rule = additive(PairStdp.Pairing.ALL_TO_ALL);
        for (int lag = -400; lag <= 400; lag += 25) {
            long pre = 500, post = 500 + lag;
            double dw = run(rule, 0.5, new long[] {pre}, new long[] {post}, 1000) - 0.5;
            double dtMs = lag * DT;
            double expected = dtMs >= 0 ? 0.01 * Math.exp(-dtMs / 16.8) : -0.012 * Math.exp(dtMs / 33.7);
            assertEquals(expected, dw, 1e-7, "Δt = " + dtMs + " ms");
            assertEquals(expected, rule.window(dtMs), 1e-15);
        }
    }

    @Test
    void allToAllSumsEveryEarlierSpikeWhileNearestTakesTheLatest() {
        long[] pre = {100, 150}, post = {250}; // pre at 10 and 15 ms, post at 25 ms
        double all = run(additive(PairStdp.Pairing.ALL_TO_ALL), 0.5, pre, post, 400) - 0.5;
        double nearest = run(additive(PairStdp.Pairing.NEAREST), 0.5, pre, post, 400) - 0.5;
        assertEquals(0.01 * (Math.exp(-15 / 16.8) + Math.exp(-10 / 16.8)), all, 1e-7);
        assertEquals(0.01 * Math.exp(-10 / 16.8), nearest, 1e-7);
    }

    @Test
    void multiplicativeUpdatesScaleWithTheDistanceToTheBound() {
        PairStdp rule = new PairStdp(0.1, 0.2, 20, 20, new WeightBounds(0, 2), PairStdp.WeightDependence.MULTIPLICATIVE, null);
        double w0 = 0.5;
        double up = run(rule, w0, new long[] {100}, new long[] {200}, 300) - w0;
        double down = run(rule, w0, new long[] {200}, new long[] {100}, 300) - w0;
        assertEquals(0.1 * (2 - w0) * Math.exp(-10 / 20.0), up, 1e-7);
        assertEquals(-0.2 * (w0 - 0) * Math.exp(-10 / 20.0), down, 1e-7);
    }

    @Test
    void hardBoundsClipAdditiveUpdates() {
        PairStdp rule = new PairStdp(5, 5, 20, 20, new WeightBounds(-1, 1), null, null);
        assertEquals(1.0, run(rule, 0.0, new long[] {100}, new long[] {101}, 200), 0.0);
        assertEquals(-1.0, run(rule, 0.0, new long[] {101}, new long[] {100}, 200), 0.0);
    }

    @Test
    void rejectsNegativeAmplitudeAndCrossedBoundsWithClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PairStdp(-0.1, 0.1, 20, 20, new WeightBounds(0, 1), null, null));
        assertTrue(e.getMessage().contains("a_plus"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new WeightBounds(1, 0));
        assertTrue(e.getMessage().contains("w_min") && e.getMessage().contains("w_max"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PairStdp(0.1, 0.1, 20, 20, WeightBounds.UNBOUNDED,
                PairStdp.WeightDependence.MULTIPLICATIVE, null));
        assertTrue(e.getMessage().contains("finite weight bounds"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PairStdp.Pairing.parse("closest"));
        assertTrue(e.getMessage().contains("'closest'"), e.getMessage());
    }
}
