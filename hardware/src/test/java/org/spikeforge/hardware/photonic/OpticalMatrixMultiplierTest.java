package org.spikeforge.hardware.photonic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** Each non-ideality does what its model says, and calibration removes what it should. */
class OpticalMatrixMultiplierTest {
    private static final int N = 12;
    private static final double[][] W = new double[N][N];
    private static final double[][] INPUTS = new double[6][N];
    private static final SvdMapping MAP;

    static {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2024);
        for (double[] row : W) for (int j = 0; j < N; j++) row[j] = rng.nextDouble() - 0.5;
        for (double[] x : INPUTS) for (int j = 0; j < N; j++) x[j] = rng.nextInt(2); // spike vectors
        MAP = SvdMapping.of(W);
    }

    private static PhotonicNonIdealities ni(int phaseBits, double staticSigma, double readSigma, double crosstalk, double lossDb,
                                            double splitter, int adcBits, boolean calibration) {
        return new PhotonicNonIdealities(phaseBits, staticSigma, readSigma, crosstalk, lossDb, splitter, false, adcBits, calibration);
    }

    private static double[] exact(double[] x) {
        double[] y = new double[N];
        for (int i = 0; i < N; i++) for (int j = 0; j < N; j++) y[i] += W[i][j] * x[j];
        return y;
    }

    /** Largest error over the test inputs, relative to the SVD gain (the full-scale of one channel). */
    private static double error(OpticalMatrixMultiplier device) {
        double worst = 0;
        double[] y = new double[N];
        for (double[] x : INPUTS) {
            device.multiply(x, y);
            double[] want = exact(x);
            for (int i = 0; i < N; i++) worst = Math.max(worst, Math.abs(y[i] - want[i]));
        }
        return worst / MAP.gain();
    }

    private static OpticalMatrixMultiplier device(PhotonicNonIdealities ni) {
        return new OpticalMatrixMultiplier(MAP, ni, 0, 1, 77, 78);
    }

    @Test
    void idealDeviceComputesWTimesX() {
        assertTrue(error(device(PhotonicNonIdealities.IDEAL)) < 1e-12);
    }

    @Test
    void phaseQuantisationErrorHalvesWithEachBit() {
        double e4 = error(device(ni(4, 0, 0, 0, 0, 0, 0, true)));
        double e8 = error(device(ni(8, 0, 0, 0, 0, 0, 0, true)));
        double e12 = error(device(ni(12, 0, 0, 0, 0, 0, 0, true)));
        // step 2π/2^b: four more bits shrink the error ~16×; demand at least 4× to stay robust
        assertTrue(e8 < e4 / 4, "4 bits " + e4 + ", 8 bits " + e8);
        assertTrue(e12 < e8 / 4, "8 bits " + e8 + ", 12 bits " + e12);
        assertTrue(e12 > 0 && e12 < 1e-2, "12 bits " + e12);
    }

    @Test
    void calibrationRemovesStaticPhaseErrorsAndThermalCrosstalk() {
        double calibrated = error(device(ni(0, 0.05, 0, 0.05, 0, 0, 0, true)));
        double raw = error(device(ni(0, 0.05, 0, 0.05, 0, 0, 0, false)));
        assertTrue(calibrated < 1e-12, "calibrated " + calibrated);
        assertTrue(raw > 1e-2, "uncalibrated " + raw);
        // crosstalk alone, uncalibrated, grows with the coupling coefficient
        double k1 = error(device(ni(0, 0, 0, 0.005, 0, 0, 0, false)));
        double k2 = error(device(ni(0, 0, 0, 0.05, 0, 0, 0, false)));
        assertTrue(k1 > 1e-4 && k2 > 3 * k1, "κ 0.005: " + k1 + ", κ 0.05: " + k2);
    }

    @Test
    void calibrationCannotRemoveSplitterImbalance() {
        double calibrated = error(device(ni(0, 0, 0, 0, 0, 0.03, 0, true)));
        assertTrue(calibrated > 1e-3, "splitter imbalance " + calibrated);
    }

    @Test
    void staticErrorsAreFixedPerDeviceButPerReadNoiseChangesEveryRead() {
        OpticalMatrixMultiplier fixed = device(ni(0, 0.05, 0, 0, 0, 0, 0, false));
        double[] a = new double[N], b = new double[N];
        fixed.multiply(INPUTS[0], a);
        fixed.multiply(INPUTS[0], b);
        assertArrayEquals(a, b, 0.0);
        OpticalMatrixMultiplier noisy = device(ni(0, 0, 0.01, 0, 0, 0, 0, true));
        noisy.multiply(INPUTS[0], a);
        noisy.multiply(INPUTS[0], b);
        assertFalse(java.util.Arrays.equals(a, b));
        // the same seeds give the same device and the same noise
        OpticalMatrixMultiplier twin = device(ni(0, 0, 0.01, 0, 0, 0, 0, true));
        double[] c = new double[N];
        twin.multiply(INPUTS[0], c);
        noisy = device(ni(0, 0, 0.01, 0, 0, 0, 0, true));
        noisy.multiply(INPUTS[0], a);
        assertArrayEquals(a, c, 0.0);
    }

    @Test
    void detectorNoiseHasTheStandardDeviationOfTheReceiverModel() {
        double sigma = 0.01; // in units of one channel's full-scale amplitude
        OpticalMatrixMultiplier device = new OpticalMatrixMultiplier(MAP,
                new PhotonicNonIdealities(0, 0, 0, 0, 0, 0, true, 0, true), sigma, 1, 5, 6);
        double[] want = exact(INPUTS[1]);
        double[] y = new double[N];
        int reads = 1000;
        double sum = 0, sum2 = 0;
        for (int r = 0; r < reads; r++) {
            device.multiply(INPUTS[1], y);
            for (int i = 0; i < N; i++) {
                double d = (y[i] - want[i]) / MAP.gain();
                sum += d;
                sum2 += d * d;
            }
        }
        int count = reads * N;
        double mean = sum / count, std = Math.sqrt(sum2 / count - mean * mean);
        assertEquals(sigma, std, 0.05 * sigma); // 12000 samples: relative sd of the estimate 0.65 %
        assertEquals(0.0, mean, 5 * sigma / Math.sqrt(count));
    }

    @Test
    void adcRoundsToItsGridWithinHalfAStep() {
        double fullScale = 0;
        for (double[] row : W) {
            double s = 0;
            for (double v : row) s += Math.abs(v);
            fullScale = Math.max(fullScale, s);
        }
        int bits = 5;
        double step = fullScale / 16;
        OpticalMatrixMultiplier device = new OpticalMatrixMultiplier(MAP, ni(0, 0, 0, 0, 0, 0, bits, true), 0, fullScale, 1, 2);
        double[] y = new double[N];
        for (double[] x : INPUTS) {
            device.multiply(x, y);
            double[] want = exact(x);
            for (int i = 0; i < N; i++) {
                assertEquals(Math.rint(y[i] / step), y[i] / step, 1e-9, "on the grid");
                assertTrue(Math.abs(y[i] - want[i]) <= step / 2 + 1e-12);
            }
        }
    }

    @Test
    void receiverGainCompensatesTheNominalPathLoss() {
        double db = 0.2;
        OpticalMatrixMultiplier device = device(ni(0, 0, 0, 0, db, 0, 0, true));
        assertEquals(MAP.inputMesh().depth() + 1 + MAP.outputMesh().depth(), device.opticalDepth());
        assertEquals(Math.pow(10, -db * device.opticalDepth() / 20), device.nominalPathTransmission(), 1e-15);
        // what remains is the imbalance between paths of different length: small but not zero
        double e = error(device);
        assertTrue(e > 1e-4 && e < 0.5, "loss-only error " + e);
    }
}
