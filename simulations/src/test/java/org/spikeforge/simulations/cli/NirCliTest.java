package org.spikeforge.simulations.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spikeforge.simulations.nir.NirNpy;

class NirCliTest {
    @TempDir Path dir;

    private static Path fixture(String name) throws Exception {
        return Paths.get(NirCliTest.class.getResource("/fixtures/nir/" + name).toURI());
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void inspectPrintsNodesAndVersion() throws Exception {
        String[] r = run("nir", "inspect", fixture("lif_norse.nir").toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("LIF") && r[1].toLowerCase().contains("version"), r[1]);
    }

    @Test
    void brokenFileExitsWithCodeTwoAndOneLine() throws Exception {
        String[] r = run("nir", "inspect", fixture("broken_subgraph_input_shape.nir").toString());
        assertEquals("2", r[0]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
        assertFalse(r[2].contains("Exception"), r[2]);
    }

    @Test
    void runWritesTraces() throws Exception {
        Path in = dir.resolve("x.npy");
        // (T=20, 1) float64 input of ones, written as NPY v1.0
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (20, 1), }";
        int pad = 16 - (10 + header.length() + 1) % 16;
        header = header + " ".repeat(pad) + "\n";
        var buf = java.nio.ByteBuffer.allocate(10 + header.length() + 20 * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buf.put((byte) 0x93).put("NUMPY".getBytes()).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.getBytes());
        for (int i = 0; i < 20; i++) buf.putDouble(1.0);
        Files.write(in, buf.array());
        Path out = dir.resolve("out");
        String[] r = run("nir", "run", fixture("lif_norse.nir").toString(), "--input", in.toString(), "--out", out.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(Files.exists(out.resolve("output.npy")));
        String[] bad = run("nir", "run", fixture("lif_norse.nir").toString(), "--input", in.toString(), "--out", out.toString(), "--reset", "sideways");
        assertEquals("2", bad[0]);
        assertTrue(bad[2].contains("zero") && bad[2].contains("subtract"), bad[2]);
    }

    @Test
    void runOnAnEngineBackendWritesTheReferenceFilesOnTheReferenceTimeAxis() throws Exception {
        Path nir = Paths.get(NirCliTest.class.getResource("/fixtures/nir-snntorch/N1.nir").toURI());
        var ref = NirNpy.readNpz(Paths.get(NirCliTest.class.getResource("/fixtures/nir-snntorch/N1_ref.npz").toURI()));
        var inputs = ref.get("inputs");
        float[] x = new float[2 * 100 * 12];
        for (int i = 0; i < x.length; i++) x[i] = (float) inputs.data()[i];
        Path in = dir.resolve("x.npy");
        NirNpy.writeFloat32(in, new int[] {2, 100, 12}, x);
        Path onReference = dir.resolve("reference"), onEngine = dir.resolve("engine");
        String[] a = run("nir", "run", nir.toString(), "--input", in.toString(), "--out", onReference.toString(), "--flavor", "snntorch");
        String[] b = run("nir", "run", nir.toString(), "--input", in.toString(), "--out", onEngine.toString(), "--flavor", "snntorch",
                "--backend", "scalar");
        assertEquals("0", a[0], a[2]);
        assertEquals("0", b[0], b[2]);
        assertTrue(b[1].contains("on scalar"), b[1]);
        for (String f : new String[] {"1_spk.npy", "1_v.npy", "output.npy"}) {
            var expected = NirNpy.read(onReference.resolve(f));
            var actual = NirNpy.read(onEngine.resolve(f));
            assertArrayEquals(expected.shape(), actual.shape(), f);
            assertArrayEquals(expected.data(), actual.data(), f);
        }
        double spikes = 0;
        for (double s : NirNpy.read(onEngine.resolve("1_spk.npy")).data()) spikes += s;
        assertTrue(spikes > 50, "the compared traces hold spikes: " + spikes);
        var summary = new ObjectMapper().readTree(onEngine.resolve("summary.json").toFile());
        assertEquals("scalar", summary.get("backend").asText());
        assertEquals("spikes", summary.get("engine").get("input").asText());
        assertEquals(1, summary.get("engine").get("depth").get("1").asInt());
        assertEquals(101, summary.get("engine").get("steps_per_trial").asInt());
        assertEquals("reference", new ObjectMapper()
                .readTree(onReference.resolve("summary.json").toFile()).get("backend").asText());
    }

    @Test
    void unknownBackendOrBackendOptionsWithoutABackendExitWithCodeTwoAndOneLine() throws Exception {
        Path nir = Paths.get(NirCliTest.class.getResource("/fixtures/nir-snntorch/N1.nir").toURI());
        Path in = dir.resolve("x.npy");
        NirNpy.writeFloat32(in, new int[] {5, 12}, new float[60]);
        String[] r = run("nir", "run", nir.toString(), "--input", in.toString(), "--out", dir.resolve("o").toString(), "--backend", "abacus");
        assertEquals("2", r[0]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
        assertTrue(r[2].contains("'abacus'") && r[2].contains("scalar") && r[2].contains("gpu"), r[2]);
        r = run("nir", "run", nir.toString(), "--input", in.toString(), "--out", dir.resolve("o").toString(), "--backend-option", "delivery=exact");
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("need --backend"), r[2]);
    }
}
