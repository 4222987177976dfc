package org.spikeforge.hardware.photonic;

import java.util.Arrays;

/**
 * A programmed mesh of {@link Mzi}s on {@code N} optical modes, followed by one column of output
 * phase shifters: the result of {@link ClementsDecomposition} or {@link ReckDecomposition}, and
 * the input of the device model ({@link OpticalMatrixMultiplier}).
 *
 * <pre>
 *   U = D · T_K ⋯ T_2 · T_1,     D = diag(e^{iδ_0}, …, e^{iδ_{N−1}})
 * </pre>
 * where {@code T_k = T(θ_k, φ_k)} acts on modes {@code (top_k, top_k + 1)}. Light meets the MZIs
 * in index order {@code k = 0, 1, …}. Each MZI is placed in the earliest column after the last
 * MZI on either of its modes; {@link #depth()} is the number of columns (the optical depth: N for
 * the Clements rectangle, 2N − 3 for the Reck triangle).
 *
 * <p>Invariants: {@code top.length == theta.length == phi.length}, {@code 0 <= top_k < N − 1},
 * {@code outputPhase.length == N}. Arrays are owned by the mesh; accessors return them directly
 * for speed and must not be modified.
 */
public final class MziMesh {
    /** How the mesh was laid out. */
    public enum Layout { CLEMENTS, RECK }

    private final int modes;
    private final Layout layout;
    private final int[] top;
    private final double[] theta;
    private final double[] phi;
    private final double[] outputPhase;
    private final int[] column;
    private final int depth;

    public MziMesh(int modes, Layout layout, int[] top, double[] theta, double[] phi, double[] outputPhase) {
        if (modes < 1) throw new IllegalArgumentException("a mesh needs at least 1 mode, was " + modes);
        if (theta.length != top.length || phi.length != top.length) {
            throw new IllegalArgumentException("mesh arrays differ in length: top " + top.length + ", theta " + theta.length + ", phi " + phi.length);
        }
        if (outputPhase.length != modes) {
            throw new IllegalArgumentException("mesh has " + modes + " modes but " + outputPhase.length + " output phases");
        }
        this.modes = modes;
        this.layout = layout;
        this.top = top;
        this.theta = theta;
        this.phi = phi;
        this.outputPhase = outputPhase;
        this.column = new int[top.length];
        int[] next = new int[modes]; // first free column on each mode
        int d = 0;
        for (int k = 0; k < top.length; k++) {
            int m = top[k];
            if (m < 0 || m >= modes - 1) throw new IllegalArgumentException("MZI " + k + " on modes (" + m + ", " + (m + 1) + ") outside a " + modes + "-mode mesh");
            if (!Double.isFinite(theta[k]) || !Double.isFinite(phi[k])) throw new IllegalArgumentException("MZI " + k + " has a non-finite phase");
            int c = Math.max(next[m], next[m + 1]);
            column[k] = c;
            next[m] = next[m + 1] = c + 1;
            d = Math.max(d, c + 1);
        }
        this.depth = d;
    }

    public int modes() { return modes; }

    public Layout layout() { return layout; }

    public int mziCount() { return top.length; }

    /** Number of MZI columns light crosses, at most. */
    public int depth() { return depth; }

    /** Upper mode of each MZI, in the order light meets them. Do not modify. */
    public int[] top() { return top; }

    /** Internal phase θ of each MZI (rad). Do not modify. */
    public double[] theta() { return theta; }

    /** External (input) phase φ of each MZI (rad). Do not modify. */
    public double[] phi() { return phi; }

    /** Output phase δ of each mode (rad). Do not modify. */
    public double[] outputPhase() { return outputPhase; }

    /** Column of each MZI. Do not modify. */
    public int[] column() { return column; }

    /**
     * Rebuilds the unitary from the phases (the inverse of the decomposition): starting from the
     * identity, each MZI's 2×2 matrix is applied to two rows, then the output phases. Cost
     * {@code O(K·N) = O(N³)}.
     */
    public ComplexMatrix unitary() {
        ComplexMatrix u = ComplexMatrix.identity(modes);
        double[] re = u.re, im = u.im;
        double[] t = new double[8];
        int n = modes;
        for (int k = 0; k < top.length; k++) {
            Mzi.transfer(theta[k], phi[k], Mzi.HALF_SQRT, Mzi.HALF_SQRT, Mzi.HALF_SQRT, Mzi.HALF_SQRT, 1.0, t, 0);
            int r0 = top[k] * n, r1 = r0 + n;
            for (int j = 0; j < n; j++) {
                double ar = re[r0 + j], ai = im[r0 + j], br = re[r1 + j], bi = im[r1 + j];
                re[r0 + j] = t[0] * ar - t[1] * ai + t[2] * br - t[3] * bi;
                im[r0 + j] = t[0] * ai + t[1] * ar + t[2] * bi + t[3] * br;
                re[r1 + j] = t[4] * ar - t[5] * ai + t[6] * br - t[7] * bi;
                im[r1 + j] = t[4] * ai + t[5] * ar + t[6] * bi + t[7] * br;
            }
        }
        for (int i = 0; i < n; i++) {
            double c = Math.cos(outputPhase[i]), s = Math.sin(outputPhase[i]);
            for (int j = 0; j < n; j++) {
                double ar = re[i * n + j], ai = im[i * n + j];
                re[i * n + j] = c * ar - s * ai;
                im[i * n + j] = c * ai + s * ar;
            }
        }
        return u;
    }

    /** Propagates a field (split complex vector of length N) through the ideal mesh, in place. */
    public void propagate(double[] re, double[] im) {
        double[] t = new double[8];
        for (int k = 0; k < top.length; k++) {
            Mzi.transfer(theta[k], phi[k], Mzi.HALF_SQRT, Mzi.HALF_SQRT, Mzi.HALF_SQRT, Mzi.HALF_SQRT, 1.0, t, 0);
            Mzi.apply(t, 0, re, im, top[k]);
        }
        for (int i = 0; i < modes; i++) {
            double c = Math.cos(outputPhase[i]), s = Math.sin(outputPhase[i]);
            double ar = re[i], ai = im[i];
            re[i] = c * ar - s * ai;
            im[i] = c * ai + s * ar;
        }
    }

    /** Number of MZIs that touch each mode (the MZIs light staying in that mode would cross). */
    public int[] mzisPerMode() {
        int[] c = new int[modes];
        for (int m : top) {
            c[m]++;
            c[m + 1]++;
        }
        return c;
    }

    @Override
    public String toString() {
        return layout + " mesh: " + modes + " modes, " + top.length + " MZIs, depth " + depth
                + (top.length <= 6 ? ", top " + Arrays.toString(top) : "");
    }
}
