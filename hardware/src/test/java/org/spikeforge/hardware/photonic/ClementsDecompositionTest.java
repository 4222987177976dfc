package org.spikeforge.hardware.photonic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClementsDecompositionTest {

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 16, 64, 256})
    void haarRandomUnitaryIsRebuiltFromItsPhasesWithin1e12(int n) {
        ComplexMatrix u = Unitaries.haarRandom(n, rng(n));
        assertTrue(Unitaries.unitarityError(u) < 1e-13, "test input must itself be unitary");
        MziMesh mesh = ClementsDecomposition.decompose(u);
        assertEquals(n * (n - 1) / 2, mesh.mziCount(), "Clements uses N(N-1)/2 MZIs");
        assertEquals(n, mesh.depth(), "Clements mesh has optical depth N");
        double err = mesh.unitary().maxAbsDifference(u);
        assertTrue(err < 1e-12, "max |U_rebuilt − U| = " + err);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 16, 64})
    void reckTriangleRebuildsTheSameUnitaryWithDepth2NMinus3(int n) {
        ComplexMatrix u = Unitaries.haarRandom(n, rng(100 + n));
        MziMesh mesh = ReckDecomposition.decompose(u);
        assertEquals(n * (n - 1) / 2, mesh.mziCount());
        assertEquals(Math.max(1, 2 * n - 3), mesh.depth(), "Reck triangle has optical depth 2N − 3");
        double err = mesh.unitary().maxAbsDifference(u);
        assertTrue(err < 1e-12, "max |U_rebuilt − U| = " + err);
    }

    @Test
    void propagatingAFieldThroughTheMeshEqualsMultiplyingByTheUnitary() {
        int n = 12;
        ComplexMatrix u = Unitaries.haarRandom(n, rng(7));
        MziMesh mesh = ClementsDecomposition.decompose(u);
        UniformRandomProvider r = rng(8);
        double[] xr = new double[n], xi = new double[n];
        for (int i = 0; i < n; i++) {
            xr[i] = r.nextDouble() - 0.5;
            xi[i] = r.nextDouble() - 0.5;
        }
        double[] yr = new double[n], yi = new double[n];
        u.multiply(xr, xi, yr, yi);
        mesh.propagate(xr, xi);
        for (int i = 0; i < n; i++) {
            assertEquals(yr[i], xr[i], 1e-13);
            assertEquals(yi[i], xi[i], 1e-13);
        }
    }

    @Test
    void realOrthogonalMatricesWithNegativeDeterminantDecompose() {
        // a reflection: det = −1, all real; the output phases must absorb the sign
        int n = 5;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) a[i][n - 1 - i] = (i == 2) ? -1.0 : 1.0;
        ComplexMatrix u = ComplexMatrix.ofReal(a);
        assertTrue(ClementsDecomposition.decompose(u).unitary().maxAbsDifference(u) < 1e-14);
        assertTrue(ReckDecomposition.decompose(u).unitary().maxAbsDifference(u) < 1e-14);
    }

    @Test
    void oneModeMeshIsJustAnOutputPhase() {
        ComplexMatrix u = new ComplexMatrix(1, 1, new double[] {Math.cos(0.3)}, new double[] {Math.sin(0.3)});
        MziMesh mesh = ClementsDecomposition.decompose(u);
        assertEquals(0, mesh.mziCount());
        assertEquals(0.3, mesh.outputPhase()[0], 1e-15);
    }

    @Test
    void rejectsNonUnitaryMatrixWithClearMessage() {
        ComplexMatrix u = Unitaries.haarRandom(4, rng(3));
        u.re[5] += 0.01;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClementsDecomposition.decompose(u));
        assertTrue(e.getMessage().startsWith("matrix is not unitary: max |U·U† − I| = "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReckDecomposition.decompose(u));
    }

    @Test
    void rejectsNonSquareMeshRequestWithClearMessage() {
        ComplexMatrix u = new ComplexMatrix(3, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClementsDecomposition.decompose(u));
        assertTrue(e.getMessage().contains("square") && e.getMessage().contains("3×4"), e.getMessage());
    }

    @Test
    void rejectsNonFiniteElements() {
        ComplexMatrix u = ComplexMatrix.identity(3);
        u.re[4] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClementsDecomposition.decompose(u));
        assertTrue(e.getMessage().contains("(1, 1) is not finite"), e.getMessage());
    }
}
