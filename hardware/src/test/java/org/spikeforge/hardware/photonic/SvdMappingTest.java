package org.spikeforge.hardware.photonic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SvdMappingTest {

    private static double[][] randomMatrix(int n, int m, UniformRandomProvider rng) {
        double[][] w = new double[n][m];
        for (double[] row : w) for (int j = 0; j < m; j++) row[j] = 4 * (rng.nextDouble() - 0.5);
        return w;
    }

    private static double[] direct(double[][] w, double[] x) {
        double[] y = new double[w.length];
        for (int i = 0; i < w.length; i++) for (int j = 0; j < x.length; j++) y[i] += w[i][j] * x[j];
        return y;
    }

    @ParameterizedTest
    @CsvSource({"10, 10, clements", "7, 12, clements", "12, 7, clements", "9, 5, reck", "1, 6, clements"})
    void idealOpticsReproduceWTimesXWithin1e10(int n, int m, String layout) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(n * 100L + m);
        double[][] w = randomMatrix(n, m, rng);
        SvdMapping map = SvdMapping.of(w, layout.equals("reck") ? MziMesh.Layout.RECK : MziMesh.Layout.CLEMENTS);
        OpticalMatrixMultiplier device = new OpticalMatrixMultiplier(map, PhotonicNonIdealities.IDEAL, 0, 1, 1, 2);
        double[] yDevice = new double[n];
        for (int trial = 0; trial < 10; trial++) {
            double[] x = new double[m];
            for (int j = 0; j < m; j++) x[j] = rng.nextDouble();
            double[] want = direct(w, x);
            double[] y = map.apply(x);
            device.multiply(x, yDevice);
            for (int i = 0; i < n; i++) {
                assertEquals(want[i], y[i], 1e-10);
                assertEquals(want[i], yDevice[i], 1e-10);
            }
        }
    }

    @Test
    void attenuatorsArePassiveWithTheLargestFullyOpen() {
        double[][] w = randomMatrix(8, 8, RandomSource.XO_RO_SHI_RO_128_PP.create(5));
        SvdMapping map = SvdMapping.of(w);
        assertEquals(1.0, map.attenuation()[0], 1e-15);
        for (double a : map.attenuation()) assertTrue(a >= 0 && a <= 1);
        // the gain is the spectral norm: no unit vector is amplified beyond it
        double[] x = new double[8];
        x[3] = 1;
        double norm = 0;
        for (double v : map.apply(x)) norm += v * v;
        assertTrue(Math.sqrt(norm) <= map.gain() * (1 + 1e-12));
    }

    @Test
    void zeroAndRankOneMatricesMapExactly() {
        double[][] zero = new double[3][4];
        SvdMapping z = SvdMapping.of(zero);
        assertEquals(0.0, z.gain());
        for (double v : z.apply(new double[] {1, 1, 1, 1})) assertEquals(0.0, v, 0.0);
        double[][] outer = {{1, 2, 3}, {2, 4, 6}};
        double[][] back = SvdMapping.of(outer).matrix();
        for (int i = 0; i < 2; i++) for (int j = 0; j < 3; j++) assertEquals(outer[i][j], back[i][j], 1e-12);
    }

    @Test
    void rejectsRaggedOrNonFiniteWeightsWithClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SvdMapping.of(new double[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("row 1 has 1 columns, expected 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SvdMapping.of(new double[][] {{1, Double.NaN}}));
        assertTrue(e.getMessage().contains("weight (0, 1) is not finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SvdMapping.of(new double[][] {{1, 2}}).apply(new double[3]));
        assertTrue(e.getMessage().contains("input has 3 elements, matrix has 2 columns"), e.getMessage());
    }
}
