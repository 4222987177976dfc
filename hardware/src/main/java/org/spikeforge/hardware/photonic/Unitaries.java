package org.spikeforge.hardware.photonic;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/** Random unitaries and the unitarity check the decompositions apply to their input. */
public final class Unitaries {
    /** Default tolerance on {@code max |U·U† − I|} for a matrix to count as unitary. */
    public static final double UNITARITY_TOLERANCE = 1e-9;

    private Unitaries() {}

    /**
     * A unitary drawn from the Haar measure on U(n): a matrix of independent standard complex
     * Gaussians, orthonormalised row by row with Gram–Schmidt (applied twice, which keeps
     * {@code |U·U† − I|} at rounding level). Gram–Schmidt gives the LQ factorisation with a positive
     * diagonal, which is unique, so the factor {@code Q} inherits the Gaussian ensemble's invariance
     * under unitary rotations: it is Haar-distributed (Mezzadri, Notices AMS 54, 592 (2007)).
     */
    public static ComplexMatrix haarRandom(int n, UniformRandomProvider rng) {
        if (n < 1) throw new IllegalArgumentException("unitary size must be >= 1, was " + n);
        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng);
        ComplexMatrix z = new ComplexMatrix(n, n);
        for (int k = 0; k < n * n; k++) {
            z.re[k] = g.sample();
            z.im[k] = g.sample();
        }
        double[] re = z.re, im = z.im;
        for (int i = 0; i < n; i++) {
            int oi = i * n;
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j < i; j++) {
                    int oj = j * n;
                    // projection coefficient <row j, row i> = sum conj(q_j) * z_i
                    double pr = 0, pi = 0;
                    for (int k = 0; k < n; k++) {
                        double qr = re[oj + k], qi = im[oj + k], zr = re[oi + k], zi = im[oi + k];
                        pr += qr * zr + qi * zi;
                        pi += qr * zi - qi * zr;
                    }
                    for (int k = 0; k < n; k++) {
                        double qr = re[oj + k], qi = im[oj + k];
                        re[oi + k] -= pr * qr - pi * qi;
                        im[oi + k] -= pr * qi + pi * qr;
                    }
                }
            }
            double norm = 0;
            for (int k = 0; k < n; k++) norm += re[oi + k] * re[oi + k] + im[oi + k] * im[oi + k];
            double inv = 1.0 / Math.sqrt(norm);
            for (int k = 0; k < n; k++) {
                re[oi + k] *= inv;
                im[oi + k] *= inv;
            }
        }
        return z;
    }

    /** {@code max_ij |(U·U†)_ij − δ_ij|}; for a square matrix only. */
    public static double unitarityError(ComplexMatrix u) {
        requireSquare(u);
        int n = u.rows;
        double worst = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double sr = 0, si = 0;
                for (int k = 0; k < n; k++) {
                    double ar = u.re[i * n + k], ai = u.im[i * n + k];
                    double br = u.re[j * n + k], bi = -u.im[j * n + k];
                    sr += ar * br - ai * bi;
                    si += ar * bi + ai * br;
                }
                if (i == j) sr -= 1.0;
                worst = Math.max(worst, Math.hypot(sr, si));
            }
        }
        return worst;
    }

    /** Throws a one-line {@link IllegalArgumentException} unless {@code u} is square and unitary. */
    public static void requireUnitary(ComplexMatrix u, double tolerance) {
        requireSquare(u);
        int n = u.rows;
        for (int k = 0; k < n * n; k++) {
            if (!Double.isFinite(u.re[k]) || !Double.isFinite(u.im[k])) {
                throw new IllegalArgumentException("matrix is not unitary: element (" + k / n + ", " + k % n + ") is not finite");
            }
        }
        double err = unitarityError(u);
        if (!(err <= tolerance)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "matrix is not unitary: max |U·U† − I| = %.3g, expected <= %.3g (an MZI mesh realises only unitaries; map a general matrix with SvdMapping)",
                    err, tolerance));
        }
    }

    static void requireSquare(ComplexMatrix u) {
        if (!u.isSquare()) {
            throw new IllegalArgumentException("an MZI mesh realises a square N×N unitary, got a " + u.rows + "×" + u.cols
                    + " matrix (map a rectangular matrix with SvdMapping, which pads it to a square mesh)");
        }
    }
}
