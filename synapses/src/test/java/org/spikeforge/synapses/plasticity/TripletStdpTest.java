package org.spikeforge.synapses.plasticity;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * The pairing protocol of Sjöström et al. 2001 as modelled by Pfister &amp; Gerstner 2006: 60
 * pre/post pairings with Δt = ±10 ms at frequencies from 0.1 to 50 Hz.
 */
class TripletStdpTest {
    private static final double DT = 1.0;
    private static final int PAIRINGS = 60;
    private static final int[] ROW = {0, 1}, TGT = {0}, COL = {0, 1}, SYN = {0}, SRC = {0};
    private static final WeightBounds WIDE = new WeightBounds(-10, 10);

    /** Pre and post spike times (ms) of the protocol. */
    private static double[][] protocol(double hz, double deltaT) {
        double period = 1000.0 / hz;
        double[] pre = new double[PAIRINGS], post = new double[PAIRINGS];
        for (int k = 0; k < PAIRINGS; k++) {
            double t0 = 100 + k * period;
            pre[k] = deltaT > 0 ? t0 : t0 - deltaT;
            post[k] = deltaT > 0 ? t0 + deltaT : t0;
        }
        return new double[][] {pre, post};
    }

    /** The weight change of the protocol, stepped through the rule's online traces. */
    private static double online(TripletStdp r, double hz, double deltaT) {
        double[][] p = protocol(hz, deltaT);
        long end = Math.round(p[0][PAIRINGS - 1] / DT) + 100;
        float[] w = {0f};
        double[] r1 = new double[1], r2 = new double[1], o1 = new double[1], o2 = new double[1];
        double f1 = Math.exp(-DT / r.tauPlusMs()), f2 = Math.exp(-DT / r.tauXMs());
        double g1 = Math.exp(-DT / r.tauMinusMs()), g2 = Math.exp(-DT / r.tauYMs());
        int[] one = {0};
        int ip = 0, iq = 0;
        for (long s = 0; s <= end; s++) {
            PairStdp.decay(r1, f1);
            PairStdp.decay(r2, f2);
            PairStdp.decay(o1, g1);
            PairStdp.decay(o2, g2);
            int nPre = ip < PAIRINGS && Math.round(p[0][ip] / DT) == s ? 1 : 0;
            int nPost = iq < PAIRINGS && Math.round(p[1][iq] / DT) == s ? 1 : 0;
            ip += nPre;
            iq += nPost;
            r.onPre(one, nPre, ROW, TGT, w, r1, r2, o1);
            r.onPost(one, nPost, COL, SYN, SRC, w, r1, o1, o2);
        }
        return w[0];
    }

    /** Independent oracle: the all-to-all model as explicit sums of exponentials over earlier spikes. */
    private static double closedForm(TripletStdp r, double hz, double deltaT) {
        double[][] p = protocol(hz, deltaT);
        double[] pre = p[0], post = p[1];
        double dw = 0;
        for (double t : post) {
            double rr1 = sum(pre, t, r.tauPlusMs()), oo2 = sum(post, t, r.tauYMs());
            dw += rr1 * (r.a2Plus() + r.a3Plus() * oo2);
        }
        for (double t : pre) {
            double oo1 = sum(post, t, r.tauMinusMs()), rr2 = sum(pre, t, r.tauXMs());
            dw -= oo1 * (r.a2Minus() + r.a3Minus() * rr2);
        }
        return dw;
    }

    /** Σ over spikes strictly before t of e^{−(t − t_k)/τ}. */
    private static double sum(double[] spikes, double t, double tau) {
        double s = 0;
        for (double tk : spikes) if (tk < t) s += Math.exp(-(t - tk) / tau);
        return s;
    }

    @Test
    void onlineTracesEqualTheExplicitSumsOfThePairingProtocol() {
        TripletStdp r = TripletStdp.visualCortexAllToAll(WIDE);
        for (double hz : new double[] {0.1, 10, 20, 40, 50}) {
            for (double dt : new double[] {10, -10}) {
                double expected = closedForm(r, hz, dt);
                assertEquals(expected, online(r, hz, dt), 1e-6 + 1e-5 * Math.abs(expected), hz + " Hz, Δt = " + dt);
            }
        }
    }

    @Test
    void visualCortexFitDepressesAtLowFrequencyAndPotentiatesAboveTwentyHertz() {
        TripletStdp r = TripletStdp.visualCortexAllToAll(WIDE);
        // Post-before-pre pairs (Δt = −10 ms): depression at 0.1, 10 and 20 Hz, potentiation at 40 and 50 Hz.
        assertTrue(online(r, 0.1, -10) < -0.1, "0.1 Hz, Δt = −10: depression");
        assertTrue(online(r, 10, -10) < 0, "10 Hz, Δt = −10: depression");
        assertTrue(online(r, 20, -10) < 0, "20 Hz, Δt = −10: depression");
        assertTrue(online(r, 40, -10) > 0, "40 Hz, Δt = −10: potentiation");
        assertTrue(online(r, 50, -10) > 0, "50 Hz, Δt = −10: potentiation");
        // Pre-before-post pairs (Δt = +10 ms): no change at 0.1 Hz (A₂₊ ≈ 0), potentiation growing with frequency.
        assertEquals(0.0, online(r, 0.1, 10), 1e-6, "0.1 Hz, Δt = +10: no pair potentiation without triplets");
        double prev = 0;
        for (double hz : new double[] {10, 20, 40, 50}) {
            double dw = online(r, hz, 10);
            assertTrue(dw > prev, hz + " Hz, Δt = +10: potentiation grows with frequency, " + dw);
            prev = dw;
        }
        // At 50 Hz the order of the pair hardly matters any more: both orders potentiate by similar amounts.
        assertEquals(online(r, 50, 10), online(r, 50, -10), 0.25 * online(r, 50, 10));
    }

    @Test
    void nearestSpikeFitShowsTheSameFrequencyDependence() {
        TripletStdp r = TripletStdp.visualCortexNearest(WIDE);
        assertTrue(online(r, 0.1, -10) < 0);
        assertTrue(online(r, 10, -10) < 0);
        assertTrue(online(r, 50, -10) > 0);
        assertTrue(online(r, 50, 10) > online(r, 10, 10));
        assertTrue(online(r, 10, 10) > 0);
    }
}
