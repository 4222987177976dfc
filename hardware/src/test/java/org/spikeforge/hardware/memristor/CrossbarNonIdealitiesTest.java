package org.spikeforge.hardware.memristor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.spikeforge.synapses.device.PcmNoise;

/** Each non-ideality against a statistical or analytic oracle. */
class CrossbarNonIdealitiesTest {
    private static final PcmNoise PCM = PcmNoise.DEFAULTS;

    /** A layer of {@code m × n} weights all equal to {@code w}, on one tile unless the options say otherwise. */
    private static CrossbarLayer uniform(int m, int n, double w, String... options) {
        double[][] weights = new double[m][n];
        for (double[] row : weights) java.util.Arrays.fill(row, w);
        return layer(weights, options);
    }

    private static CrossbarLayer layer(double[][] w, String... options) {
        Map<String, String> extra = new HashMap<>();
        extra.put("memristor.tile_size", "256");
        for (int k = 0; k < options.length; k += 2) extra.put(options[k], options[k + 1]);
        return new CrossbarLayer("test", 0, Networks.dense("test", w), w.length, w[0].length, MemristorOptions.parse(extra), PCM);
    }

    @Test
    void readNoiseVarianceOfAColumnCurrentIsTheSumOfTheCellVariances() {
        double[][] w = new double[40][6];
        for (int s = 0; s < 40; s++) for (int t = 0; t < 6; t++) w[s][t] = ((s * 7 + t * 3) % 11 - 5) / 5.0;
        CrossbarLayer l = layer(w, "memristor.read_noise", "1", "memristor.t_inference", "1 day");
        CrossbarTile tile = l.tile(0, 0);
        int[] active = {1, 4, 9, 16, 25, 36};
        int reads = 20_000;
        double[] cur = new double[6], sum = new double[6], sumSq = new double[6];
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_RO_SHI_RO_128_PP.create(3));
        for (int k = 0; k < reads; k++) {
            tile.read(active, 0, active.length, 0, cur, gauss);
            for (int c = 0; c < 6; c++) {
                sum[c] += cur[c];
                sumSq[c] += cur[c] * cur[c];
            }
        }
        for (int c = 0; c < 6; c++) {
            double expectedMean = 0, expectedVar = 0;
            for (int r : active) {
                expectedMean += tile.conductance(r, 2 * c) - tile.conductance(r, 2 * c + 1);
                expectedVar += Math.pow(tile.readSigma(r, 2 * c), 2) + Math.pow(tile.readSigma(r, 2 * c + 1), 2);
            }
            assertTrue(expectedVar > 0, "read noise must be on");
            double mean = sum[c] / reads, var = (sumSq[c] - reads * mean * mean) / (reads - 1);
            assertEquals(expectedMean, mean, 5 * Math.sqrt(expectedVar / reads), "mean of column " + c);
            // sample variance of a Gaussian: relative standard error √(2/(n−1)) ≈ 1 %; allow 5 of them
            assertEquals(expectedVar, var, 5 * Math.sqrt(2.0 / (reads - 1)) * expectedVar, "variance of column " + c);
        }
        // each cell's σ is the PCM 1/f law at one day: |g|·Q_s(g_T)·√ln((t + t_read)/(2 t_read))
        double gT = Math.abs(w[1][0]) / 1.0;
        double expected = tile.conductance(1, w[1][0] > 0 ? 0 : 1) * PCM.readNoiseRelativeSigma(gT, 86_400);
        assertEquals(expected, tile.readSigma(1, w[1][0] > 0 ? 0 : 1), 1e-7);
    }

    @Test
    void adcErrorIsAtMostHalfAnLsbInsideItsRangeAndClipsOutside() {
        Adc adc = new Adc(6, 10.0);
        double lsb = 10.0 / 31;
        assertEquals(lsb, adc.lsb(), 1e-15);
        for (double i = -10; i <= 10; i += 0.0137) {
            assertTrue(Math.abs(adc.convert(i) - i) <= lsb / 2 + 1e-12, "error at " + i);
            assertFalse(adc.clips(i));
            assertEquals(0, Math.abs(Math.rint(adc.convert(i) / lsb) - adc.convert(i) / lsb), 1e-9, "a code at " + i);
        }
        assertEquals(10.0, adc.convert(14.2), 1e-12);
        assertEquals(-10.0, adc.convert(-1e6), 1e-12);
        assertTrue(adc.clips(10.5));
        assertEquals(0.37, new Adc(0, 1).convert(0.37), "the ideal ADC passes the current through");
    }

    @Test
    void adcRangeAutoNeverClipsAndASmallRangeClipsTheLargeSums() {
        CrossbarLayer auto = uniform(64, 8, 0.5, "memristor.adc_bits", "8");
        CrossbarLayer small = uniform(64, 8, 0.5, "memristor.adc_bits", "8", "memristor.adc_range", "4");
        // auto: the largest possible column current, every row driven: 64 cells at g = 0.5/0.5 = 1
        assertEquals(64.0, auto.tile(0, 0).adc().range(), 1e-12);
        int[] all = new int[64];
        for (int i = 0; i < 64; i++) all[i] = i;
        double[] cur = new double[8];
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_RO_SHI_RO_128_PP.create(1));
        auto.tile(0, 0).read(all, 0, 64, 0, cur, gauss);
        assertFalse(auto.tile(0, 0).adc().clips(cur[0]));
        assertEquals(64.0, auto.tile(0, 0).adc().convert(cur[0]), 1e-12);
        assertTrue(small.tile(0, 0).adc().clips(cur[0]));
        assertEquals(4.0, small.tile(0, 0).adc().convert(cur[0]), 1e-12);
    }

    @Test
    void irDropGrowsMonotonicallyWithTheDistanceFromDriversAndSenseAmplifiers() {
        double g = 1, gMax = 25e-6, r = 2.5;
        for (int seg = 1; seg < 600; seg++) {
            assertTrue(CrossbarTile.irDropFactor(g, gMax, r, seg + 1) < CrossbarTile.irDropFactor(g, gMax, r, seg));
        }
        CrossbarLayer l = uniform(128, 64, 0.5, "memristor.wire_resistance_ohm", "2.5", "memristor.tile_size", "128");
        CrossbarTile tile = l.tile(0, 0);
        // along a row, away from the driver at column 0; down a column, towards the sense amplifier at the bottom
        for (int j = 2; j < tile.physicalColumns(); j += 2) {
            assertTrue(tile.conductance(5, j) < tile.conductance(5, j - 2), "column " + j);
        }
        for (int row = 1; row < 128; row++) assertTrue(tile.conductance(row, 0) > tile.conductance(row - 1, 0), "row " + row);
        // analytic: the far corner, row 0 and column 126, crosses 127 word-line and 128 bit-line segments
        assertEquals(1 / (1 + 25e-6 * 2.5 * (127 + 128)), tile.conductance(0, 126), 1e-7);
        assertEquals(1 / (1 + 25e-6 * 2.5 * (1 + 128)), tile.conductance(0, 0), 1e-7);
        assertEquals(1 / (1 + 25e-6 * 2.5 * (127 + 128)), (double) l.report().get("min_ir_drop_factor"), 1e-12,
                "the report names the worst attenuation, at the far corner");
    }

    @Test
    void stuckAtFaultRatesAreObservedWithinBinomialBounds() {
        double on = 0.05, off = 0.1;
        // weights in (0.1, 0.9): scale 1, no healthy cell sits at exactly 1, no positive cell at 0
        double[][] w = new double[200][100];
        for (int s = 0; s < 200; s++) for (int t = 0; t < 100; t++) w[s][t] = 0.1 + 0.8 * ((s * 13 + t * 7) % 97) / 97.0;
        CrossbarLayer l = layer(w, "memristor.stuck_on_rate", "" + on, "memristor.stuck_off_rate", "" + off, "memristor.tile_size", "256");
        long cells = 0, atOne = 0, positive = 0, positiveAtZero = 0;
        for (int rb = 0; rb < l.rowBlocks(); rb++) {
            for (int cb = 0; cb < l.columnBlocks(); cb++) {
                CrossbarTile t = l.tile(rb, cb);
                for (int r = 0; r < t.rows(); r++) {
                    for (int j = 0; j < t.physicalColumns(); j++) {
                        double g = t.conductance(r, j);
                        cells++;
                        if (g == 1.0) atOne++;
                        if (j % 2 == 0) {
                            positive++;
                            if (g == 0.0) positiveAtZero++;
                        }
                    }
                }
            }
        }
        assertEquals(40_000, cells);
        assertEquals(atOne, l.stuckOnCells());
        assertEquals(cells * on, atOne, 4 * Math.sqrt(cells * on * (1 - on)));
        // a positive cell reads 0 only when stuck off (it was neither drawn stuck on)
        assertEquals(positive * off, positiveAtZero, 4 * Math.sqrt(positive * off * (1 - off)));
        assertEquals(cells * off, l.stuckOffCells(), 4 * Math.sqrt(cells * off * (1 - off)));
    }

    @Test
    void finiteLevelsRoundEveryCellToOneOfTwoToTheBitsLevels() {
        double[][] w = new double[30][20];
        for (int s = 0; s < 30; s++) for (int t = 0; t < 20; t++) w[s][t] = Math.sin(s * 1.3 + t * 0.7);
        CrossbarLayer l = layer(w, "memristor.bits_per_cell", "3");
        CrossbarTile tile = l.tile(0, 0);
        double wMax = l.wMax();
        for (int s = 0; s < 30; s++) {
            for (int t = 0; t < 20; t++) {
                double g = tile.conductance(s, 2 * t + (w[s][t] > 0 ? 0 : 1));
                double level = g * 7;
                assertEquals(Math.rint(level), level, 1e-5, "a level of 8");
                assertTrue(Math.abs(g - Math.abs(w[s][t]) / wMax) <= 0.5 / 7 + 1e-6, "rounded to the nearest level");
            }
        }
    }

    @Test
    void bitSlicingStoresOneDigitPerCellAndReconstructsTheQuantisedWeight() {
        double[][] w = new double[16][10];
        for (int s = 0; s < 16; s++) for (int t = 0; t < 10; t++) w[s][t] = Math.cos(s * 0.9 + t * 2.1) * 3;
        CrossbarLayer l = layer(w, "memristor.weight_bits", "8", "memristor.bits_per_cell", "2");
        CrossbarTile tile = l.tile(0, 0);
        double[] f = l.sliceFactors();
        assertEquals(4, f.length);
        double wMax = l.wMax();
        for (int s = 0; s < 16; s++) {
            for (int t = 0; t < 10; t++) {
                long q = Math.round(Math.abs(w[s][t]) / wMax * 255);
                double rebuilt = 0;
                for (int k = 0; k < 4; k++) {
                    double gp = tile.conductance(s, 2 * (t * 4 + k)), gn = tile.conductance(s, 2 * (t * 4 + k) + 1);
                    long digit = (q >> (2 * k)) & 3;
                    assertEquals(digit / 3.0, Math.max(gp, gn), 1e-7, "digit " + k + " in base 4");
                    rebuilt += f[k] * (gp - gn);
                }
                assertEquals(Math.signum(w[s][t]) * q / 255.0 * wMax, rebuilt, 1e-6 * wMax);
                assertTrue(Math.abs(rebuilt - w[s][t]) <= wMax / 510 + 1e-6 * wMax, "8-bit quantisation error at most half a step");
            }
        }
    }

    @Test
    void programmingNoiseHasThePcmStandardDeviation() {
        // w = 0.3 with scale 0.5: target g_T = 0.6 on every positive cell
        CrossbarLayer l = uniform(200, 100, 0.3, "memristor.programming_noise", "1");
        CrossbarTile t = l.tile(0, 0);
        double sum = 0, sumSq = 0;
        int n = 0;
        for (int r = 0; r < t.rows(); r++) {
            for (int j = 0; j < t.physicalColumns(); j += 2) {
                double e = t.conductance(r, j) - 0.6;
                sum += e;
                sumSq += e * e;
                n++;
            }
        }
        double sigma = PcmNoise.programmingSigma(0.6) / 25.0;
        double mean = sum / n, sd = Math.sqrt((sumSq - n * mean * mean) / (n - 1));
        assertEquals(0, mean, 4 * sigma / Math.sqrt(n));
        assertEquals(sigma, sd, 5 * sigma / Math.sqrt(2.0 * n));
    }

    @Test
    void driftFollowsThePowerLawWithThePcmExponent() {
        double t = 86_400;
        CrossbarLayer l = uniform(200, 100, 0.3, "memristor.drift", "true", "memristor.t_inference", "1 day");
        CrossbarTile tile = l.tile(0, 0);
        double sum = 0, sumSq = 0;
        int n = 0;
        for (int r = 0; r < tile.rows(); r++) {
            for (int j = 0; j < tile.physicalColumns(); j += 2) {
                double nu = -Math.log(tile.conductance(r, j) / 0.6) / Math.log(t / 20);
                sum += nu;
                sumSq += nu * nu;
                n++;
            }
        }
        double mu = PcmNoise.driftMean(0.6), sd = PcmNoise.driftSigma(0.6);
        assertEquals(0.049, mu, 1e-12, "μ_ν clipped to its lower bound at g_T = 0.6");
        double mean = sum / n, s = Math.sqrt((sumSq - n * mean * mean) / (n - 1));
        assertEquals(mu, mean, 4 * sd / Math.sqrt(n));
        assertEquals(sd, s, 0.1 * sd);
    }

    @Test
    void globalDriftCompensationRestoresTheOutputScale() {
        int[] all = new int[100];
        for (int i = 0; i < 100; i++) all[i] = i;
        double[] ideal = new double[50], drifted = new double[50];
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_RO_SHI_RO_128_PP.create(1));
        double[][] w = new double[100][50];
        for (int s = 0; s < 100; s++) for (int t = 0; t < 50; t++) w[s][t] = 0.2 + 0.7 * ((s * 17 + t * 5) % 23) / 23.0;
        layer(w).tile(0, 0).read(all, 0, 100, 0, ideal, gauss);
        CrossbarLayer plain = layer(w, "memristor.drift", "true", "memristor.t_inference", "1 month");
        CrossbarLayer comp = layer(w, "memristor.drift", "true", "memristor.t_inference", "1 month", "memristor.drift_compensation", "true");
        plain.tile(0, 0).read(all, 0, 100, 0, drifted, gauss);
        double errPlain = 0, errComp = 0, factor = comp.tile(0, 0).compensation();
        assertEquals(1.0, plain.tile(0, 0).compensation());
        for (int c = 0; c < 50; c++) {
            errPlain = Math.max(errPlain, Math.abs(drifted[c] / ideal[c] - 1));
            errComp = Math.max(errComp, Math.abs(factor * drifted[c] / ideal[c] - 1));
        }
        // a month of drift at ν ≈ 0.05 shrinks currents by (2.6e6/20)^−0.05 ≈ 0.55
        assertTrue(errPlain > 0.35, "uncompensated error " + errPlain);
        assertTrue(errComp < 0.03, "compensated error " + errComp);
    }
}
