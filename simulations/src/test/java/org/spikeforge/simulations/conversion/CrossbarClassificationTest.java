package org.spikeforge.simulations.conversion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.cpu.ScalarBackend;
import org.spikeforge.hardware.memristor.MemristorBackend;

/** The converted MNIST MLP on crossbars: ideal tiles classify exactly as the software SNN. */
class CrossbarClassificationTest {

    @Test
    void idealCrossbarsGiveTheSoftwareSnnsPredictionsAndACostPerInference() throws IOException {
        FeedForwardAnn ann = FeedForwardAnn.fromOnnx(OnnxGraph.read(AnnFixtures.path("M1_dynbatch.onnx")));
        ConvertedSnn snn = RateConversion.convert(ann, AnnFixtures.mnist("mnist_train_x_first1000.npy", 300),
                RateConversion.Options.defaults());
        int n = 12, T = 32;
        double[][] x = AnnFixtures.mnist("mnist_test_x.npy", n);
        long[] y = AnnFixtures.longs("mnist_test_y.npy");
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = (int) y[i];
        ConvertedSnn.EngineNetwork en = snn.toNetwork(1.0, 1);
        Classification.Result software = Classification.run(en, new ScalarBackend(), BackendOptions.defaults(), x, labels, T, null);
        Classification.Result crossbar = Classification.run(en, new MemristorBackend(), BackendOptions.defaults(), x, labels, T, null);
        assertArrayEquals(software.predictions(), crossbar.predictions());
        assertArrayEquals(software.run().populationSpikes(), crossbar.run().populationSpikes());
        assertNull(software.cost());
        assertNotNull(crossbar.cost());
        // 784-256-128-10 on 128×128 tiles (64 pairs per tile): 7×4 + 2×2 + 1×1 tiles
        assertEquals(33L, crossbar.hardware().get("tiles"));
        assertTrue(crossbar.cost().energyJ() > 0);

        // 1-bit cells (weights -w_max, 0, +w_max) and a 4-bit ADC lose accuracy
        Classification.Result coarse = Classification.run(en, new MemristorBackend(),
                new BackendOptions(1, Map.of("memristor.bits_per_cell", "1", "memristor.adc_bits", "4")), x, labels, T, null);
        assertTrue(coarse.correct() < software.correct(), coarse.correct() + " vs " + software.correct());
    }
}
