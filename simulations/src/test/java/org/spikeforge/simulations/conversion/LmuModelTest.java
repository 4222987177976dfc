package org.spikeforge.simulations.conversion;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikeforge.encoders.io.Npy;
import org.spikeforge.encoders.io.NpyArray;

/** The float64 LMU forward pass against the NumPy reference logits of the fixture. */
class LmuModelTest {

    @Test
    void reproducesTheNumpyFloat64LogitsAndTheReportedAccuracy() throws IOException {
        LmuModel model = HarFixtures.model();
        assertEquals(8, model.order());
        assertEquals(64, model.hidden());
        assertEquals(6, model.inputs());
        List<double[]> x = HarFixtures.testWindows(681);
        int[] y = HarFixtures.testLabels();
        double[] ref = HarFixtures.npy("har_lmu_logits_test_float64.npy").toDoubles();
        double maxErr = 0;
        int sameClass = 0, correct = 0;
        for (int s = 0; s < x.size(); s++) {
            double[] logits = model.forward(model.standardise(x.get(s))).logits();
            double[] r = java.util.Arrays.copyOfRange(ref, 5 * s, 5 * s + 5);
            for (int c = 0; c < 5; c++) maxErr = Math.max(maxErr, Math.abs(logits[c] - r[c]));
            if (ConvertedSnn.argmax(logits) == ConvertedSnn.argmax(r)) sameClass++;
            if (ConvertedSnn.argmax(logits) == y[s]) correct++;
        }
        assertTrue(maxErr < 1e-9, "max |logit − NumPy float64| = " + maxErr);
        assertEquals(681, sameClass);
        assertEquals(572, correct, "README: 572/681 = 83.99 %");
    }

    @Test
    void memoryMatrixIsTheZeroOrderHoldOfTheLegendreSystem() throws IOException {
        // Independent check of A_d: expm of the paper's (A/θ) by scaling and squaring of a Taylor series.
        LmuModel model = HarFixtures.model();
        int d = 8;
        double theta = 100;
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) a[i][j] = (2 * i + 1) * (i < j ? -1 : ((i - j + 1) % 2 == 0 ? 1 : -1)) / theta;
        }
        double[][] e = expm(a);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) assertEquals(e[i][j], model.ad()[i * d + j], 1e-6, "A_d[" + i + "][" + j + "] (float32 in the file)");
        }
    }

    private static double[][] expm(double[][] a) {
        int n = a.length, squarings = 10;
        double[][] x = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) x[i][j] = a[i][j] / (1 << squarings);
        double[][] sum = identity(n), term = identity(n);
        for (int k = 1; k < 20; k++) {
            term = mul(term, x);
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) term[i][j] /= k;
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) sum[i][j] += term[i][j];
        }
        for (int s = 0; s < squarings; s++) sum = mul(sum, sum);
        return sum;
    }

    private static double[][] identity(int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) m[i][i] = 1;
        return m;
    }

    private static double[][] mul(double[][] p, double[][] q) {
        int n = p.length;
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) for (int k = 0; k < n; k++) for (int j = 0; j < n; j++) r[i][j] += p[i][k] * q[k][j];
        return r;
    }

    @Test
    void missingOrMisshapenKeysGetOneLineErrorsNamingFileAndKey(@TempDir Path dir) throws IOException {
        Map<String, NpyArray> full = Npy.readNpz(HarFixtures.path("har_lmu_weights.npz"));
        Map<String, NpyArray> missing = new LinkedHashMap<>(full);
        missing.remove("W_h");
        Path f = dir.resolve("missing.npz");
        Npy.writeNpz(f, missing);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LmuModel.readNpz(f));
        assertTrue(e.getMessage().contains("missing.npz") && e.getMessage().contains("'W_h' missing"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));

        Map<String, NpyArray> bad = new LinkedHashMap<>(full);
        bad.put("e_m", NpyArray.ofDoubles(new double[5], 5));
        Path g = dir.resolve("bad.npz");
        Npy.writeNpz(g, bad);
        e = assertThrows(IllegalArgumentException.class, () -> LmuModel.readNpz(g));
        assertTrue(e.getMessage().contains("bad.npz") && e.getMessage().contains("e_m has 5 values; expected 8"), e.getMessage());
        assertTrue(Files.exists(g));
    }
}
