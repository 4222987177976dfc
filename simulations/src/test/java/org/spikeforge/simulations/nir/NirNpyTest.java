package org.spikeforge.simulations.nir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .npy/.npz adapter for NIR runs over encoders' Npy. */
class NirNpyTest {

    @TempDir Path tmp;

    @Test
    void float32RoundTripsWithA64ByteAlignedHeader() throws Exception {
        Path p = tmp.resolve("a.npy");
        float[] data = {1.5f, -2f, 0f, 3.25f, 7f, 8f};
        NirNpy.writeFloat32(p, new int[] {2, 3}, data);
        byte[] bytes = Files.readAllBytes(p);
        int headerLen = ByteBuffer.wrap(bytes, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort();
        assertEquals(0, (10 + headerLen) % 64, "NumPy aligns the data to 64 bytes");
        NirNpy.Array a = NirNpy.read(p);
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(new double[] {1.5, -2, 0, 3.25, 7, 8}, a.data());
    }

    @Test
    void readsNumpyWrittenFloat64AndBigEndianAndBool() {
        // oracle_*_output.npy was written by numpy.save as <f8.
        NirNpy.Array out = NirNpy.read(NirTestFiles.nir("oracle_conv_pool_v1_0_7_head_output.npy"));
        assertEquals("<f8", out.descr());
        assertArrayEquals(new int[] {2, 12, 5}, out.shape());
        assertEquals(NirNpy.parse(npy(">f4", "(2,)", ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putFloat(1.5f).putFloat(-3f).array()), "be")
                .data()[1], -3.0, 0.0);
        assertArrayEquals(new double[] {1, 0, 1}, NirNpy.parse(npy("|b1", "(3,)", new byte[] {1, 0, 1}), "b").data());
    }

    @Test
    void badFilesAreRefusedWithOneLineMessages() {
        assertEquals("x: not an NPY file (bad magic bytes)",
                assertThrows(NirFormatException.class, () -> NirNpy.parse("hello world".getBytes(StandardCharsets.UTF_8), "x")).getMessage());
        assertEquals("t: file ends inside the data (16 bytes for shape [4]) (read 8 of 16 bytes)",
                assertThrows(NirFormatException.class, () -> NirNpy.parse(npy("<f4", "(4,)", new byte[8]), "t")).getMessage());
        assertTrue(assertThrows(NirFormatException.class, () -> NirNpy.parse(npy("<c8", "(1,)", new byte[8]), "c"))
                .getMessage().startsWith("c: unsupported NPY dtype '<c8'"));
        assertTrue(assertThrows(NirFormatException.class, () -> NirNpy.read(tmp.resolve("absent.npy")))
                .getMessage().endsWith("absent.npy: file not found"));
    }

    @Test
    void fortranOrderArraysAreReorderedToCOrder() {
        // column-major (2, 3): memory holds column 0 (1, 4), column 1 (2, 5), column 2 (3, 6)
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : new float[] {1, 4, 2, 5, 3, 6}) b.putFloat(x);
        NirNpy.Array a = NirNpy.parse(npy("<f4", "(2, 3)", b.array(), true), "f");
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, a.data());
    }

    private static byte[] npy(String descr, String shape, byte[] data) { return npy(descr, shape, data, false); }

    private static byte[] npy(String descr, String shape, byte[] data, boolean fortran) {
        String h = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }\n";
        ByteBuffer b = ByteBuffer.allocate(10 + h.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length());
        b.put(h.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return b.array();
    }
}
