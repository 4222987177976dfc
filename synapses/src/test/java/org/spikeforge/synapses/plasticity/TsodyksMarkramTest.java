package org.spikeforge.synapses.plasticity;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class TsodyksMarkramTest {
    private static final double DT = 0.1;

    /** Efficacies u_n·x_n of a regular train of {@code n} spikes with period {@code periodMs}. */
    private static double[] train(TsodyksMarkram tm, double periodMs, int n) {
        double[] u = new double[1], x = new double[1], out = new double[n];
        long[] last = new long[1];
        TsodyksMarkram.reset(u, x, last);
        long every = Math.round(periodMs / DT);
        for (int k = 0; k < n; k++) out[k] = tm.spike(0, 1000 + k * every, DT, u, x, last);
        return out;
    }

    @Test
    void depressingSynapseReachesTheAnalyticSteadyState() {
        TsodyksMarkram tm = new TsodyksMarkram(0.5, 800.0, 0.0);
        double period = 20.0;
        double[] e = train(tm, period, 400);
        assertEquals(0.5, e[0], 0.0, "first spike transmits U");
        assertEquals(0.5 * (1 - 0.5 * Math.exp(-period / 800)), e[1], 1e-12, "second: U·(1 − U·e^{−T/τrec})");
        double d = Math.exp(-period / 800);
        double xStar = (1 - d) / (1 - (1 - 0.5) * d);
        assertEquals(xStar, tm.steadyStateX(period), 1e-15);
        assertEquals(0.5 * xStar, e[399], 1e-9, "steady-state depression U·x*");
        for (int k = 1; k < e.length; k++) assertTrue(e[k] <= e[k - 1] + 1e-15, "monotone depression");
    }

    @Test
    void facilitatingSynapseReachesTheAnalyticSteadyState() {
        TsodyksMarkram tm = new TsodyksMarkram(0.1, 100.0, 1000.0);
        double period = 25.0;
        double[] e = train(tm, period, 600);
        double uStar = 0.1 / (1 - 0.9 * Math.exp(-period / 1000));
        double xStar = (1 - Math.exp(-period / 100)) / (1 - (1 - uStar) * Math.exp(-period / 100));
        assertEquals(uStar * xStar, e[599], 1e-9);
        assertEquals(uStar, tm.steadyStateU(period), 1e-15);
        assertTrue(e[1] > e[0], "facilitation: the second spike transmits more than the first");
    }

    @Test
    void recoversFullyAfterALongPause() {
        TsodyksMarkram tm = new TsodyksMarkram(0.5, 100.0, 0.0);
        double[] u = new double[1], x = new double[1];
        long[] last = new long[1];
        TsodyksMarkram.reset(u, x, last);
        for (int k = 0; k < 20; k++) tm.spike(0, k * 100, DT, u, x, last);
        double after = tm.spike(0, 19 * 100 + 100_000, DT, u, x, last); // 10 s = 100 τ_rec later
        assertEquals(0.5, after, 1e-12);
    }

    @Test
    void rejectsUtilisationOutsideTheUnitIntervalWithClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TsodyksMarkram(1.5, 100, 0));
        assertTrue(e.getMessage().contains("(0, 1]") && e.getMessage().contains("1.5"), e.getMessage());
    }
}
