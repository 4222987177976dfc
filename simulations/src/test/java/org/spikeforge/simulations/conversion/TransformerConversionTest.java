package org.spikeforge.simulations.conversion;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** M3 (one-block Transformer on MNIST rows) as a spiking graph: accuracy approaches the ANN's by T = 64. */
class TransformerConversionTest {

    @Test
    void spikingTransformerIsWithinOneAndAHalfPointsOfTheAnnByT64() throws IOException {
        OnnxGraph g = OnnxGraph.read(AnnFixtures.path("M3_dynbatch.onnx"));
        double[][] cal = AnnFixtures.mnist("mnist_train_x_first1000.npy", 200);
        List<Tensor> calibration = new ArrayList<>();
        for (double[] x : cal) calibration.add(new Tensor(new int[] {1, 28, 28}, x));
        SpikingGraph snn = SpikingGraph.convert(g, calibration, 99.9);
        assertEquals(1, snn.lambdas().size(), "one ReLU (the FFN's)");
        OnnxInterpreter ann = new OnnxInterpreter(g);
        int n = 100;
        double[][] test = AnnFixtures.mnist("mnist_test_x.npy", n);
        long[] y = AnnFixtures.longs("mnist_test_y.npy");
        int[] ts = {8, 64};
        int annOk = 0;
        int[] ok = new int[ts.length];
        double logitErr64 = 0;
        for (int s = 0; s < n; s++) {
            Tensor x = new Tensor(new int[] {1, 28, 28}, test[s]);
            double[] logits = ann.evaluate(x).data();
            if (ConvertedSnn.argmax(logits) == y[s]) annOk++;
            List<Tensor> r = snn.run(x, ts);
            for (int k = 0; k < ts.length; k++) if (ConvertedSnn.argmax(r.get(k).data()) == y[s]) ok[k]++;
            for (int j = 0; j < 10; j++) logitErr64 += Math.abs(r.get(1).data()[j] - logits[j]) / (10.0 * n);
        }
        double annAcc = 100.0 * annOk / n, acc64 = 100.0 * ok[1] / n;
        assertTrue(acc64 >= annAcc - 1.5, "T=64: " + acc64 + " % vs ANN " + annAcc + " %");
        assertTrue(ok[1] >= ok[0], "accuracy does not fall with T");
        assertTrue(logitErr64 < 0.5, "mean logit error at T=64: " + logitErr64);
    }
}
