package org.spikeforge.simulations.recording;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes one array in NumPy's {@code .npy} format, version 1.0, little-endian, C order, streaming the
 * elements so that no array has to be held in memory.
 *
 * <p>Format (numpy.lib.format): the magic {@code \x93NUMPY}, version bytes {@code 1 0}, a little-endian
 * uint16 header length, then an ASCII Python dict literal
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (n, 2), }} padded with spaces and ended by
 * {@code \n} so that the data starts at a multiple of 64 bytes, exactly as {@code numpy.save} writes it.
 *
 * <p>The elements must be written in C order and their number must equal the product of the shape;
 * {@link #close()} checks it.
 */
public final class NpyWriter implements AutoCloseable {

    /** Element types SpikeForge writes. */
    public enum Dtype {
        FLOAT64("<f8", 8), FLOAT32("<f4", 4), INT32("<i4", 4), INT64("<i8", 8);

        final String descr;
        final int bytes;

        Dtype(String descr, int bytes) {
            this.descr = descr;
            this.bytes = bytes;
        }
    }

    private final OutputStream out;
    private final Dtype dtype;
    private final long expected;
    private final byte[] buf = new byte[8];
    private long written;

    /** Writes the header for an array of {@code dtype} and {@code shape} to {@code out}. */
    public NpyWriter(OutputStream out, Dtype dtype, long... shape) throws IOException {
        this.out = out instanceof BufferedOutputStream ? out : new BufferedOutputStream(out, 1 << 16);
        this.dtype = dtype;
        long n = 1;
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException("negative dimension in shape " + java.util.Arrays.toString(shape));
            n = Math.multiplyExact(n, d);
        }
        this.expected = n;
        this.out.write(header(dtype, shape));
    }

    /** The complete header (magic, version, length, dict, padding) for {@code dtype} and {@code shape}. */
    static byte[] header(Dtype dtype, long... shape) {
        StringBuilder s = new StringBuilder("(");
        for (int k = 0; k < shape.length; k++) {
            if (k > 0) s.append(", ");
            s.append(shape[k]);
        }
        if (shape.length == 1) s.append(',');
        s.append(')');
        String dict = "{'descr': '" + dtype.descr + "', 'fortran_order': False, 'shape': " + s + ", }";
        int preamble = 10;
        int total = preamble + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String text = dict + " ".repeat(padded - total) + "\n";
        if (text.length() > 65535) throw new IllegalArgumentException("npy header too long");
        byte[] h = new byte[preamble + text.length()];
        h[0] = (byte) 0x93;
        byte[] magic = "NUMPY".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, h, 1, 5);
        h[6] = 1;
        h[7] = 0;
        h[8] = (byte) text.length();
        h[9] = (byte) (text.length() >>> 8);
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, h, preamble, t.length);
        return h;
    }

    public void writeDouble(double v) throws IOException {
        check(Dtype.FLOAT64);
        putLong(Double.doubleToRawLongBits(v), 8);
    }

    public void writeFloat(float v) throws IOException {
        check(Dtype.FLOAT32);
        putLong(Float.floatToRawIntBits(v) & 0xFFFF_FFFFL, 4);
    }

    public void writeInt(int v) throws IOException {
        check(Dtype.INT32);
        putLong(v & 0xFFFF_FFFFL, 4);
    }

    public void writeLong(long v) throws IOException {
        check(Dtype.INT64);
        putLong(v, 8);
    }

    private void check(Dtype d) {
        if (d != dtype) throw new IllegalStateException("array has dtype " + dtype.descr + ", not " + d.descr);
        if (written == expected) throw new IllegalStateException("more elements than the shape holds (" + expected + ")");
        written++;
    }

    private void putLong(long v, int n) throws IOException {
        for (int k = 0; k < n; k++) buf[k] = (byte) (v >>> (8 * k));
        out.write(buf, 0, n);
    }

    /** Flushes; the stream itself belongs to the caller. */
    @Override
    public void close() throws IOException {
        out.flush();
        if (written != expected) {
            throw new IllegalStateException("wrote " + written + " elements, shape needs " + expected);
        }
    }
}
