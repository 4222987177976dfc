package org.spikeforge.simulations.recording;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** NpyWriter writes the same bytes as numpy.save (fixtures made with NumPy 1.24.2). */
class NpyWriterTest {

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = NpyWriterTest.class.getResourceAsStream("/fixtures/npy/" + name)) {
            assertNotNull(in, name);
            return in.readAllBytes();
        }
    }

    @Test
    void float64MatrixIsByteIdenticalToNumpySave() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (NpyWriter w = new NpyWriter(out, NpyWriter.Dtype.FLOAT64, 3, 2)) {
            for (double v : new double[] {3, 0.1, 17, 0.2, 2, 12.5}) w.writeDouble(v);
        }
        assertArrayEquals(fixture("spikes_f8.npy"), out.toByteArray());
    }

    @Test
    void float32MatrixIsByteIdenticalToNumpySave() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (NpyWriter w = new NpyWriter(out, NpyWriter.Dtype.FLOAT32, 2, 3)) {
            for (float v : new float[] {-65f, -50.25f, 1.5f, -64.5f, -49.75f, 0f}) w.writeFloat(v);
        }
        assertArrayEquals(fixture("state_f4.npy"), out.toByteArray());
    }

    @Test
    void int32VectorAndEmptyArrayAreByteIdenticalToNumpySave() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (NpyWriter w = new NpyWriter(out, NpyWriter.Dtype.INT32, 3)) {
            for (int v : new int[] {0, 7, 42}) w.writeInt(v);
        }
        assertArrayEquals(fixture("neurons_i4.npy"), out.toByteArray());
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        new NpyWriter(empty, NpyWriter.Dtype.FLOAT64, 0, 2).close();
        assertArrayEquals(fixture("empty_f8.npy"), empty.toByteArray());
    }

    @Test
    void rejectsTooFewElementsAndWrongType() throws IOException {
        NpyWriter w = new NpyWriter(new ByteArrayOutputStream(), NpyWriter.Dtype.FLOAT64, 2);
        w.writeDouble(1);
        assertThrows(IllegalStateException.class, () -> w.writeFloat(1f));
        IllegalStateException e = assertThrows(IllegalStateException.class, w::close);
        assertTrue(e.getMessage().contains("shape needs 2"), e.getMessage());
    }
}
