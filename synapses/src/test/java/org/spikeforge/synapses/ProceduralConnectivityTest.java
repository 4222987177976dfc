package org.spikeforge.synapses;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Procedural connectivity must be the same random graph, in distribution, as stored
 * fixed-probability connectivity: every pair independently connected with probability p.
 * The oracle is the binomial law of the degrees.
 */
class ProceduralConnectivityTest {

    /** Sample mean and (unbiased) variance. */
    private static double[] meanVar(int[] x) {
        double m = 0;
        for (int v : x) m += v;
        m /= x.length;
        double s = 0;
        for (int v : x) s += (v - m) * (v - m);
        return new double[] {m, s / (x.length - 1)};
    }

    @Test
    void inAndOutDegreesAreBinomialWithoutSelfConnections() {
        int n = 3000;
        double p = 0.03;
        ProceduralConnectivity pc = new ProceduralConnectivity(n, n, p, true, 12345L);
        CsrConnectivity c = pc.toCsr();
        int[] out = new int[n];
        for (int s = 0; s < n; s++) out[s] = c.outDegree(s);
        int trials = n - 1; // self pair excluded
        double mu = p * trials, var = p * (1 - p) * trials;
        for (int[] degrees : new int[][] {c.inDegrees(), out}) {
            double[] mv = meanVar(degrees);
            // the mean of n binomials has sd sqrt(var/n); the sample variance has sd ~ var·sqrt(2/(n−1))
            assertEquals(mu, mv[0], 5 * Math.sqrt(var / n), "mean degree");
            assertEquals(var, mv[1], 5 * var * Math.sqrt(2.0 / (n - 1)), "degree variance");
        }
        for (int s = 0; s < n; s++) {
            for (int j = c.rowStart()[s]; j < c.rowStart()[s + 1]; j++) assertNotEquals(s, c.targets()[j], "self-connection " + s);
        }
        assertEquals(pc.expectedSynapses(), pc.synapses(), 5 * Math.sqrt(pc.expectedSynapses()));
    }

    @Test
    void selfConnectionsOccurAtRatePWhenAllowed() {
        int n = 20_000;
        double p = 0.05;
        ProceduralConnectivity pc = new ProceduralConnectivity(n, n, p, false, 7L);
        int[] row = new int[n];
        int self = 0;
        for (int s = 0; s < n; s++) {
            int k = pc.targets(s, row);
            if (Arrays.binarySearch(row, 0, k, s) >= 0) self++;
        }
        assertEquals(p * n, self, 5 * Math.sqrt(n * p * (1 - p)), "self pairs are Bernoulli(p) like any other pair");
    }

    @Test
    void everyTargetPositionIsEquallyLikelyIncludingBlockEdges() {
        // Counts per target, summed over sources, must be flat: chi-square over 100 bins of targets,
        // with bins straddling the block boundary at 4096.
        int sources = 4000, targets = 10_000;
        double p = 0.01;
        ProceduralConnectivity pc = new ProceduralConnectivity(sources, targets, p, false, 99L);
        int bins = 100;
        long[] count = new long[bins];
        int[] row = new int[targets];
        for (int s = 0; s < sources; s++) {
            int k = pc.targets(s, row);
            for (int j = 0; j < k; j++) count[row[j] * bins / targets]++;
        }
        double expected = (double) sources * targets * p / bins;
        double chi2 = 0;
        for (long c : count) chi2 += (c - expected) * (c - expected) / expected;
        // 99 degrees of freedom: mean 99, sd 14; 99 + 5·14 = 169
        assertTrue(chi2 < 169, "chi-square " + chi2);
    }

    @Test
    void rowsAreAscendingAndDeterministicAndBlockRangesConcatenate() {
        ProceduralConnectivity a = new ProceduralConnectivity(500, 9000, 0.02, true, 1L);
        ProceduralConnectivity b = new ProceduralConnectivity(500, 9000, 0.02, true, 1L);
        ProceduralConnectivity c = new ProceduralConnectivity(500, 9000, 0.02, true, 2L);
        assertEquals(3, a.blocks());
        int[] ra = new int[9000], rb = new int[9000], rc = new int[9000], parts = new int[9000];
        boolean anyDifferent = false;
        for (int s = 0; s < 500; s++) {
            int ka = a.targets(s, ra);
            for (int j = 1; j < ka; j++) assertTrue(ra[j - 1] < ra[j], "ascending, distinct");
            int kb = b.targets(s, rb);
            assertArrayEquals(Arrays.copyOf(ra, ka), Arrays.copyOf(rb, kb), "same seed, same row");
            int kc = c.targets(s, rc);
            anyDifferent |= !Arrays.equals(Arrays.copyOf(ra, ka), Arrays.copyOf(rc, kc));
            int at = 0;
            for (int blk = 0; blk < a.blocks(); blk++) at = a.targets(s, blk, blk + 1, parts, at);
            assertArrayEquals(Arrays.copyOf(ra, ka), Arrays.copyOf(parts, at), "block by block = whole row");
            int mid = a.targets(s, 1, 3, parts, 0);
            int expectMid = 0;
            for (int j = 0; j < ka; j++) if (ra[j] >= ProceduralConnectivity.BLOCK) expectMid++;
            assertEquals(expectMid, mid, "blocks 1..2 hold the targets >= BLOCK");
        }
        assertTrue(anyDifferent, "another seed gives another graph");
    }

    @Test
    void totalCountMatchesStoredFixedProbabilityInDistribution() {
        // Same law as ConnectivityRule.FixedProbability: compare both counts with the binomial mean.
        int n = 2000;
        double p = 0.02;
        CsrConnectivity stored = new ConnectivityRule.FixedProbability(p, false)
                .build(n, n, true, RandomSource.XO_RO_SHI_RO_128_PP.create(5L));
        long procedural = new ProceduralConnectivity(n, n, p, true, 5L).synapses();
        double mean = p * n * (n - 1.0), sd = Math.sqrt(mean * (1 - p));
        assertEquals(mean, stored.synapses(), 5 * sd);
        assertEquals(mean, procedural, 5 * sd);
    }

    @Test
    void edgeProbabilities() {
        ProceduralConnectivity none = new ProceduralConnectivity(10, 10, 0.0, false, 3L);
        ProceduralConnectivity all = new ProceduralConnectivity(10, 5000, 1.0, true, 3L);
        int[] row = new int[5000];
        assertEquals(0, none.targets(4, row));
        assertEquals(0, none.synapses());
        assertEquals(4999, all.targets(4, row), "all but itself");
        assertEquals(5, row[4]);
        assertEquals(10 * 4999, all.synapses());
    }

    @Test
    void rejectsBadArgumentsWithClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ProceduralConnectivity(5, 5, 1.5, false, 0));
        assertTrue(e.getMessage().contains("p must be in [0, 1], was 1.5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ProceduralConnectivity(-1, 5, 0.5, false, 0));
    }
}
