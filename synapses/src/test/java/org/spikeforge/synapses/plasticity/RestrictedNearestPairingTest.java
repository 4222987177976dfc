package org.spikeforge.synapses.plasticity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Restricted nearest-spike pairing (Morrison, Diesmann &amp; Gerstner 2008, Fig. 7C): every spike
 * joins at most one potentiating and one depressing pair, so potentiation and depression alternate.
 */
class RestrictedNearestPairingTest {
    private static final double DT = 0.1;
    private static final int[] ROW = {0, 1}, TGT = {0}, COL = {0, 1}, SYN = {0}, SRC = {0};

    private static PairStdp rule(PairStdp.Pairing pairing) {
        return new PairStdp(0.01, 0.012, 16.8, 33.7, new WeightBounds(0, 1), PairStdp.WeightDependence.ADDITIVE, pairing);
    }

    /** One synapse stepped as a backend does: decay, pre spikes, post spikes. */
    private static double run(PairStdp rule, long[] preSteps, long[] postSteps, long steps) {
        float[] w = {0.5f};
        double[] x = new double[1], y = new double[1];
        long[] lastPre = {Long.MIN_VALUE}, lastPost = {Long.MIN_VALUE};
        double fx = Math.exp(-DT / rule.tauPlusMs()), fy = Math.exp(-DT / rule.tauMinusMs());
        int[] one = {0};
        for (long s = 0; s < steps; s++) {
            PairStdp.decay(x, fx);
            PairStdp.decay(y, fy);
            final long step = s;
            rule.onPre(one, Arrays.stream(preSteps).anyMatch(v -> v == step) ? 1 : 0, ROW, TGT, w, x, y, lastPre, lastPost, s);
            rule.onPost(one, Arrays.stream(postSteps).anyMatch(v -> v == step) ? 1 : 0, COL, SYN, SRC, w, x, y, lastPre, lastPost, s);
        }
        return w[0] - 0.5;
    }

    @Test
    void eachSpikeJoinsAtMostOnePotentiatingAndOneDepressingPair() {
        // pre at 10, 20, 22 ms; post at 15, 17 ms (steps of 0.1 ms)
        long[] pre = {100, 200, 220}, post = {150, 170};
        // restricted: post 15 ← pre 10 (+, Δ 5 ms); post 17 has no new pre (none); pre 20 → post 17 (−, Δ 3 ms);
        // pre 22: no post since pre 20 (none)
        double restricted = run(rule(PairStdp.Pairing.RESTRICTED_NEAREST), pre, post, 300);
        assertEquals(0.01 * Math.exp(-5 / 16.8) - 0.012 * Math.exp(-3 / 33.7), restricted, 1e-7);
        // plain nearest-spike pairing also pairs post 17 ← pre 10 and pre 22 → post 17
        double nearest = run(rule(PairStdp.Pairing.NEAREST), pre, post, 300);
        assertEquals(0.01 * (Math.exp(-5 / 16.8) + Math.exp(-7 / 16.8)) - 0.012 * (Math.exp(-3 / 33.7) + Math.exp(-5 / 33.7)),
                nearest, 1e-7);
    }

    @Test
    void isolatedPairsFollowTheSameWindowAsTheOtherPairings() {
        for (int lag : new int[] {-200, -30, 0, 30, 200}) {
            long[] pre = {500}, post = {500 + lag};
            double expected = rule(PairStdp.Pairing.ALL_TO_ALL).window(lag * DT);
            assertEquals(expected, run(rule(PairStdp.Pairing.RESTRICTED_NEAREST), pre, post, 1000), 1e-7, "lag " + lag);
        }
    }

    @Test
    void aFastPresynapticTrainIsNotDepressedOnEverySpike() {
        // pre every 2 ms, post every 20 ms: restricted pairing lets one depression follow each post spike
        long[] pre = new long[100], post = new long[10];
        for (int k = 0; k < pre.length; k++) pre[k] = 20L * k + 5;
        for (int k = 0; k < post.length; k++) post[k] = 200L * k + 100;
        double restricted = run(rule(PairStdp.Pairing.RESTRICTED_NEAREST), pre, post, 2000);
        double nearest = run(rule(PairStdp.Pairing.NEAREST), pre, post, 2000);
        // pre at 0.5, 2.5, ... ms, post at 10, 30, ... ms: each post spike pairs with the pre 1.5 ms before
        // (+0.01·e^{-1.5/16.8}); only the next pre, 0.5 ms after, pairs with it (−0.012·e^{-0.5/33.7})
        double perCycle = 0.01 * Math.exp(-1.5 / 16.8) - 0.012 * Math.exp(-0.5 / 33.7);
        assertEquals(10 * perCycle, restricted, 1e-6);
        assertTrue(nearest < restricted - 0.1, "nearest depresses on every pre spike: " + nearest);
    }

    @Test
    void tripletRuleRefusesRestrictedPairingAndTheParserKnowsIt() {
        assertEquals(PairStdp.Pairing.RESTRICTED_NEAREST, PairStdp.Pairing.parse("restricted_nearest"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TripletStdp(0.01, 0.01, 0.01, 0.01,
                16.8, 101, 33.7, 125, new WeightBounds(0, 1), PairStdp.Pairing.RESTRICTED_NEAREST));
        assertTrue(e.getMessage().contains("pair stdp only"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> rule(PairStdp.Pairing.RESTRICTED_NEAREST)
                .onPre(new int[] {0}, 1, ROW, TGT, new float[] {0.5f}, new double[1], new double[1]));
    }
}
