package org.spikeforge.simulations.conversion;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;
import org.spikeforge.synapses.device.StochasticSwitching;

class LiquidStateMachineTest {

    static LiquidStateMachine.Options small(LiquidStateMachine.WeightSource w) {
        return LiquidStateMachine.Options.defaults().withNeurons(120).withWeights(w).withSeed(11);
    }

    @Test
    void powerIterationFindsTheSpectralRadiusOfAnEigenDecomposition() {
        for (LiquidStateMachine.WeightSource ws : LiquidStateMachine.WeightSource.values()) {
            LiquidStateMachine lsm = LiquidStateMachine.build(small(ws).withNeurons(80), 6);
            int[] pre = lsm.pre(), post = lsm.post();
            double[] w = lsm.weights();
            double[][] m = new double[80][80];
            for (int k = 0; k < w.length; k++) m[post[k]][pre[k]] += w[k];
            EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(m));
            double rho = 0;
            for (int i = 0; i < 80; i++) rho = Math.max(rho, Math.hypot(eig.getRealEigenvalue(i), eig.getImagEigenvalue(i)));
            assertEquals(1.0, rho, 0.03, ws + ": the liquid is scaled to spectral radius 1 (Commons Math eigenvalues)");
            assertEquals(rho, LiquidStateMachine.spectralRadius(80, pre, post, w, 2000, 5), 0.01 * rho, ws + ": power iteration");
        }
    }

    @Test
    void liquidObeysDalesLawAndTheConnectionProbability() {
        LiquidStateMachine lsm = LiquidStateMachine.build(small(LiquidStateMachine.WeightSource.IDEAL), 6);
        int ne = lsm.options().excitatory();
        int[] pre = lsm.pre(), post = lsm.post();
        double[] w = lsm.weights();
        for (int k = 0; k < w.length; k++) {
            assertNotEquals(pre[k], post[k], "no autapses");
            assertTrue(pre[k] < ne ? w[k] > 0 : w[k] < 0, "synapse " + k + " from " + pre[k] + " has weight " + w[k]);
        }
        double pairs = 120.0 * 119, p = lsm.options().connectionProbability();
        double sd = Math.sqrt(pairs * p * (1 - p));
        assertEquals(pairs * p, w.length, 4 * sd, "binomial number of synapses");
        LiquidStateMachine again = LiquidStateMachine.build(small(LiquidStateMachine.WeightSource.IDEAL), 6);
        assertArrayEquals(w, again.weights(), "same seed, same liquid");
        assertFalse(java.util.Arrays.equals(w, LiquidStateMachine.build(small(LiquidStateMachine.WeightSource.IDEAL).withSeed(12), 6).weights()));
    }

    @Test
    void deviceWeightsTakeTheTwoConductancesOfStochasticSwitching() {
        LiquidStateMachine.Options o = small(LiquidStateMachine.WeightSource.DEVICE);
        StochasticSwitching dev = o.device();
        LiquidStateMachine lsm = LiquidStateMachine.build(o, 6);
        int ne = o.excitatory();
        double[] w = lsm.weights();
        int[] pre = lsm.pre();
        java.util.TreeSet<Double> excitatory = new java.util.TreeSet<>();
        int on = 0, exc = 0;
        for (int k = 0; k < w.length; k++) {
            if (pre[k] >= ne) continue;
            excitatory.add(w[k]);
            exc++;
        }
        assertEquals(2, excitatory.size(), "binary cells: g_off and g_on, scaled by one factor");
        assertEquals(dev.gOn() / dev.gOff(), excitatory.last() / excitatory.first(), 1e-6, "on/off ratio kept (cells hold float32)");
        for (int k = 0; k < w.length; k++) if (pre[k] < ne && w[k] == excitatory.last()) on++;
        double p = dev.onProbability(o.setPulses());
        assertEquals(p, (double) on / exc, 4 * Math.sqrt(p * (1 - p) / exc), "fraction of cells switched on");
    }

    @Test
    void harStatesWithARidgeReadoutBeatTheMajorityClassAndTheSpikingReadoutMatchesIt() throws IOException {
        LmuModel model = HarFixtures.model(); // its input standardisation (train statistics)
        int nTrain = 180, nTest = 90;
        List<double[]> train = HarFixtures.trainWindows(nTrain);
        int[] ytr = java.util.Arrays.copyOf(HarFixtures.trainLabels(), nTrain);
        List<double[]> testAll = HarFixtures.testWindows(681);
        int[] yAll = HarFixtures.testLabels();
        double[][] xtr = new double[nTrain][], xte = new double[nTest][];
        int[] yte = new int[nTest];
        LiquidStateMachine lsm = LiquidStateMachine.build(LiquidStateMachine.Options.defaults().withNeurons(150).withSeed(3), 6);
        for (int s = 0; s < nTrain; s++) xtr[s] = lsm.run(model.standardise(train.get(s))).features();
        for (int s = 0; s < nTest; s++) {
            xte[s] = lsm.run(model.standardise(testAll.get(s * 7))).features();
            yte[s] = yAll[s * 7];
        }
        int n = 150, bins = lsm.options().bins();
        double[][] ctr = HarReport.windowCounts(xtr, n, bins), cte = HarReport.windowCounts(xte, n, bins);
        LinearReadout binned = LinearReadout.ridge(HarReport.select(xtr, 0, n * bins), ytr, 5, 100);
        LinearReadout counts = LinearReadout.ridge(ctr, ytr, 5, 100);
        int majority = 0;
        for (int c : yte) if (c == 4) majority++;
        double accBinned = binned.accuracy(HarReport.select(xte, 0, n * bins), yte), accCounts = counts.accuracy(cte, yte);
        System.out.printf("LSM test: binned %.3f, counts %.3f, majority %.3f%n", accBinned, accCounts, (double) majority / nTest);
        assertTrue(accBinned > (double) majority / nTest + 0.15, "binned-count readout " + accBinned + " vs majority " + (double) majority / nTest);
        // The readout as a spiking IF layer on the engine: θ·spikes + v is the linear score; the class follows the spikes.
        LiquidStateMachine.SpikingReadout sr = new LiquidStateMachine.SpikingReadout(counts.weights(), counts.bias(), n, 1.0);
        int agree = 0;
        for (int s = 0; s < 10; s++) {
            LiquidStateMachine.Run run = lsm.run(model.standardise(testAll.get(s * 7)), sr);
            assertArrayEquals(xte[s], run.state().features(), 0.0, "the readout does not disturb the liquid");
            double[] linear = counts.scores(cte[s]);
            for (int c = 0; c < 5; c++) {
                assertEquals(linear[c], 1.0 * run.readoutSpikes()[c] + run.readoutMembrane()[c], 1e-3 * (1 + Math.abs(linear[c])), "class " + c);
            }
            if (run.predicted() == counts.predict(cte[s])) agree++;
        }
        assertTrue(agree >= 9, "spiking readout agrees with the linear readout on " + agree + " of 10 windows");
    }

    @Test
    void rejectsBadOptionsWithClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LiquidStateMachine.Options.defaults().withNeurons(1));
        assertTrue(e.getMessage().contains("neurons must be >= 2, was 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LiquidStateMachine.build(LiquidStateMachine.Options.defaults().withNeurons(10), 0));
        assertTrue(e.getMessage().contains("channels"), e.getMessage());
    }
}
