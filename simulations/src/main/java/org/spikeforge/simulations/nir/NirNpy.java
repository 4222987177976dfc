package org.spikeforge.simulations.nir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Minimal NumPy {@code .npy} reader and writer and {@code .npz} reader for NIR runs: input
 * arrays in, recorded traces out.
 *
 * <p>Reads format versions 1.0, 2.0 and 3.0, C order, element types {@code f4 f8 i1 i2 i4 i8 u1
 * u2 u4 b1} in either byte order; values are returned as {@code double}. Writes version 1.0,
 * little-endian {@code <f4}, C order. {@code .npz} archives may be stored or deflated
 * ({@code np.savez} / {@code np.savez_compressed}). Problems raise {@link NirFormatException}
 * naming the file.
 */
public final class NirNpy {

    private NirNpy() {}

    /** An array read from a {@code .npy} file: NumPy element type ({@code descr}), shape and values in C order. */
    public record Array(String descr, int[] shape, double[] data) {
        public Array {
            shape = shape.clone();
            if (NirTensor.product(shape) != data.length) {
                throw new NirFormatException("array shape " + Arrays.toString(shape) + " does not match " + data.length + " values");
            }
        }

        @Override public int[] shape() { return shape.clone(); }

        public int size() { return data.length; }
    }

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Reads a {@code .npy} file. */
    public static Array read(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new NirFormatException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Reads every array of a {@code .npz} archive, keyed by name without the {@code .npy} suffix. */
    public static Map<String, Array> readNpz(Path file) {
        Map<String, Array> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                out.put(name, parse(zip.readAllBytes(), file + ":" + e.getName()));
            }
        } catch (IOException e) {
            throw new NirFormatException(file + ": not a readable .npz archive (" + e.getMessage() + ")", e);
        }
        if (out.isEmpty()) throw new NirFormatException(file + ": not a .npz archive (no arrays found)");
        return out;
    }

    /** Parses the bytes of a {@code .npy} file; {@code name} is used in messages. */
    public static Array parse(byte[] bytes, String name) {
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new NirFormatException(name + ": not a .npy file (missing the \\x93NUMPY magic)");
        }
        int major = bytes[6];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen, start;
        if (major == 1) { headerLen = b.getShort(8) & 0xffff; start = 10; }
        else if (major == 2 || major == 3) {
            if (bytes.length < 12) throw new NirFormatException(name + ": truncated .npy header");
            headerLen = b.getInt(8); start = 12;
        } else throw new NirFormatException(name + ": unsupported .npy format version " + major);
        if (headerLen < 0 || start + headerLen > bytes.length) throw new NirFormatException(name + ": truncated .npy header");
        String header = new String(bytes, start, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header), f = FORTRAN.matcher(header), s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) throw new NirFormatException(name + ": malformed .npy header " + header.strip());
        if (f.group(1).equals("True")) {
            throw new NirFormatException(name + ": Fortran-order arrays are not supported; save with np.ascontiguousarray");
        }
        int[] shape = Arrays.stream(s.group(1).split(",")).map(String::strip).filter(x -> !x.isEmpty())
                .mapToInt(x -> {
                    try { return Integer.parseInt(x.replace("L", "")); }
                    catch (NumberFormatException e) { throw new NirFormatException(name + ": bad shape entry '" + x + "'"); }
                }).toArray();
        long n = NirTensor.product(shape);
        String descr = d.group(1);
        if (descr.length() < 3) throw new NirFormatException(name + ": unsupported dtype '" + descr + "'");
        char order = descr.charAt(0), kind = descr.charAt(1);
        int width;
        try { width = Integer.parseInt(descr.substring(2)); }
        catch (NumberFormatException e) { throw new NirFormatException(name + ": unsupported dtype '" + descr + "'"); }
        int dataStart = start + headerLen;
        if (n * width > bytes.length - dataStart) {
            throw new NirFormatException(name + ": truncated data: shape " + Arrays.toString(shape) + " of " + descr + " needs "
                    + n * width + " bytes, file has " + (bytes.length - dataStart));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).slice()
                .order(order == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        double[] v = new double[(int) n];
        String key = kind + Integer.toString(width);
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (key) {
                case "f4" -> data.getFloat(i * 4);
                case "f8" -> data.getDouble(i * 8);
                case "i1" -> data.get(i);
                case "u1", "b1" -> data.get(i) & 0xff;
                case "i2" -> data.getShort(i * 2);
                case "u2" -> data.getShort(i * 2) & 0xffff;
                case "i4" -> data.getInt(i * 4);
                case "u4" -> data.getInt(i * 4) & 0xffffffffL;
                case "i8" -> data.getLong(i * 8);
                default -> throw new NirFormatException(name + ": unsupported dtype '" + descr
                        + "' (supported: float32/64, int8/16/32/64, uint8/16/32, bool)");
            };
        }
        return new Array(descr, shape, v);
    }

    /** Writes {@code data} (C order) as a little-endian float32 {@code .npy} file, atomically. */
    public static void writeFloat32(Path file, int[] shape, float[] data) {
        if (NirTensor.product(shape) != data.length) {
            throw new NirFormatException(file + ": shape " + Arrays.toString(shape) + " does not match " + data.length + " values");
        }
        StringBuilder sh = new StringBuilder();
        for (int d : shape) sh.append(d).append(", ");
        String dims = shape.length == 1 ? shape[0] + "," : sh.length() == 0 ? "" : sh.substring(0, sh.length() - 2);
        StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }");
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header.append(" ".repeat(pad)).append('\n');
        ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        buf.put(header.toString().getBytes(StandardCharsets.ISO_8859_1));
        for (float x : data) buf.putFloat(x);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".npy-", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(buf.array());
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new NirFormatException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }
}
