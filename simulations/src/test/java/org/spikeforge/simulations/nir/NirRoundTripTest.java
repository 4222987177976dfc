package org.spikeforge.simulations.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Read → write → read gives the same graph (every field with its type and shape, edges in order,
 * metadata) and the same outputs; the written file has the layout {@code nir.write} produces
 * (checked against a file written by NIR HEAD itself).
 */
class NirRoundTripTest {

    @TempDir Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {
        "all_neurons_v1_0_7_head.nir", "all_neurons_v1_0_7_head_nocomp.nir", "braille_noDelay_bias_zero.nir",
        "braille_noDelay_noBias_subtract.nir", "cnn_sinabs.nir", "conv1d_same_v1_0_7_head.nir", "conv_pool_v1_0_7_head.nir",
        "lif_norse.nir", "lif_rockpool.nir", "nirtorch_braille.nir", "spyx_braille_noDelay_bias_zero_subgraph.nir",
        "spyx_braille_noDelay_noBias_subtract_subgraph.nir", "two_lif_neurons.nir"})
    void readWriteReadGivesSameGraphAndSameOutputs(String name) {
        NirFile first = NirReader.read(NirTestFiles.nir(name));
        Path copy = tmp.resolve("copy.nir");
        NirWriter.write(first.graph(), copy);
        NirFile second = NirReader.read(copy);
        assertEquals(NirWriter.VERSION, second.version());
        assertEquals(first.graph(), second.graph());
        assertEquals(first.graph().edges(), second.graph().edges(), "edge order is kept");

        NirExecutor a = NirExecutor.compile(first.graph(), NirRunOptions.defaults().withDt(1e-3));
        NirExecutor b = NirExecutor.compile(second.graph(), NirRunOptions.defaults().withDt(1e-3));
        int n = a.graph().outputSize(a.inputNode());
        double[] input = new double[2 * 6 * n];
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < input.length; i++) input[i] = rng.nextDouble() < 0.4 ? 1.0 : 0.0;
        NirRecording ra = a.run(input, 2, 6), rb = b.run(input, 2, 6);
        assertEquals(ra.traces().keySet(), rb.traces().keySet());
        for (String key : ra.traces().keySet()) {
            assertArrayEquals(ra.traces().get(key).data(), rb.traces().get(key).data(), key);
        }
    }

    @Test
    void writerProducesTheLayoutOfNirWrite() throws Exception {
        Path original = NirTestFiles.nir("all_neurons_v1_0_7_head.nir");
        Path written = tmp.resolve("all.nir");
        NirWriter.write(NirReader.read(original).graph(), written);
        Map<String, String> expected, actual;
        try (HdfFile h = new HdfFile(original)) { expected = layout(h); }
        try (HdfFile h = new HdfFile(written)) { actual = layout(h); }
        expected.remove("/version");
        actual.remove("/version");
        assertEquals(expected, actual);
        assertTrue(actual.get("/node/nodes/lif/tau").contains("gzip"), "arrays are chunked and gzip-compressed like nir.write's default");
        assertFalse(actual.get("/node/nodes/lif/metadata/dt").contains("gzip"), "scalars are stored plain");
    }

    @Test
    void uncompressedWritingStoresPlainDatasets() throws Exception {
        Path written = tmp.resolve("plain.nir");
        NirGraph g = NirReader.read(NirTestFiles.nir("lif_norse.nir")).graph();
        NirWriter.write(g, written, false);
        try (HdfFile h = new HdfFile(written)) {
            assertFalse(layout(h).get("/node/nodes/1/tau").contains("gzip"));
        }
        assertEquals(g, NirReader.read(written).graph());
    }

    @Test
    void metadataOfEveryKindRoundTrips() {
        NirGraph g = NirGraph.builder()
                .node("input", new NirNode.Input(2))
                .node("scale", new NirNode.Scale(NirTensor.vector(NirTensor.DType.FLOAT32, 1.5, -2),
                        Map.of("label", new NirValue.Text("gain"), "flag", NirTensor.scalar(NirTensor.DType.BOOL, 1))))
                .node("output", new NirNode.Output(2))
                .chain("input", "scale", "output")
                .metadata("dt", NirTensor.scalar(NirTensor.DType.FLOAT64, 5e-4))
                .metadata("source", new NirValue.Tree(Map.of("tool", new NirValue.Text("spikeforge"),
                        "ids", NirTensor.vector(NirTensor.DType.INT64, 1, 2, 3))))
                .build();
        Path p = tmp.resolve("meta.nir");
        NirWriter.write(g, p);
        NirGraph back = NirReader.read(p).graph();
        assertEquals(g, back);
        assertEquals(5e-4, NirRunOptions.defaults().resolveDt(back), 0.0, "dt defaults to the graph metadata");
    }

    /** path -> "java type, dims, filters" for every dataset except the string-typed ones' storage class. */
    private static Map<String, String> layout(Group g) {
        Map<String, String> out = new TreeMap<>();
        for (Node n : g) {
            if (n instanceof Group sub) out.putAll(layout(sub));
            else {
                Dataset d = (Dataset) n;
                String filters = d.getFilters().isEmpty() ? "" : " gzip";
                out.put(d.getPath(), d.getJavaType().getSimpleName() + Arrays.toString(d.isScalar() ? new int[0] : d.getDimensions()) + filters);
            }
        }
        return out;
    }
}
