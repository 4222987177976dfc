package org.spikeforge.encoders.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes NumPy's NPY and NPZ formats (format versions 1.0, 2.0 and 3.0).
 *
 * <p>An NPY file is the magic string {@code \x93NUMPY}, a version, a header length, and an ASCII
 * (UTF-8 in 3.0) Python dict literal {@code {'descr': ..., 'fortran_order': ..., 'shape': (...)}},
 * padded so the data starts at a multiple of 64 bytes; the raw elements follow. NPZ is a ZIP
 * archive of {@code NAME.npy} entries, stored or deflated.
 *
 * <p>Supported: float16/32/64, signed and unsigned integers of 1–8 bytes, bool, either byte
 * order, C or Fortran order (Fortran data is reordered to C order on read), and structured
 * dtypes of scalar fields with padding. Writes are little-endian, C order, and atomic: the file is
 * written beside its target and moved into place, so it is either complete or absent.
 *
 * <p>Errors name the file (or the NPZ entry) and what was wrong, one line each.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private Npy() {}

    // ------------------------------------------------------------------ read

    /** Reads an NPY file. */
    public static NpyArray read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": file not found");
        }
    }

    /** Reads one NPY array from {@code in}; {@code source} names it in error messages. */
    public static NpyArray read(InputStream in, String source) throws IOException {
        byte[] magic = readFully(in, 8, source, "the NPY preamble");
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) throw new IllegalArgumentException(source + ": not an NPY file (bad magic bytes)");
        }
        int major = magic[6] & 0xff;
        int headerLen;
        if (major == 1) {
            byte[] l = readFully(in, 2, source, "the header length");
            headerLen = (l[0] & 0xff) | (l[1] & 0xff) << 8;
        } else if (major == 2 || major == 3) {
            byte[] l = readFully(in, 4, source, "the header length");
            long len = ByteBuffer.wrap(l).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
            if (len > 1 << 24) throw new IllegalArgumentException(source + ": NPY header length " + len + " is implausibly large");
            headerLen = (int) len;
        } else {
            throw new IllegalArgumentException(source + ": unsupported NPY format version " + major + "." + (magic[7] & 0xff) + " (supported: 1.0, 2.0, 3.0)");
        }
        byte[] h = readFully(in, headerLen, source, "the header");
        String header = new String(h, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header hd = parseHeader(header, source);
        int size = NpyArray.sizeOf(hd.shape);
        long bytes = (long) size * hd.dtype.itemSize();
        if (bytes > Integer.MAX_VALUE - 16) throw new IllegalArgumentException(source + ": array of " + bytes + " bytes is too large to read (limit 2 GiB)");
        byte[] body = readFully(in, (int) bytes, source, "the data (" + bytes + " bytes for shape " + java.util.Arrays.toString(hd.shape) + ")");
        ByteBuffer data = ByteBuffer.wrap(body);
        if (hd.fortranOrder && hd.shape.length > 1) data = fortranToC(data, hd.shape, hd.dtype.itemSize());
        return new NpyArray(hd.dtype, hd.shape, data, true);
    }

    /** Reads every array of an NPZ archive, keyed by entry name without {@code .npy}, in archive order. */
    public static Map<String, NpyArray> readNpz(Path file) throws IOException {
        if (!Files.exists(file)) throw new IllegalArgumentException(file + ": file not found");
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) { // the central directory copes with any local-header layout
            var entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory()) continue;
                String name = e.getName();
                String key = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
                try (InputStream in = zip.getInputStream(e)) {
                    out.put(key, read(in, file + "[" + name + "]"));
                }
            }
        } catch (ZipException e) {
            throw new IllegalArgumentException(file + ": not a valid NPZ (ZIP) archive: " + e.getMessage());
        }
        if (out.isEmpty()) throw new IllegalArgumentException(file + ": NPZ archive holds no arrays");
        return out;
    }

    /** Reads every array of an NPZ archive from {@code in}; {@code source} names it in error messages. */
    public static Map<String, NpyArray> readNpz(InputStream in, String source) throws IOException {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            boolean any = false;
            while ((e = zip.getNextEntry()) != null) {
                any = true;
                if (e.isDirectory()) continue;
                String name = e.getName();
                String key = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
                out.put(key, read(zip, source + "[" + name + "]"));
            }
            if (!any) throw new IllegalArgumentException(source + ": not an NPZ archive (no ZIP entries found)");
        } catch (ZipException e) {
            throw new IllegalArgumentException(source + ": not a valid NPZ (ZIP) archive: " + e.getMessage());
        }
        return out;
    }

    private static byte[] readFully(InputStream in, int n, String source, String what) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            int r = in.read(b, off, n - off);
            if (r < 0) throw new IllegalArgumentException(source + ": file ends inside " + what + " (read " + off + " of " + n + " bytes)");
            off += r;
        }
        return b;
    }

    private static ByteBuffer fortranToC(ByteBuffer f, int[] shape, int item) {
        int n = NpyArray.sizeOf(shape);
        byte[] src = f.array();
        byte[] dst = new byte[src.length];
        int rank = shape.length;
        int[] idx = new int[rank];
        int[] fStride = new int[rank];
        fStride[0] = 1;
        for (int d = 1; d < rank; d++) fStride[d] = fStride[d - 1] * shape[d - 1];
        for (int c = 0; c < n; c++) { // c walks C order; idx is its multi-index
            int fi = 0;
            for (int d = 0; d < rank; d++) fi += idx[d] * fStride[d];
            System.arraycopy(src, fi * item, dst, c * item, item);
            for (int d = rank - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) break;
                idx[d] = 0;
            }
        }
        return ByteBuffer.wrap(dst);
    }

    // ------------------------------------------------------------------ header

    private record Header(NpyDType dtype, boolean fortranOrder, int[] shape) {}

    private static Header parseHeader(String text, String source) {
        Object lit;
        try {
            lit = new Literal(text.strip()).parseAll();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": malformed NPY header (" + e.getMessage() + "): " + text.strip());
        }
        if (!(lit instanceof Map<?, ?> m)) throw new IllegalArgumentException(source + ": NPY header is not a dict: " + text.strip());
        Object descr = m.get("descr");
        Object fortran = m.get("fortran_order");
        Object shape = m.get("shape");
        if (descr == null || fortran == null || shape == null) {
            throw new IllegalArgumentException(source + ": NPY header lacks one of 'descr', 'fortran_order', 'shape': " + text.strip());
        }
        if (!(fortran instanceof Boolean fo)) throw new IllegalArgumentException(source + ": 'fortran_order' must be True or False, was " + fortran);
        if (!(shape instanceof List<?> sl)) throw new IllegalArgumentException(source + ": 'shape' must be a tuple, was " + shape);
        int[] dims = new int[sl.size()];
        for (int i = 0; i < dims.length; i++) {
            if (!(sl.get(i) instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(source + ": bad dimension " + sl.get(i) + " in shape " + shape);
            }
            dims[i] = (int) (long) l;
        }
        NpyDType dt;
        try {
            dt = dtypeOf(descr);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
        return new Header(dt, fo, dims);
    }

    private static NpyDType dtypeOf(Object descr) {
        if (descr instanceof String s) return NpyDType.parse(s);
        if (!(descr instanceof List<?> fields)) throw new IllegalArgumentException("'descr' must be a string or a list of fields, was " + descr);
        List<NpyDType.Field> out = new ArrayList<>();
        int offset = 0;
        for (Object f : fields) {
            if (!(f instanceof List<?> t) || t.size() < 2 || !(t.get(0) instanceof String name)) {
                throw new IllegalArgumentException("bad structured field " + f + " (expected ('name', 'type'))");
            }
            if (t.size() > 2) throw new IllegalArgumentException("structured field '" + name + "' has a sub-array shape " + t.get(2) + ", which is not supported");
            if (t.get(1) instanceof List<?>) throw new IllegalArgumentException("nested structured field '" + name + "' is not supported");
            if (!(t.get(1) instanceof String ts)) throw new IllegalArgumentException("bad type " + t.get(1) + " of field '" + name + "'");
            NpyDType ft = NpyDType.parse(ts);
            out.add(new NpyDType.Field(name, ft, offset));
            offset += ft.itemSize();
        }
        if (out.isEmpty()) throw new IllegalArgumentException("structured dtype with no fields");
        return new NpyDType('S', offset, ByteOrder.LITTLE_ENDIAN, out);
    }

    /** A parser for the Python literals NPY headers use: dicts, lists, tuples, strings, ints, booleans. */
    private static final class Literal {
        private final String s;
        private int i;

        Literal(String s) {
            this.s = s;
        }

        Object parseAll() {
            Object v = value();
            skip();
            if (i != s.length()) throw new IllegalArgumentException("unexpected '" + s.charAt(i) + "' at column " + i);
            return v;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        private Object value() {
            skip();
            if (i >= s.length()) throw new IllegalArgumentException("unexpected end");
            char c = s.charAt(i);
            return switch (c) {
                case '{' -> dict();
                case '[' -> sequence('[', ']');
                case '(' -> sequence('(', ')');
                case '\'', '"' -> string();
                default -> {
                    if (s.startsWith("True", i)) { i += 4; yield Boolean.TRUE; }
                    if (s.startsWith("False", i)) { i += 5; yield Boolean.FALSE; }
                    if (c == '-' || Character.isDigit(c)) yield integer();
                    throw new IllegalArgumentException("unexpected '" + c + "' at column " + i);
                }
            };
        }

        private Map<String, Object> dict() {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            while (true) {
                skip();
                if (peek() == '}') { i++; return m; }
                Object k = value();
                if (!(k instanceof String key)) throw new IllegalArgumentException("dict key " + k + " is not a string");
                skip();
                expect(':');
                m.put(key, value());
                skip();
                if (peek() == ',') i++;
                else if (peek() != '}') throw new IllegalArgumentException("expected ',' or '}' at column " + i);
            }
        }

        private List<Object> sequence(char open, char close) {
            List<Object> l = new ArrayList<>();
            i++;
            while (true) {
                skip();
                if (peek() == close) { i++; return l; }
                l.add(value());
                skip();
                if (peek() == ',') i++;
                else if (peek() != close) throw new IllegalArgumentException("expected ',' or '" + close + "' at column " + i);
            }
        }

        private String string() {
            char q = s.charAt(i++);
            StringBuilder b = new StringBuilder();
            while (i < s.length() && s.charAt(i) != q) {
                char c = s.charAt(i++);
                if (c == '\\' && i < s.length()) c = s.charAt(i++);
                b.append(c);
            }
            expect(q);
            return b.toString();
        }

        private Long integer() {
            int start = i;
            if (s.charAt(i) == '-') i++;
            while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
            if (i < s.length() && (s.charAt(i) == 'L' || s.charAt(i) == 'l')) i++; // Python 2 long suffix
            String digits = s.substring(start, i).replaceAll("[Ll]$", "");
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad integer '" + digits + "'");
            }
        }

        private char peek() {
            if (i >= s.length()) throw new IllegalArgumentException("unexpected end");
            return s.charAt(i);
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) throw new IllegalArgumentException("expected '" + c + "' at column " + i);
            i++;
        }
    }

    // ------------------------------------------------------------------ write

    /** Writes {@code a} to {@code file} atomically (complete or absent). */
    public static void write(Path file, NpyArray a) throws IOException {
        writeAtomically(file, out -> write(out, a));
    }

    /** Writes {@code a} in NPY format to {@code out}. */
    public static void write(OutputStream out, NpyArray a) throws IOException {
        out.write(headerBytes(a));
        ByteBuffer data = a.rawData();
        byte[] chunk = new byte[Math.min(data.remaining(), 1 << 20)];
        while (data.hasRemaining()) {
            int n = Math.min(chunk.length, data.remaining());
            data.get(chunk, 0, n);
            out.write(chunk, 0, n);
        }
    }

    /** Writes the arrays as an NPZ archive ({@code NAME.npy} entries, deflated), atomically. */
    public static void writeNpz(Path file, Map<String, NpyArray> arrays) throws IOException {
        writeAtomically(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                write(zip, e.getValue());
                zip.closeEntry();
            }
            zip.finish();
        });
    }

    static byte[] headerBytes(NpyArray a) {
        StringBuilder shape = new StringBuilder("(");
        int[] s = a.shape();
        for (int d = 0; d < s.length; d++) {
            shape.append(s[d]);
            if (s.length == 1 || d < s.length - 1) shape.append(s.length == 1 ? "," : ", ");
        }
        shape.append(')');
        String dict = "{'descr': " + a.dtype().descr() + ", 'fortran_order': False, 'shape': " + shape + ", }";
        // NumPy leaves room for the first axis to grow to 21 digits, so that appenders can rewrite the header in place
        if (s.length > 0) dict += " ".repeat(Math.max(0, 21 - Integer.toString(s[0]).length()));
        byte[] dictBytes = dict.getBytes(StandardCharsets.ISO_8859_1);
        int version = 1;
        int pre = 10;
        int pad = (64 - (pre + dictBytes.length + 1) % 64) % 64;
        int headerLen = dictBytes.length + pad + 1;
        if (headerLen > 65535) { // only version 2.0 has a 4-byte header length
            version = 2;
            pre = 12;
            pad = (64 - (pre + dictBytes.length + 1) % 64) % 64;
            headerLen = dictBytes.length + pad + 1;
        }
        ByteBuffer b = ByteBuffer.allocate(pre + headerLen).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) version).put((byte) 0);
        if (version == 1) b.putShort((short) headerLen);
        else b.putInt(headerLen);
        b.put(dictBytes);
        for (int k = 0; k < pad; k++) b.put((byte) ' ');
        b.put((byte) '\n');
        return b.array();
    }

    /** A body that writes a file's content. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes a file through a temporary sibling and an atomic move, so that a reader never sees a
     * partial file. Used by every writer of this module.
     */
    public static void writeAtomically(Path file, Writer body) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".part");
        try {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                body.writeTo(out);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The NPY bytes of {@code a} (header and data), as {@link #write(OutputStream, NpyArray)} writes them. */
    public static byte[] toBytes(NpyArray a) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, a);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

}
