package org.spikeforge.synapses;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class ConnectivityRuleTest {

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    private static void assertValidCsr(CsrConnectivity c) {
        int[] rs = c.rowStart();
        assertEquals(0, rs[0]);
        for (int s = 0; s < c.sources(); s++) {
            assertTrue(rs[s] <= rs[s + 1]);
            for (int j = rs[s] + 1; j < rs[s + 1]; j++) assertTrue(c.targets()[j - 1] < c.targets()[j], "ascending, distinct");
        }
        assertEquals(c.synapses(), rs[c.sources()]);
    }

    @Test
    void largeFixedProbabilityDrawnInTwoPassesEqualsOnePassAndLeavesTheGeneratorWhereOnePassWould() {
        // 1500 x 1500 at p = 0.5 expects 1.1 M synapses: above the two-pass threshold. A generator that
        // cannot rewind (the wrapper hides RestorableUniformRandomProvider) takes the one-pass path.
        ConnectivityRule.FixedProbability rule = new ConnectivityRule.FixedProbability(0.5, false);
        assertTrue(1500.0 * 1500 * 0.5 > ConnectivityRule.FixedProbability.TWO_PASS_SYNAPSES);
        UniformRandomProvider twoPass = rng(7);
        UniformRandomProvider inner = rng(7);
        UniformRandomProvider onePass = inner::nextLong;
        CsrConnectivity a = rule.build(1500, 1500, true, twoPass);
        CsrConnectivity b = rule.build(1500, 1500, true, onePass);
        assertValidCsr(a);
        assertArrayEquals(b.rowStart(), a.rowStart());
        assertArrayEquals(b.targets(), a.targets());
        assertNotNull(a.gaps(), "gaps of at most 65,535: stored as 2-byte gaps");
        assertNull(b.gaps());
        assertEquals(a.synapses(), a.gaps().length, "stored exactly once, no slack");
        assertArrayEquals(b.inDegrees(), a.inDegrees());
        assertEquals(inner.nextLong(), twoPass.nextLong(), "same generator state afterwards");
    }

    @Test
    void largeSparseProjectionWithGapsBeyondSixteenBitsKeepsIndices() {
        // 600,000 sources x 200,000 targets at p = 1e-5 expects 1.2 M synapses (two passes), two a row, and
        // rows whose first target lies beyond 65,534: indices, equal to the one-pass draw
        ConnectivityRule.FixedProbability rule = new ConnectivityRule.FixedProbability(1e-5, false);
        UniformRandomProvider inner = rng(9);
        UniformRandomProvider onePass = inner::nextLong;
        CsrConnectivity a = rule.build(600_000, 200_000, false, rng(9));
        CsrConnectivity b = rule.build(600_000, 200_000, false, onePass);
        assertNull(a.gaps());
        assertArrayEquals(b.rowStart(), a.rowStart());
        assertArrayEquals(b.targets(), a.targets());
    }

    @Test
    void gapCodedRowsDecodeSearchAndValidateLikeIndices() {
        CsrConnectivity ints = new ConnectivityRule.FixedProbability(0.05, true).build(300, 5000, true, rng(4));
        int[] rs = ints.rowStart(), t = ints.targets();
        char[] gaps = new char[t.length];
        for (int s = 0; s < 300; s++) {
            int prev = -1;
            for (int j = rs[s]; j < rs[s + 1]; j++) {
                gaps[j] = (char) (t[j] - prev);
                prev = t[j];
            }
        }
        CsrConnectivity coded = CsrConnectivity.ofGaps(300, 5000, rs, gaps);
        assertArrayEquals(t, coded.targets());
        assertArrayEquals(ints.inDegrees(), coded.inDegrees());
        assertEquals(ints.synapses(), coded.synapses());
        for (int s = 0; s < 300; s += 7) {
            for (int bound : new int[] {0, 1, 2500, 4999, 5000}) {
                int j = coded.lowerBound(s, bound);
                assertEquals(ints.lowerBound(s, bound), j, "row " + s + " bound " + bound);
                assertEquals(ints.targetBefore(s, j), coded.targetBefore(s, j));
                if (j < rs[s + 1]) assertEquals(t[j], coded.targetBefore(s, j) + gaps[j], "entered at its bound");
            }
        }
        char[] beyond = gaps.clone();
        beyond[rs[1] - 1] += 5000;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsrConnectivity.ofGaps(300, 5000, rs, beyond));
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
        char[] zero = gaps.clone();
        zero[rs[1] + 1] = 0;
        assertThrows(IllegalArgumentException.class, () -> CsrConnectivity.ofGaps(300, 5000, rs, zero));
    }

    @Test
    void fixedProbabilityDrawsBinomialCountWithoutSelfConnections() {
        int n = 2000;
        double p = 0.02;
        CsrConnectivity c = new ConnectivityRule.FixedProbability(p, false).build(n, n, true, rng(1));
        assertValidCsr(c);
        double mean = p * n * (n - 1);
        double sd = Math.sqrt(mean * (1 - p));
        assertTrue(Math.abs(c.synapses() - mean) < 5 * sd, "count " + c.synapses() + " vs " + mean);
        for (int s = 0; s < n; s++) {
            for (int j = c.rowStart()[s]; j < c.rowStart()[s + 1]; j++) assertNotEquals(s, c.targets()[j]);
        }
    }

    @Test
    void fixedProbabilityPerPairRateIsUniformAcrossTargets() {
        // Geometric skipping must not bias early or late targets: compare the halves (chi-square-like bound).
        int n = 1000;
        CsrConnectivity c = new ConnectivityRule.FixedProbability(0.05, true).build(n, n, true, rng(3));
        int[] in = c.inDegrees();
        long low = 0, high = 0;
        for (int t = 0; t < n; t++) if (t < n / 2) low += in[t]; else high += in[t];
        double sd = Math.sqrt(c.synapses() / 2.0);
        assertTrue(Math.abs(low - high) < 5 * 2 * sd, low + " vs " + high);
        long self = 0;
        for (int s = 0; s < n; s++) for (int j = c.rowStart()[s]; j < c.rowStart()[s + 1]; j++) if (c.targets()[j] == s) self++;
        assertTrue(self > 0, "self-connections allowed and p·n = 50 expected");
    }

    @Test
    void fixedInDegreeGivesEveryTargetExactlyKDistinctSources() {
        CsrConnectivity c = new ConnectivityRule.FixedInDegree(7, false).build(50, 50, true, rng(2));
        assertValidCsr(c);
        for (int d : c.inDegrees()) assertEquals(7, d);
        for (int s = 0; s < 50; s++) {
            for (int j = c.rowStart()[s]; j < c.rowStart()[s + 1]; j++) assertNotEquals(s, c.targets()[j]);
        }
    }

    @Test
    void fixedOutDegreeGivesEverySourceExactlyKDistinctTargets() {
        CsrConnectivity c = new ConnectivityRule.FixedOutDegree(49, false).build(50, 50, true, rng(4));
        assertValidCsr(c);
        for (int s = 0; s < 50; s++) {
            assertEquals(49, c.outDegree(s));
            for (int j = c.rowStart()[s]; j < c.rowStart()[s + 1]; j++) assertNotEquals(s, c.targets()[j]);
        }
        assertThrows(IllegalArgumentException.class, () -> new ConnectivityRule.FixedOutDegree(50, false).build(50, 50, true, rng(4)));
    }

    @Test
    void oneToOneAndAllToAll() {
        CsrConnectivity o = new ConnectivityRule.OneToOne().build(5, 5, false, rng(0));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, o.targets());
        CsrConnectivity a = new ConnectivityRule.AllToAll(false).build(4, 4, true, rng(0));
        assertEquals(12, a.synapses());
        CsrConnectivity b = new ConnectivityRule.AllToAll(false).build(4, 3, false, rng(0));
        assertEquals(12, b.synapses(), "different populations: no self exclusion");
        assertThrows(IllegalArgumentException.class, () -> new ConnectivityRule.OneToOne().build(3, 4, false, rng(0)));
    }

    @Test
    void explicitPairsKeepTheirValuesThroughCsrOrdering() {
        int[] pre = {2, 0, 2, 1, 0};
        int[] post = {1, 3, 0, 2, 1};
        ConnectivityRule.Explicit e = new ConnectivityRule.Explicit(pre, post);
        CsrConnectivity c = e.build(3, 4, false, rng(0));
        int[] order = e.csrOrder(3, 4);
        assertValidCsr(c);
        Set<String> got = new HashSet<>();
        for (int s = 0; s < 3; s++) {
            for (int j = c.rowStart()[s]; j < c.rowStart()[s + 1]; j++) {
                assertEquals(pre[order[j]], s);
                assertEquals(post[order[j]], c.targets()[j]);
                got.add(s + ">" + c.targets()[j]);
            }
        }
        assertEquals(Set.of("2>1", "0>3", "2>0", "1>2", "0>1"), got);
    }

    @Test
    void sameStreamGivesSameSynapses() {
        ConnectivityRule r = new ConnectivityRule.FixedProbability(0.1, false);
        CsrConnectivity a = r.build(300, 300, true, rng(9));
        CsrConnectivity b = r.build(300, 300, true, rng(9));
        CsrConnectivity c = r.build(300, 300, true, rng(10));
        assertArrayEquals(a.targets(), b.targets());
        assertFalse(Arrays.equals(a.targets(), c.targets()));
    }
}
