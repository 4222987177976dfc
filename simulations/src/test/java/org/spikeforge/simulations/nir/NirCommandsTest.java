package org.spikeforge.simulations.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nir inspect} and {@code nir run} as the CLI calls them. */
class NirCommandsTest {

    @TempDir Path tmp;

    @Test
    void inspectPrintsVersionNodesShapesAndEdges() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        NirCommands.inspect(NirTestFiles.nir("braille_noDelay_bias_zero.nir"), new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("file: braille_noDelay_bias_zero.nir\nversion: 0.2.0\nnodes: 7\n"), out);
        assertTrue(out.contains("  lif1.lif    CubaLIF  in [38]  out [38]  r=float64[38]"), out);
        assertTrue(out.contains("edges: 7\n"), out);
        assertTrue(out.contains("recurrent edges (carry the previous step): lif1.w_rec -> lif1.lif"), out);
    }

    @Test
    void runWritesTracesThatMatchSnnTorchAndASummary() throws Exception {
        Map<String, NirNpy.Array> ref = NirNpy.readNpz(NirTestFiles.snntorch("N1_ref.npz"));
        NirNpy.Array inputs = ref.get("inputs");
        float[] in = new float[inputs.size()];
        for (int i = 0; i < in.length; i++) in[i] = (float) inputs.data()[i];
        Path input = tmp.resolve("x.npy");
        NirNpy.writeFloat32(input, inputs.shape(), in);
        Path out = tmp.resolve("out");
        NirCommands.RunResult result = NirCommands.run(NirTestFiles.snntorch("N1.nir"), input, NirRunOptions.snntorch(), out);
        assertEquals(4, result.files().size(), "1_spk.npy, 1_v.npy, output.npy, summary.json");
        NirNpy.Array spk = NirNpy.read(out.resolve("1_spk.npy"));
        assertEquals("<f4", spk.descr());
        assertArrayEquals(new int[] {5, 100, 8}, spk.shape());
        assertArrayEquals(ref.get("spk_1").data(), spk.data());
        assertArrayEquals(ref.get("output_spk").data(), NirNpy.read(out.resolve("output.npy")).data());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        long refSpikes = 0;
        for (double s : ref.get("spk_1").data()) refSpikes += (long) s;
        assertEquals(refSpikes, summary.get("spikes").get("1").asLong());
        assertEquals("snntorch", summary.get("flavor").asText());
        assertEquals(1e-4, summary.get("dt_s").asDouble(), 0.0);
    }

    @Test
    void unbatchedInputGivesBatchOfOne() {
        Path input = tmp.resolve("x.npy");
        NirNpy.writeFloat32(input, new int[] {20, 1}, new float[20]);
        NirCommands.RunResult r = NirCommands.run(NirTestFiles.nir("lif_norse.nir"), input, NirRunOptions.defaults(), tmp.resolve("o"));
        assertArrayEquals(new int[] {1, 20, 1}, r.recording().get("1", "v").shape());
    }

    @Test
    void inputOfTheWrongShapeIsRefusedNamingTheExpectedShape() {
        Path input = tmp.resolve("bad.npy");
        NirNpy.writeFloat32(input, new int[] {10, 11}, new float[110]);
        NirFormatException e = assertThrows(NirFormatException.class,
                () -> NirCommands.run(NirTestFiles.snntorch("N1.nir"), input, NirRunOptions.snntorch(), tmp.resolve("o")));
        assertEquals("input has shape [10, 11] but Input node 'input' takes [12] per step: expected (T, 12) or (B, T, 12)", e.getMessage());
        assertTrue(Files.notExists(tmp.resolve("o")), "nothing is written for a refused run");
    }
}
