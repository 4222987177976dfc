package org.spikeforge.simulations.recording;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a .npy file the way numpy.load does (version 1.0, little-endian, C order), for tests. */
record Npy(String descr, long[] shape, double[] data) {
    private static final Pattern DESCR = Pattern.compile("'descr': '([^']+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape': \\(([^)]*)\\)");

    static Npy read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        if ((b[0] & 0xff) != 0x93 || !new String(b, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IOException(file + ": not an npy file");
        }
        if (b[6] != 1 || b[7] != 0) throw new IOException(file + ": version " + b[6] + "." + b[7]);
        int hlen = (b[8] & 0xff) | (b[9] & 0xff) << 8;
        String header = new String(b, 10, hlen, StandardCharsets.US_ASCII);
        if (!header.contains("'fortran_order': False") || !header.endsWith("\n") || (10 + hlen) % 16 != 0) {
            throw new IOException(file + ": bad header " + header);
        }
        Matcher d = DESCR.matcher(header), s = SHAPE.matcher(header);
        if (!d.find() || !s.find()) throw new IOException(file + ": bad header " + header);
        String[] dims = s.group(1).split(",");
        long n = 1;
        java.util.List<Long> sh = new java.util.ArrayList<>();
        for (String x : dims) {
            if (x.isBlank()) continue;
            sh.add(Long.parseLong(x.trim()));
            n *= sh.getLast();
        }
        ByteBuffer buf = ByteBuffer.wrap(b, 10 + hlen, b.length - 10 - hlen).order(ByteOrder.LITTLE_ENDIAN);
        double[] data = new double[(int) n];
        for (int k = 0; k < n; k++) {
            data[k] = switch (d.group(1)) {
                case "<f8" -> buf.getDouble();
                case "<f4" -> buf.getFloat();
                case "<i4" -> buf.getInt();
                case "<i8" -> buf.getLong();
                default -> throw new IOException("dtype " + d.group(1));
            };
        }
        if (buf.hasRemaining()) throw new IOException(file + ": " + buf.remaining() + " trailing bytes");
        return new Npy(d.group(1), sh.stream().mapToLong(Long::longValue).toArray(), data);
    }
}
