package org.spikeforge.hardware.photonic;

/**
 * The Mach–Zehnder interferometer every mesh in this package is built from, and its 2×2 transfer
 * matrix.
 *
 * <p>Physical layout on modes {@code (m, m+1)} (light runs left to right): an external phase
 * shifter {@code φ} on the upper input arm, a 50:50 directional coupler {@code B}, an internal
 * phase shifter {@code θ} on the upper arm, a second coupler {@code B}:
 * <pre>
 *   T(θ, φ) = B · diag(e^{iθ}, 1) · B · diag(e^{iφ}, 1),      B = (1/√2)·[[1, i], [i, 1]]
 *
 *           = ½ · [[ e^{iφ}(e^{iθ} − 1),   i(e^{iθ} + 1) ],
 *                  [ i·e^{iφ}(e^{iθ} + 1),  1 − e^{iθ}   ]]
 * </pre>
 * This is the neuroptica MZI ({@code ½·[[e^{iφ}(e^{iθ}−1), i·e^{iφ}(1+e^{iθ})], [i(e^{iθ}+1),
 * 1−e^{iθ}]]}) transposed, i.e. with its external phase shifter moved from the output to the input
 * arm, which is where Clements et al. (Optica 3, 1460, 2016, Fig. 1) place it; this lets the
 * decomposition collect the leftover phases in one column of <em>output</em> phase shifters. As in
 * neuroptica, {@code θ = φ = 0} is the cross state ({@code [[0, i], [i, 0]]}) and {@code θ = φ = π}
 * the bar state (identity). The power splitting is {@code |T_00|² = sin²(θ/2)}.
 *
 * <p>Non-ideal MZI: couplers with power transmission {@code r_k} instead of ½,
 * {@code B_k = [[c_k, i·s_k], [i·s_k, c_k]]} with {@code c_k = √r_k}, {@code s_k = √(1 − r_k)},
 * and an insertion loss that scales both outputs by the amplitude transmission {@code a}:
 * <pre>
 *   T = a · [[ (c1c2·e^{iθ} − s1s2)·e^{iφ},      i(s1c2·e^{iθ} + c1s2) ],
 *            [ i(c1s2·e^{iθ} + s1c2)·e^{iφ},      c1c2 − s1s2·e^{iθ}    ]]
 * </pre>
 */
public final class Mzi {
    /** √½: the amplitude coefficients of an ideal 50:50 coupler. */
    public static final double HALF_SQRT = Math.sqrt(0.5);

    private Mzi() {}

    /**
     * Writes the transfer matrix of an MZI into {@code out[off … off+8)} as
     * {@code t00re, t00im, t01re, t01im, t10re, t10im, t11re, t11im}.
     *
     * @param c1 amplitude bar coefficient of the first coupler ({@code √½} ideal), likewise {@code s1, c2, s2}
     * @param a  amplitude transmission (1 without loss)
     */
    public static void transfer(double theta, double phi, double c1, double s1, double c2, double s2, double a,
                                double[] out, int off) {
        double ct = Math.cos(theta), st = Math.sin(theta);
        double cp = Math.cos(phi), sp = Math.sin(phi);
        transfer(ct, st, cp, sp, c1, s1, c2, s2, a, out, off);
    }

    /** As {@link #transfer(double, double, double, double, double, double, double, double[], int)} from the cosines and sines. */
    static void transfer(double ct, double st, double cp, double sp, double c1, double s1, double c2, double s2,
                         double a, double[] out, int off) {
        double cc = c1 * c2, ss = s1 * s2, sc = s1 * c2, cs = c1 * s2;
        // u = cc·e^{iθ} − ss ; then T00 = a·u·e^{iφ}
        double ur = cc * ct - ss, ui = cc * st;
        out[off] = a * (ur * cp - ui * sp);
        out[off + 1] = a * (ur * sp + ui * cp);
        // T01 = a·i·(sc·e^{iθ} + cs)
        double vr = sc * ct + cs, vi = sc * st;
        out[off + 2] = -a * vi;
        out[off + 3] = a * vr;
        // T10 = a·i·(cs·e^{iθ} + sc)·e^{iφ}
        double wr = cs * ct + sc, wi = cs * st;
        double xr = -wi, xi = wr; // i·w
        out[off + 4] = a * (xr * cp - xi * sp);
        out[off + 5] = a * (xr * sp + xi * cp);
        // T11 = a·(cc − ss·e^{iθ})
        out[off + 6] = a * (cc - ss * ct);
        out[off + 7] = -a * ss * st;
    }

    /** The ideal, lossless transfer matrix as a 2×2 {@link ComplexMatrix}. */
    public static ComplexMatrix ideal(double theta, double phi) {
        double[] t = new double[8];
        transfer(theta, phi, HALF_SQRT, HALF_SQRT, HALF_SQRT, HALF_SQRT, 1.0, t, 0);
        return new ComplexMatrix(2, 2, new double[] {t[0], t[2], t[4], t[6]}, new double[] {t[1], t[3], t[5], t[7]});
    }

    /** {@code (z_m, z_{m+1}) ← T·(z_m, z_{m+1})} on a split complex vector. */
    static void apply(double[] t, int off, double[] re, double[] im, int m) {
        double ar = re[m], ai = im[m], br = re[m + 1], bi = im[m + 1];
        re[m] = t[off] * ar - t[off + 1] * ai + t[off + 2] * br - t[off + 3] * bi;
        im[m] = t[off] * ai + t[off + 1] * ar + t[off + 2] * bi + t[off + 3] * br;
        re[m + 1] = t[off + 4] * ar - t[off + 5] * ai + t[off + 6] * br - t[off + 7] * bi;
        im[m + 1] = t[off + 4] * ai + t[off + 5] * ar + t[off + 6] * bi + t[off + 7] * br;
    }
}
