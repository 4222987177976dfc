package org.spikeforge.simulations.conversion;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.spikeforge.hardware.BackendOptions;
import org.spikeforge.hardware.cpu.ScalarBackend;

/** The converted MLP expressed as an engine network (IF populations, dense projections) and run per sample. */
class EngineConversionTest {

    @Test
    void convertedMlpClassifiesOnTheEngineLikeTheReferenceExecutor() throws IOException {
        FeedForwardAnn ann = FeedForwardAnn.fromOnnx(OnnxGraph.read(AnnFixtures.path("M1_dynbatch.onnx")));
        ConvertedSnn snn = RateConversion.convert(ann, AnnFixtures.mnist("mnist_train_x_first1000.npy", 300),
                RateConversion.Options.defaults());
        int n = 60, T = 32;
        double[][] x = AnnFixtures.mnist("mnist_test_x.npy", n);
        long[] y = AnnFixtures.longs("mnist_test_y.npy");
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = (int) y[i];
        ConvertedSnn.EngineNetwork en = snn.toNetwork(1.0, 1);
        assertEquals(3, en.depth());
        assertEquals(784 * 256 + 256 * 128 + 128 * 10, en.network().graph().synapseCount());
        Classification.Result r = Classification.run(en, new ScalarBackend(), BackendOptions.defaults(), x, labels, T, null);
        int ref = 0, agree = 0;
        for (int s = 0; s < n; s++) {
            int p = snn.run(x[s], new int[] {T}).predictions()[0];
            if (p == labels[s]) ref++;
            if (p == r.predictions()[s]) agree++;
        }
        // the engine codes the input as spikes (the reference injects it as a current): same class on almost all
        assertTrue(agree >= n - 3, "agreement " + agree + "/" + n);
        assertTrue(r.correct() >= ref - 2, "engine " + r.correct() + " vs reference " + ref);
        assertEquals((long) n * (T + 3), r.run().stepsDone());
        // trials are independent: running one sample again after others gives the same class
        Classification.Result again = Classification.run(en, new ScalarBackend(), BackendOptions.defaults(),
                new double[][] {x[n - 1]}, new int[] {labels[n - 1]}, T, null);
        assertEquals(r.predictions()[n - 1], again.predictions()[0]);
    }
}
