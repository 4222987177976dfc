package org.spikeforge.simulations.conversion;

import static org.junit.jupiter.api.Assertions.*;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class LinearReadoutTest {

    static double[][] gaussianBlobs(int n, int f, int classes, double sep, long seed, int[] labels) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[][] centres = new double[classes][f];
        for (double[] c : centres) for (int i = 0; i < f; i++) c[i] = sep * (rng.nextDouble() - 0.5);
        double[][] x = new double[n][f];
        for (int s = 0; s < n; s++) {
            labels[s] = s % classes;
            for (int i = 0; i < f; i++) x[s][i] = 10 + 3 * centres[labels[s]][i] + (rng.nextDouble() - 0.5); // offset and scale: standardisation matters
        }
        return x;
    }

    @Test
    void ridgePrimalAndDualGiveTheSameClassifier() {
        int[] y = new int[40];
        double[][] x = gaussianBlobs(40, 30, 3, 1, 3, y);
        // 30 features < 40 samples: primal; append 30 more features (copies scaled) to force the dual.
        double[][] wide = new double[40][60];
        for (int s = 0; s < 40; s++) {
            System.arraycopy(x[s], 0, wide[s], 0, 30);
            for (int i = 0; i < 30; i++) wide[s][30 + i] = 2 * x[s][i] + 5;
        }
        LinearReadout narrow = LinearReadout.ridge(x, y, 3, 10);
        LinearReadout dual = LinearReadout.ridge(wide, y, 3, 10);
        // A duplicated standardised feature splits its weight: scores of the wide model with λ equal
        // those of the narrow one with λ/2, so compare each against its own normal equations instead.
        for (LinearReadout r : new LinearReadout[] {narrow, dual}) assertEquals(1.0, r.accuracy(r == narrow ? x : wide, y), 1e-12);
        LinearReadout narrowHalf = LinearReadout.ridge(x, y, 3, 5);
        for (int s = 0; s < 40; s++) {
            double[] a = narrowHalf.scores(x[s]), b = dual.scores(wide[s]);
            for (int c = 0; c < 3; c++) assertEquals(a[c], b[c], 1e-8, "sample " + s + " class " + c);
        }
    }

    @Test
    void ridgeSolvesItsNormalEquations() {
        int[] y = new int[50];
        double[][] x = gaussianBlobs(50, 8, 4, 0.5, 5, y);
        double lambda = 3;
        LinearReadout r = LinearReadout.ridge(x, y, 4, lambda);
        // Gradient of Σ|W z + b − onehot|² + λ|W|² in the standardised space must vanish.
        LinearReadout.Standardiser st = LinearReadout.Standardiser.of(x);
        double[][] z = st.apply(x);
        for (int c = 0; c < 4; c++) {
            double[] wz = new double[8];
            for (int i = 0; i < 8; i++) wz[i] = r.weights()[c * 8 + i] * st.std()[i];
            double bz = r.bias()[c];
            for (int i = 0; i < 8; i++) bz += r.weights()[c * 8 + i] * st.mean()[i];
            double gb = 0;
            double[] gw = new double[8];
            for (int s = 0; s < 50; s++) {
                double res = bz - (y[s] == c ? 1 : 0);
                for (int i = 0; i < 8; i++) res += wz[i] * z[s][i];
                gb += res;
                for (int i = 0; i < 8; i++) gw[i] += res * z[s][i];
            }
            assertEquals(0, gb, 1e-9);
            for (int i = 0; i < 8; i++) assertEquals(0, gw[i] + lambda * wz[i], 1e-9);
        }
    }

    @Test
    void logisticRegressionSeparatesSeparableClasses() {
        int[] y = new int[90];
        double[][] x = gaussianBlobs(90, 10, 3, 4, 9, y);
        LinearReadout r = LinearReadout.logistic(x, y, 3, 1e-4, 300);
        assertEquals(1.0, r.accuracy(x, y), 1e-12);
    }

    @Test
    void rejectsLabelsOutsideTheClassesAndMismatchedSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinearReadout.ridge(new double[][] {{1}, {2}}, new int[] {0, 5}, 3, 1));
        assertTrue(e.getMessage().contains("label 5") && e.getMessage().contains("[0, 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LinearReadout.ridge(new double[][] {{1}}, new int[] {0, 1}, 2, 1));
        assertTrue(e.getMessage().contains("1 vs 2"), e.getMessage());
    }
}
