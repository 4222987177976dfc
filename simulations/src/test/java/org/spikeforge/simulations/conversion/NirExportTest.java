package org.spikeforge.simulations.conversion;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikeforge.simulations.nir.NirGraph;
import org.spikeforge.simulations.nir.NirNode;
import org.spikeforge.simulations.nir.NirReader;
import org.spikeforge.simulations.nir.NirWriter;

/**
 * The NIR form of a converted M1 (thresholds folded into Affine weights, IF nodes with reset by
 * subtraction), run by the NIR executor, classifies every sample as the reference executor
 * {@link ConvertedSnn} does, at every T, for each readout and with the half-threshold start.
 */
class NirExportTest {
    static FeedForwardAnn ann;
    static double[][] calibration, test;

    @BeforeAll
    static void load() throws IOException {
        ann = FeedForwardAnn.fromOnnx(OnnxGraph.read(AnnFixtures.path("M1_dynbatch.onnx")));
        calibration = AnnFixtures.mnist("mnist_train_x_first1000.npy", 500);
        test = AnnFixtures.mnist("mnist_test_x.npy", 60);
    }

    static void samePredictions(RateConversion.Options o, Path dir) {
        ConvertedSnn snn = RateConversion.convert(ann, calibration, o);
        Path file = dir.resolve("m1.nir");
        NirWriter.write(NirExport.toNir(snn, "M1_dynbatch.onnx"), file);
        NirClassifier clf = new NirClassifier(NirReader.read(file).graph());
        int[] ts = {1, 2, 3, 5, 8, 16, 32};
        int[][] nir = clf.predict(test, ts, 25);
        int differ = 0;
        for (int s = 0; s < test.length; s++) {
            int[] ref = snn.run(test[s], ts).predictions();
            for (int k = 0; k < ts.length; k++) if (ref[k] != nir[s][k]) differ++;
        }
        assertEquals(0, differ, o + ": predictions that differ from ConvertedSnn, of " + test.length * ts.length);
    }

    @Test
    void membraneReadoutMatchesTheReferenceExecutor(@TempDir Path dir) {
        samePredictions(RateConversion.Options.defaults(), dir);
    }

    @Test
    void halfThresholdStartMatchesTheReferenceExecutor(@TempDir Path dir) {
        samePredictions(new RateConversion.Options(99.9, true, RateConversion.Readout.MEMBRANE), dir);
    }

    @Test
    void spikeCountReadoutMatchesTheReferenceExecutor(@TempDir Path dir) {
        samePredictions(new RateConversion.Options(99.0, true, RateConversion.Readout.SPIKE_COUNT), dir);
    }

    @Test
    void thresholdsAreFoldedIntoTheWeights() {
        ConvertedSnn snn = RateConversion.convert(ann, calibration, RateConversion.Options.defaults());
        NirGraph g = NirExport.toNir(snn, "M1");
        double[] lambda = snn.lambdas();
        AnnLayer.Dense fc2 = (AnnLayer.Dense) ann.layers().get(1);
        NirNode.Affine layer2 = (NirNode.Affine) g.node("layer2");
        assertEquals(fc2.weights()[7] * lambda[0] / lambda[1], layer2.weight().get(7), 1e-15);
        assertEquals(fc2.bias()[3] / lambda[1], layer2.bias().get(3), 1e-15);
        NirNode.IF if1 = (NirNode.IF) g.node("if1");
        assertEquals(1.0, if1.vThreshold().get(0));
        assertEquals(1.0 / NirExport.DT, if1.r().get(0));
        assertTrue(g.node("readout") instanceof NirNode.I, "membrane readout is a NIR integrator");
    }
}
