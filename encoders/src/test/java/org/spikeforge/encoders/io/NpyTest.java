package org.spikeforge.encoders.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NPY/NPZ reading and writing, checked against files written by NumPy 2.4 (fixtures/npy/README.md). */
class NpyTest {

    @TempDir
    Path tmp;

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = NpyTest.class.getResourceAsStream("/fixtures/npy/" + name)) {
            if (in == null) throw new IllegalStateException("missing test fixture " + name);
            return in.readAllBytes();
        }
    }

    static NpyArray load(String name) throws IOException {
        return Npy.read(new ByteArrayInputStream(fixture(name)), name);
    }

    @Test
    void readsFloat32MatrixWrittenByNumpy() throws IOException {
        NpyArray a = load("f4_2x3.npy");
        assertEquals(NpyDType.FLOAT32, a.dtype());
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(new float[] {0f, 1.5f, -2.25f, 3.0e-8f, 1e30f, -0.0f}, a.toFloats());
    }

    @Test
    void readsFloat64AndFloat16() throws IOException {
        assertArrayEquals(new double[] {Math.PI, -Math.E, 1e-300, 12345.678}, load("f8_vec.npy").toDoubles());
        assertArrayEquals(new double[] {0.5, -1.0, 65504.0}, load("f2.npy").toDoubles());
    }

    @Test
    void readsBigEndianInt16() throws IOException {
        NpyArray a = load("i2_be.npy");
        assertEquals('i', a.dtype().kind());
        assertEquals(java.nio.ByteOrder.BIG_ENDIAN, a.dtype().order());
        assertArrayEquals(new int[] {1, -2, 32767, -32768}, a.toInts());
    }

    @Test
    void readsInt64ThreeDimensionalInCOrder() throws IOException {
        NpyArray a = load("i8_3d.npy");
        assertArrayEquals(new int[] {2, 3, 4}, a.shape());
        long[] v = a.toLongs();
        for (int i = 0; i < 24; i++) assertEquals(i - 12, v[i]);
    }

    @Test
    void readsUnsignedBytesBooleansAndUint32() throws IOException {
        assertArrayEquals(new int[] {0, 1, 127, 128, 255}, load("u1.npy").toInts());
        assertArrayEquals(new boolean[] {true, false, true}, load("b1.npy").toBooleans());
        assertArrayEquals(new long[] {0, 4294967295L, 7}, load("u4.npy").toLongs());
    }

    @Test
    void reordersFortranOrderToCOrder() throws IOException {
        NpyArray a = load("f4_fortran.npy"); // np.asfortranarray(np.arange(6).reshape(2, 3))
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5}, a.toFloats());
    }

    @Test
    void readsZeroDimensionalScalar() throws IOException {
        NpyArray a = load("scalar_f8.npy");
        assertEquals(0, a.rank());
        assertEquals(1, a.size());
        assertEquals(2.5, a.getDouble(0));
    }

    @Test
    void readsStructuredEventRecordsByField() throws IOException {
        NpyArray a = load("events_structured.npy");
        assertTrue(a.dtype().isStructured());
        assertEquals(List.of("x", "y", "t", "p"), a.fieldNames());
        assertArrayEquals(new long[] {10, 20, 35, 1000000}, a.fieldLongs("t"));
        assertArrayEquals(new double[] {0, 33, 5, 1}, a.fieldDoubles("x"));
        assertArrayEquals(new double[] {2, 1, 33, 0}, a.fieldDoubles("y"));
        assertArrayEquals(new double[] {1, 0, 1, 0}, a.fieldDoubles("p"));
    }

    @Test
    void readsAlignedStructuredRecordsSkippingPadding() throws IOException {
        NpyArray a = load("events_aligned.npy"); // t f8, x u1, y u1, 2 pad bytes, p i4
        assertEquals(16, a.dtype().itemSize());
        assertEquals(List.of("t", "x", "y", "p"), a.fieldNames());
        assertArrayEquals(new double[] {0.5, 1.25}, a.fieldDoubles("t"));
        assertArrayEquals(new long[] {1, -1}, a.fieldLongs("p"));
        assertArrayEquals(new long[] {5, 6}, a.fieldLongs("y"));
    }

    @Test
    void readsFormatVersion2Header() throws IOException {
        NpyArray a = load("v2_header.npy");
        assertEquals(1700, a.fieldNames().size());
        assertArrayEquals(new double[] {7.5}, a.fieldDoubles("field_0007_with_a_long_name"));
    }

    @Test
    void writerProducesTheSameBytesAsNumpy() throws IOException {
        assertArrayEquals(fixture("f4_2x3.npy"),
                Npy.toBytes(NpyArray.ofFloats(new float[] {0f, 1.5f, -2.25f, 3.0e-8f, 1e30f, -0.0f}, 2, 3)));
        assertArrayEquals(fixture("f8_vec.npy"),
                Npy.toBytes(NpyArray.ofDoubles(new double[] {Math.PI, -Math.E, 1e-300, 12345.678}, 4)));
        assertArrayEquals(fixture("u1.npy"), Npy.toBytes(NpyArray.ofUint8(new int[] {0, 1, 127, 128, 255}, 5)));
        assertArrayEquals(fixture("b1.npy"), Npy.toBytes(NpyArray.ofBooleans(new boolean[] {true, false, true}, 3)));
        assertArrayEquals(fixture("scalar_f8.npy"), Npy.toBytes(NpyArray.ofDoubles(new double[] {2.5})));
        long[] l = new long[24];
        for (int i = 0; i < 24; i++) l[i] = i - 12;
        assertArrayEquals(fixture("i8_3d.npy"), Npy.toBytes(NpyArray.ofLongs(l, 2, 3, 4)));
        NpyArray ev = NpyArray.structured(List.of("x", "y", "t", "p"),
                List.of(NpyDType.INT16, NpyDType.INT16, NpyDType.INT64, NpyDType.BOOL),
                List.of(new double[] {0, 33, 5, 1}, new double[] {2, 1, 33, 0}, new double[] {10, 20, 35, 1000000}, new double[] {1, 0, 1, 0}));
        assertArrayEquals(fixture("events_structured.npy"), Npy.toBytes(ev));
    }

    @Test
    void writerSwitchesToVersion2ForHugeHeaders() throws IOException {
        NpyArray a = load("v2_header.npy");
        byte[] bytes = Npy.toBytes(a);
        assertEquals(2, bytes[6]);
        assertEquals(0, (bytes.length - a.size() * a.dtype().itemSize()) % 64, "data starts on a 64-byte boundary");
        NpyArray back = Npy.read(new ByteArrayInputStream(bytes), "roundtrip");
        assertArrayEquals(new double[] {7.5}, back.fieldDoubles("field_0007_with_a_long_name"));
    }

    @Test
    void roundTripsEveryScalarTypeThroughAFile() throws IOException {
        double[] v = {0, 1, 100, 3};
        for (NpyDType t : List.of(NpyDType.FLOAT32, NpyDType.FLOAT64, NpyDType.INT8, NpyDType.INT16, NpyDType.INT32,
                NpyDType.INT64, NpyDType.UINT8, NpyDType.scalar('u', 2), NpyDType.scalar('u', 4), NpyDType.scalar('u', 8),
                NpyDType.scalar('f', 2))) {
            Path f = tmp.resolve("a.npy");
            Npy.write(f, NpyArray.of(t, v, 2, 2));
            NpyArray back = Npy.read(f);
            assertEquals(t, back.dtype());
            assertArrayEquals(v, back.toDoubles(), "dtype " + t);
        }
    }

    @Test
    void readsTheSnntorchFixtureArchive() throws IOException {
        Map<String, NpyArray> z;
        try (InputStream in = NpyTest.class.getResourceAsStream("/fixtures/encoders/spikegen.npz")) {
            z = Npy.readNpz(in, "spikegen.npz");
        }
        assertEquals(9, z.size());
        assertArrayEquals(new int[] {6, 10}, z.get("latency_input").shape());
        float[] x = z.get("latency_input").toFloats();
        assertEquals(0f, x[0]);
        assertEquals(1f, x[1]);
        assertEquals(0.5f, x[2]);
        assertArrayEquals(new int[] {50, 6, 10}, z.get("latency_linear_norm").shape());
        assertArrayEquals(new int[] {200, 4}, z.get("delta_input").shape());
    }

    @Test
    void readsStoredAndDeflatedNpzFromFiles() throws IOException {
        for (String name : List.of("mixed.npz", "mixed_compressed.npz")) {
            Path f = tmp.resolve(name);
            Files.write(f, fixture(name));
            Map<String, NpyArray> z = Npy.readNpz(f);
            assertEquals(List.of("a", "b"), List.copyOf(z.keySet()));
            assertArrayEquals(new int[] {0, 1, 2, 3, 4}, z.get("a").toInts());
            assertArrayEquals(new float[] {1, 1, 1, 1}, z.get("b").toFloats());
        }
    }

    @Test
    void npzRoundTrip() throws IOException {
        Map<String, NpyArray> m = new LinkedHashMap<>();
        m.put("spikes", NpyArray.ofFloats(new float[] {0, 1, 1, 0}, 2, 2));
        m.put("ids", NpyArray.ofInts(new int[] {7, -3}, 2));
        Path f = tmp.resolve("out.npz");
        Npy.writeNpz(f, m);
        Map<String, NpyArray> back = Npy.readNpz(f);
        assertArrayEquals(new float[] {0, 1, 1, 0}, back.get("spikes").toFloats());
        assertArrayEquals(new int[] {7, -3}, back.get("ids").toInts());
    }

    @Test
    void atomicWriteLeavesNoPartialFile() throws IOException {
        Path f = tmp.resolve("x.npy");
        assertThrows(IOException.class, () -> Npy.writeAtomically(f, out -> {
            out.write(new byte[] {1, 2, 3});
            throw new IOException("disk full");
        }));
        assertFalse(Files.exists(f));
        try (var s = Files.list(tmp)) {
            assertEquals(0, s.count(), "temporary file removed");
        }
    }

    @Test
    void rejectsBadFilesWithMessagesNamingTheProblem() throws IOException {
        byte[] good = fixture("f4_2x3.npy");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Npy.read(new ByteArrayInputStream("hello world, not numpy".getBytes()), "in.npy"));
        assertTrue(e.getMessage().startsWith("in.npy: not an NPY file"), e.getMessage());

        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 5);
        e = assertThrows(IllegalArgumentException.class, () -> Npy.read(new ByteArrayInputStream(truncated), "cut.npy"));
        assertTrue(e.getMessage().contains("cut.npy: file ends inside the data"), e.getMessage());

        byte[] complex = new String(good, java.nio.charset.StandardCharsets.ISO_8859_1).replace("'<f4'", "'<c8'")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        e = assertThrows(IllegalArgumentException.class, () -> Npy.read(new ByteArrayInputStream(complex), "c.npy"));
        assertTrue(e.getMessage().contains("unsupported NPY dtype '<c8'"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> Npy.read(tmp.resolve("missing.npy")));
        assertTrue(e.getMessage().endsWith("missing.npy: file not found"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> load("events_structured.npy").toDoubles());
        assertTrue(e.getMessage().contains("structured array"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> load("events_structured.npy").fieldLongs("polarity"));
        assertTrue(e.getMessage().contains("no field 'polarity'"), e.getMessage());
    }

    @Test
    void rejectsValuesThatDoNotFitTheTargetType() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NpyArray.of(NpyDType.INT16, new double[] {1, 40000}, 2));
        assertTrue(e.getMessage().contains("index 1 = 40000.0 is outside the range"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NpyArray.of(NpyDType.INT32, new double[] {1.5}, 1));
        assertTrue(e.getMessage().contains("not a whole number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NpyArray.ofFloats(new float[5], 2, 3));
        assertTrue(e.getMessage().contains("5 values do not fill shape [2, 3]"), e.getMessage());
    }
}
