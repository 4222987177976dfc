package org.spikeforge.simulations.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every real NIR file that the Python reference reader can load (fixtures/nir, from NIR, NIRTorch,
 * Spyx and files written by NIR HEAD) is read, inspected and run here; {@code inspect} lists the
 * node types, edges and parameter shapes that h5py finds in the same file (structure.json). The
 * files that even Python rejects fail with a one-line message naming the broken edge or shape.
 */
class NirFixtureFilesTest {

    private static final Pattern NODE_LINE = Pattern.compile("^  (\\S+)\\s+(\\S+)\\s+in \\[([^]]*)]\\s+out \\[([^]]*)].*$");

    @ParameterizedTest
    @ValueSource(strings = {
        "all_neurons_v1_0_7_head.nir", "all_neurons_v1_0_7_head_nocomp.nir", "braille_noDelay_bias_zero.nir",
        "braille_noDelay_noBias_subtract.nir", "cnn_sinabs.nir", "conv1d_same_v1_0_7_head.nir", "conv_pool_v1_0_7_head.nir",
        "lif_norse.nir", "lif_rockpool.nir", "nirtorch_braille.nir", "spyx_braille_noDelay_bias_zero_subgraph.nir",
        "spyx_braille_noDelay_noBias_subtract_subgraph.nir", "two_lif_neurons.nir"})
    void inspectListsTheStructureH5pyFinds(String name) throws IOException {
        JsonNode expected = new ObjectMapper().readTree(NirTestFiles.nir("structure.json").toFile()).get(name);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        NirCommands.inspect(NirTestFiles.nir(name), new PrintStream(buf, true, StandardCharsets.UTF_8));
        List<String> lines = buf.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("version: " + expected.get("version").asText(), lines.get(1));

        Map<String, String[]> nodes = new HashMap<>();
        Set<String> edges = new HashSet<>();
        boolean inEdges = false;
        for (String l : lines) {
            if (l.startsWith("edges: ")) { inEdges = true; continue; }
            if (inEdges && l.startsWith("  ")) { edges.add(l.strip()); continue; }
            inEdges = false;
            Matcher m = NODE_LINE.matcher(l);
            if (m.matches()) nodes.put(m.group(1), new String[] {m.group(2), m.group(3), m.group(4)});
        }
        JsonNode expNodes = expected.get("nodes");
        assertEquals(expNodes.size(), nodes.size(), "number of nodes");
        for (Map.Entry<String, JsonNode> e : expNodes.properties()) {
            String[] got = nodes.get(e.getKey());
            assertTrue(got != null, "node " + e.getKey() + " listed");
            String type = e.getValue().get("type").asText();
            assertEquals(type, got[0], "type of " + e.getKey());
            List<Integer> shape = new ArrayList<>();
            for (JsonNode d : e.getValue().get("param_shape")) shape.add(d.asInt());
            String param = e.getValue().get("param").asText();
            if (param.equals("weight") && (type.equals("Linear") || type.equals("Affine"))) {
                assertEquals(join(shape.subList(0, 1)), got[2], "out shape of " + e.getKey() + " = weight rows");
                assertEquals(join(shape.subList(1, 2)), got[1], "in shape of " + e.getKey() + " = weight columns");
            } else if (param.equals("tau") || param.equals("tau_mem") || (param.equals("r") && shape.size() > 0 && shape.get(0) > 1)) {
                assertEquals(join(shape), got[2], "shape of neuron node " + e.getKey());
            }
        }
        Set<String> expEdges = new HashSet<>();
        for (JsonNode e : expected.get("edges")) expEdges.add(e.get(0).asText() + " -> " + e.get(1).asText());
        assertEquals(expEdges, edges, "edges");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "all_neurons_v1_0_7_head.nir", "all_neurons_v1_0_7_head_nocomp.nir", "braille_noDelay_bias_zero.nir",
        "braille_noDelay_noBias_subtract.nir", "cnn_sinabs.nir", "conv1d_same_v1_0_7_head.nir", "conv_pool_v1_0_7_head.nir",
        "lif_norse.nir", "lif_rockpool.nir", "nirtorch_braille.nir", "spyx_braille_noDelay_bias_zero_subgraph.nir",
        "spyx_braille_noDelay_noBias_subtract_subgraph.nir", "two_lif_neurons.nir"})
    void everyReadableFileRunsOnABatchAndRecordsEveryNeuronNode(String name) {
        NirFile file = NirReader.read(NirTestFiles.nir(name));
        NirExecutor exec = NirExecutor.compile(file.graph(), NirRunOptions.defaults());
        NirFlatGraph flat = exec.graph();
        int n = flat.outputSize(exec.inputNode());
        int batch = 2, steps = 8;
        double[] input = new double[batch * steps * n];
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < input.length; i++) input[i] = rng.nextDouble() < 0.3 ? 1.0 : 0.0;
        NirRecording rec = exec.run(input, batch, steps);
        for (NirFlatGraph.Node node : flat.nodes()) {
            if (!node.node().hasMembrane()) continue;
            NirRecording.Trace v = rec.get(node.name(), "v");
            int[] shape = v.shape();
            assertEquals(batch, shape[0]);
            assertEquals(steps, shape[1]);
            assertArrayEquals(flat.outputShape(node.name()), java.util.Arrays.copyOfRange(shape, 2, shape.length));
            for (float x : v.data()) assertTrue(Float.isFinite(x), name + " node " + node.name() + " v is finite");
            if (node.node().isSpiking()) {
                for (float x : rec.get(node.name(), "spk").data()) assertTrue(x == 0f || x == 1f, "spikes are 0/1");
            }
        }
        assertEquals(batch * steps * flat.outputSize(flat.graphOutputs().get(0)), rec.output().data().length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"broken_braille_noDelay_bias_zero_subgraph.nir", "broken_braille_noDelay_noBias_subtract_subgraph.nir"})
    void nestedGraphWithMisnamedEdgeFailsNamingTheEdge(String name) {
        NirFormatException e = assertThrows(NirFormatException.class, () -> NirReader.read(NirTestFiles.nir(name)));
        assertEquals(name + ": nested graph 'lif1': edge 'input' -> 'lif' names unknown node 'lif' (nodes: input, lif1, lin, output)",
                e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void nestedGraphWithWrongInputShapeFailsNamingEdgeAndShapes() {
        NirFormatException e = assertThrows(NirFormatException.class,
                () -> NirReader.read(NirTestFiles.nir("broken_subgraph_input_shape.nir")));
        // The nested Input declares [12] between an Affine of 38 outputs and a CubaLIF of 38 neurons.
        assertEquals("broken_subgraph_input_shape.nir: edge 'lif1.input' -> 'lif1.lif1': 'lif1.input' (Input) outputs shape [12] "
                + "but 'lif1.lif1' (CubaLIF) takes shape [38]", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @org.junit.jupiter.api.Test
    void nirDataFileIsRecognisedAndRefused() {
        NirFormatException e = assertThrows(NirFormatException.class, () -> NirReader.read(NirTestFiles.nir("nirdata_v1_0_7_head.h5")));
        assertTrue(e.getMessage().contains("NIRGraphData"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void rockpoolOutputShapeWithExtraSingletonDimensionsIsAcceptedWithANote() {
        NirFlatGraph flat = NirFlatGraph.of(NirReader.read(NirTestFiles.nir("lif_rockpool.nir")).graph());
        assertArrayEquals(new int[] {1}, flat.outputShape("1_LIFNeuronTorch"));
        assertArrayEquals(new int[] {1, 1, 1}, flat.inputShape("output"));
        assertEquals(1, flat.notes().size());
        assertTrue(flat.notes().get(0).contains("'1_LIFNeuronTorch' -> 'output'"), flat.notes().get(0));
    }

    @org.junit.jupiter.api.Test
    void oldLayoutsGetTheReferenceReaderDefaults() {
        // 0.2.0 files have no v_reset (zeros) and Rockpool-style CubaLIF may lack w_in (ones); recurrent loops are found.
        NirGraph g = NirReader.read(NirTestFiles.nir("braille_noDelay_bias_zero.nir")).graph();
        NirNode.CubaLIF lif = (NirNode.CubaLIF) g.node("lif1.lif");
        assertEquals(NirTensor.filled(NirTensor.DType.FLOAT64, new int[] {38}, 0.0), lif.vReset());
        NirExecutor exec = NirExecutor.compile(g, NirRunOptions.defaults());
        assertEquals(List.of(new NirEdge("lif1.w_rec", "lif1.lif")), exec.delayedEdges());
    }

    private static String join(List<Integer> s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.size(); i++) b.append(i == 0 ? "" : ", ").append(s.get(i));
        return b.toString();
    }
}
