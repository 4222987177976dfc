package org.spikeforge.simulations.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
