package org.spikeforge.simulations.conversion;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX import and the float64 interpreter against torch's reference logits. */
class OnnxImportTest {

    private static double maxLogitError(String model, String logits, int[] inputShape) throws IOException {
        OnnxInterpreter it = new OnnxInterpreter(OnnxGraph.read(AnnFixtures.path(model)));
        double[][] x = AnnFixtures.mnist("mnist_test_x.npy", 200);
        double[] ref = AnnFixtures.npy(logits).toDoubles();
        double max = 0;
        for (int s = 0; s < 200; s++) {
            Tensor out = it.evaluate(new Tensor(inputShape, x[s]));
            assertArrayEquals(new int[] {1, 10}, out.shape());
            int best = 0, refBest = 0;
            for (int k = 0; k < 10; k++) {
                max = Math.max(max, Math.abs(out.data()[k] - ref[s * 10 + k]));
                if (out.data()[k] > out.data()[best]) best = k;
                if (ref[s * 10 + k] > ref[s * 10 + refBest]) refBest = k;
            }
            assertEquals(refBest, best, "argmax of sample " + s);
        }
        return max;
    }

    @Test
    void mlpReproducesTorchLogits() throws IOException {
        assertTrue(maxLogitError("M1_dynbatch.onnx", "M1_logits_test200.npy", new int[] {1, 784}) < 1e-4);
    }

    @Test
    void transformerReproducesTorchLogits() throws IOException {
        // MatMul, Reshape, Transpose, Softmax and the decomposed LayerNorm (ReduceMean, Sub, Pow, Sqrt, Div).
        assertTrue(maxLogitError("M3_dynbatch.onnx", "M3_logits_test200.npy", new int[] {1, 28, 28}) < 1e-4);
    }

    @Test
    void readsOpsetAndShapes() {
        OnnxGraph g = OnnxGraph.read(AnnFixtures.path("M1_dynbatch.onnx"));
        assertEquals(13, g.opset());
        assertEquals("input", g.inputs().get(0).name());
        assertArrayEquals(new int[] {-1, 784}, g.inputs().get(0).shape());
        assertArrayEquals(new int[] {256, 784}, g.initializers().get("fc1.weight").shape());
        FeedForwardAnn ann = FeedForwardAnn.fromOnnx(g);
        assertEquals(3, ann.layers().size());
        assertTrue(ann.layers().get(0).relu() && ann.layers().get(1).relu() && !ann.layers().get(2).relu());
    }

    @Test
    void transformerIsNotAFeedForwardChainAndSaysWhy() {
        OnnxGraph g = OnnxGraph.read(AnnFixtures.path("M3_dynbatch.onnx"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeedForwardAnn.fromOnnx(g));
        assertTrue(e.getMessage().contains("node '") && e.getMessage().contains("M3_dynbatch.onnx"), e.getMessage());
    }

    @Test
    void corruptOrMissingFileGivesOneLineError(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.onnx");
        Files.write(bad, new byte[] {1, 2, 3, 4, 5, 6, 7});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxGraph.read(bad));
        assertTrue(e.getMessage().startsWith(bad.toString()) && e.getMessage().contains("not a valid ONNX model"), e.getMessage());
        Path truncated = dir.resolve("trunc.onnx");
        byte[] full = Files.readAllBytes(AnnFixtures.path("M3_dynbatch.onnx"));
        Files.write(truncated, java.util.Arrays.copyOf(full, full.length / 2));
        assertThrows(IllegalArgumentException.class, () -> OnnxGraph.read(truncated));
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> OnnxGraph.read(dir.resolve("none.onnx")));
        assertTrue(m.getMessage().contains("file not found"));
    }

    @Test
    void unsupportedOpIsNamedWithNodeAndOpset() {
        OnnxGraph g = OnnxGraph.read(AnnFixtures.path("M1_dynbatch.onnx"));
        var nodes = new java.util.ArrayList<>(g.nodes());
        OnnxGraph.Node first = nodes.get(0);
        OnnxGraph.Node lstm = new OnnxGraph.Node("my_lstm", "LSTM", first.inputs(), first.outputs(), java.util.Map.of());
        nodes.set(0, lstm);
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> new OnnxInterpreter(g.withNodes(nodes)));
        assertTrue(e2.getMessage().contains("'my_lstm'") && e2.getMessage().contains("LSTM") && e2.getMessage().contains("opset 13"),
                e2.getMessage());
    }
}
