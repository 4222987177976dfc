package org.spikeforge.synapses.plasticity;

import static org.junit.jupiter.api.Assertions.*;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class RateRulesTest {

    @Test
    void ojaConvergesToTheLeadingPrincipalComponentOfA2dGaussian() {
        // x = R·diag(√λ)·ξ with λ = (4, 0.5) and R a rotation by 30°: the leading PC is (cos 30°, sin 30°).
        double th = Math.toRadians(30), c = Math.cos(th), s = Math.sin(th);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] w = {0.1, -0.4}, x = new double[2];
        Oja oja = new Oja(0.002, null);
        for (int k = 0; k < 40_000; k++) {
            double a = 2.0 * g.sample(), b = Math.sqrt(0.5) * g.sample();
            x[0] = c * a - s * b;
            x[1] = s * a + c * b;
            oja.update(w, x);
        }
        double norm = Math.hypot(w[0], w[1]);
        double cosine = Math.abs(w[0] * c + w[1] * s) / norm;
        assertTrue(cosine > 0.99, "cosine with the leading PC " + cosine);
        assertEquals(1.0, norm, 0.05, "Oja's rule normalises the weight vector");
    }

    @Test
    void subspaceRuleFindsTheTopTwoPrincipalSubspaceOrthonormally() {
        // 3-D Gaussian with variances (5, 2, 0.2) along the columns of a fixed rotation Q.
        double[][] q = rotation(0.3, -0.7, 1.1);
        double[] sd = {Math.sqrt(5), Math.sqrt(2), Math.sqrt(0.2)};
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        int k = 2, n = 3;
        double[] wts = {0.3, 0.1, -0.2, -0.1, 0.4, 0.2}, x = new double[n], y = new double[k], scratch = new double[n];
        for (int t = 0; t < 60_000; t++) {
            double[] z = {sd[0] * g.sample(), sd[1] * g.sample(), sd[2] * g.sample()};
            for (int i = 0; i < n; i++) x[i] = q[i][0] * z[0] + q[i][1] * z[1] + q[i][2] * z[2];
            Oja.updateSubspace(wts, k, n, x, y, scratch, 0.002, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        // Projector onto the learned rows, WᵀW, against the projector onto the first two columns of Q.
        double err = 0, orth = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double learned = wts[i] * wts[j] + wts[n + i] * wts[n + j];
                double truth = q[i][0] * q[j][0] + q[i][1] * q[j][1];
                err += (learned - truth) * (learned - truth);
            }
        }
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double dot = 0;
                for (int i = 0; i < n; i++) dot += wts[a * n + i] * wts[b * n + i];
                orth += (dot - (a == b ? 1 : 0)) * (dot - (a == b ? 1 : 0));
            }
        }
        assertTrue(Math.sqrt(err) < 0.05, "subspace error " + Math.sqrt(err));
        assertTrue(Math.sqrt(orth) < 0.05, "rows orthonormal, error " + Math.sqrt(orth));
    }

    /** Rotation matrix from three Euler angles (z–y–x). */
    private static double[][] rotation(double a, double b, double c) {
        double ca = Math.cos(a), sa = Math.sin(a), cb = Math.cos(b), sb = Math.sin(b), cc = Math.cos(c), sc = Math.sin(c);
        return new double[][] {
                {ca * cb, ca * sb * sc - sa * cc, ca * sb * cc + sa * sc},
                {sa * cb, sa * sb * sc + ca * cc, sa * sb * cc - ca * sc},
                {-sb, cb * sc, cb * cc}};
    }

    @Test
    void hebbianAddsTheOuterProductAndAntiHebbianSubtractsIt() {
        double[] x = {1.0, -2.0, 0.5}, y = {0.3, -1.0};
        double[] w = new double[6], anti = new double[6];
        new Hebbian(0.1, false, new WeightBounds(-0.15, 0.25)).update(w, 2, 3, x, y);
        new Hebbian(0.1, true, null).update(anti, 2, 3, x, y);
        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < 3; i++) {
                double outer = 0.1 * y[j] * x[i];
                assertEquals(Math.min(Math.max(outer, -0.15), 0.25), w[j * 3 + i], 1e-15, "clipped Hebbian " + j + "," + i);
                assertEquals(-outer, anti[j * 3 + i], 1e-15, "anti-Hebbian " + j + "," + i);
            }
        }
        // The CSR form gives the same update as the dense form on the synapses that exist.
        int[] rowStart = {0, 2, 3, 4}, targets = {0, 1, 1, 0};
        float[] sparse = new float[4];
        Hebbian.updateCsr(rowStart, targets, sparse, x, y, 0.1, -1, 1);
        assertEquals(0.1 * y[0] * x[0], sparse[0], 1e-7);
        assertEquals(0.1 * y[1] * x[0], sparse[1], 1e-7);
        assertEquals(0.1 * y[1] * x[1], sparse[2], 1e-7);
        assertEquals(0.1 * y[0] * x[2], sparse[3], 1e-7);
        assertEquals("anti_hebbian", new Hebbian(0.1, true, null).kind());
    }
}
