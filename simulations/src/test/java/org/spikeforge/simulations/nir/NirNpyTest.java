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

/** The minimal .npy/.npz reader and writer. */
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
        assertEquals("x: not a .npy file (missing the \\x93NUMPY magic)",
                assertThrows(NirFormatException.class, () -> NirNpy.parse("hello world".getBytes(StandardCharsets.UTF_8), "x")).getMessage());
        assertEquals("t: truncated data: shape [4] of <f4 needs 16 bytes, file has 8",
                assertThrows(NirFormatException.class, () -> NirNpy.parse(npy("<f4", "(4,)", new byte[8]), "t")).getMessage());
        assertTrue(assertThrows(NirFormatException.class, () -> NirNpy.parse(npy("<c8", "(1,)", new byte[8]), "c"))
                .getMessage().startsWith("c: unsupported dtype '<c8'"));
        assertEquals("f: Fortran-order arrays are not supported; save with np.ascontiguousarray",
                assertThrows(NirFormatException.class, () -> NirNpy.parse(npy("<f4", "(1,)", new byte[4], true), "f")).getMessage());
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
