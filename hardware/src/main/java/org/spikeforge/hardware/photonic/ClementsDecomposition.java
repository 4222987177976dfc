package org.spikeforge.hardware.photonic;

/**
 * The rectangular decomposition of Clements et al., "Optimal design for universal multiport
 * interferometers", Optica 3, 1460 (2016): any N×N unitary as {@code N(N−1)/2} MZIs of optical
 * depth N, followed by a column of output phases.
 *
 * <p>Algorithm (as in the paper and Strawberry Fields' {@code clements}): the elements of the
 * lower triangle of {@code U} are nulled along anti-diagonals, alternately by MZIs applied from the
 * right ({@code U·T⁻¹}, acting on two columns) and from the left ({@code T'⁻¹·U}, two rows), which
 * leaves a diagonal {@code D}: {@code L·U·R = D}. The left factors are then moved through
 * {@code D}: with {@code T' = Tᵀ} (the MZI with its external phase on the output arm),
 * {@code T'(θ, φ)·diag(d1, d2) = diag(d2·e^{iφ}, d2)·T(θ, arg d1 − arg d2)}, so that every MZI
 * ends up in the input-phase form of {@link Mzi} and all leftover phases in one output column.
 * Cost {@code O(N³)}: each of the {@code N(N−1)/2} steps touches two rows or columns.
 *
 * <p>Reconstruction ({@link MziMesh#unitary()}) is the inverse. In float64 the round trip of a
 * Haar-random unitary is exact to {@code max |ΔU| ≈ 6e-14} at N = 256 and {@code 1.4e-13} at
 * N = 512. Timing: {@code bench/.../ClementsDecompositionBenchmark}.
 */
public final class ClementsDecomposition {
    private ClementsDecomposition() {}

    /** Decomposes {@code u}, which must be square and unitary within {@link Unitaries#UNITARITY_TOLERANCE}. */
    public static MziMesh decompose(ComplexMatrix u) {
        return decompose(u, Unitaries.UNITARITY_TOLERANCE);
    }

    public static MziMesh decompose(ComplexMatrix u, double tolerance) {
        Unitaries.requireUnitary(u, tolerance);
        final int n = u.rows;
        final double[][] work = MeshNulling.workingCopy(u);
        final double[] re = work[0], im = work[1];
        final double[] t = new double[8];
        final int total = n * (n - 1) / 2;
        MeshNulling.MziList right = new MeshNulling.MziList(total);
        MeshNulling.MziList left = new MeshNulling.MziList(total);
        for (int k = 0; k < n - 1; k++) {
            int i = n - 2 - k;
            if (k % 2 == 0) {
                for (int j = n - 2 - i; j >= 0; j--) MeshNulling.nullFromRight(re, im, n, i + j + 1, j, t, right);
            } else {
                for (int j = 0; j <= n - 2 - i; j++) MeshNulling.nullFromLeft(re, im, n, i + j + 1, j, t, left);
            }
        }
        double[] delta = MeshNulling.diagonalPhases(re, im, n);
        int[] top = new int[total];
        double[] theta = new double[total];
        double[] phi = new double[total];
        System.arraycopy(right.top, 0, top, 0, right.size);
        System.arraycopy(right.theta, 0, theta, 0, right.size);
        System.arraycopy(right.phi, 0, phi, 0, right.size);
        // Move D leftwards through the left factors, last one first; they follow in that order.
        int at = right.size;
        for (int q = left.size - 1; q >= 0; q--, at++) {
            int m = left.top[q];
            top[at] = m;
            theta[at] = left.theta[q];
            phi[at] = MeshNulling.wrap(delta[m] - delta[m + 1]);
            delta[m] = delta[m + 1] + left.phi[q];
        }
        for (int i = 0; i < n; i++) delta[i] = MeshNulling.wrap(delta[i]);
        return new MziMesh(n, MziMesh.Layout.CLEMENTS, top, theta, phi, delta);
    }
}
