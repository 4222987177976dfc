package org.spikeforge.hardware.photonic;

/**
 * The triangular decomposition of Reck et al., "Experimental realization of any discrete unitary
 * operator", Phys. Rev. Lett. 73, 58 (1994), for comparison with {@link ClementsDecomposition}:
 * the same {@code N(N−1)/2} MZIs, but arranged in a triangle of optical depth {@code 2N − 3}, so
 * light crosses up to about twice as many lossy MZIs.
 *
 * <p>Algorithm: row by row from the bottom, the elements left of the diagonal are nulled by MZIs
 * applied from the right on neighbouring columns ({@code U·T⁻¹}); once a row is {@code e^{iδ}·e_r}
 * unitarity makes its column vanish too. {@code U·R = D} gives {@code U = D·T_K ⋯ T_1} directly.
 */
public final class ReckDecomposition {
    private ReckDecomposition() {}

    public static MziMesh decompose(ComplexMatrix u) {
        return decompose(u, Unitaries.UNITARITY_TOLERANCE);
    }

    public static MziMesh decompose(ComplexMatrix u, double tolerance) {
        Unitaries.requireUnitary(u, tolerance);
        final int n = u.rows;
        final double[][] work = MeshNulling.workingCopy(u);
        final double[] re = work[0], im = work[1];
        final double[] t = new double[8];
        MeshNulling.MziList list = new MeshNulling.MziList(n * (n - 1) / 2);
        for (int r = n - 1; r >= 1; r--) {
            for (int c = 0; c < r; c++) MeshNulling.nullFromRight(re, im, n, r, c, t, list);
        }
        double[] delta = MeshNulling.diagonalPhases(re, im, n);
        for (int i = 0; i < n; i++) delta[i] = MeshNulling.wrap(delta[i]);
        return new MziMesh(n, MziMesh.Layout.RECK, java.util.Arrays.copyOf(list.top, list.size),
                java.util.Arrays.copyOf(list.theta, list.size), java.util.Arrays.copyOf(list.phi, list.size), delta);
    }
}
